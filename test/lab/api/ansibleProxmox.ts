// Runs Debian's Ansible `community.general.proxmox` module once, ad hoc on localhost, with its
// own Ansible home and config, the JSON stdout callback, and the lab CA as the only trust for
// HTTPS (REQUESTS_CA_BUNDLE with validate_certs=true).

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface ModuleResult {
  readonly changed: boolean;
  readonly failed: boolean;
  readonly msg: string;
}

export async function runProxmoxModule(workDir: string, caFile: string, args: Record<string, unknown>): Promise<ModuleResult> {
  const home = path.join(workDir, 'ansible');
  await fs.mkdir(path.join(home, 'tmp'), { recursive: true });
  const config = path.join(home, 'ansible.cfg');
  await fs.writeFile(config, '[defaults]\ninterpreter_python = /usr/bin/python3\n');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ANSIBLE_CONFIG: config,
    ANSIBLE_HOME: home,
    ANSIBLE_LOCAL_TEMP: path.join(home, 'tmp'),
    ANSIBLE_LOAD_CALLBACK_PLUGINS: '1',
    ANSIBLE_STDOUT_CALLBACK: 'json',
    ANSIBLE_DEPRECATION_WARNINGS: '0',
    ANSIBLE_NOCOLOR: '1',
    REQUESTS_CA_BUNDLE: caFile,
  };
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      '/usr/bin/ansible',
      ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'community.general.proxmox', '-a', JSON.stringify(args)],
      { cwd: home, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      // A failed module exits 2; its JSON result is what the test reads.
      (error, out, err) => (out.trim().startsWith('{') ? resolve(out) : reject(new Error(`ansible: ${error?.message ?? ''}\n${err}`))),
    );
  });
  const report = JSON.parse(stdout) as { plays: { tasks: { hosts: Record<string, { changed?: boolean; failed?: boolean; msg?: string }> }[] }[] };
  const host = report.plays[0]?.tasks[0]?.hosts.localhost;
  if (host === undefined) throw new Error(`ansible reported no result for localhost: ${stdout}`);
  return { changed: host.changed === true, failed: host.failed === true, msg: host.msg ?? '' };
}
