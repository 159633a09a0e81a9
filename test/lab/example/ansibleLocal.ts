// Runs the example repo's playbooks against this machine: every inventory host (pve01 and the
// notes container) is `ansible_connection: local`, so the roles' commands run here, with the
// paths the test gives through extra vars. Ansible's own state (temp files, facts) stays in
// the test's folder.

import { promises as fs, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PrivateInitd } from './privateInitd';
import type { RunResult } from './run';

export interface AnsibleLocal {
  playbook(playbook: string, extraVars: Record<string, unknown>, env?: NodeJS.ProcessEnv): RunResult;
}

export async function ansibleLocal(repo: string, dir: string, initd: PrivateInitd): Promise<AnsibleLocal> {
  await fs.mkdir(path.join(dir, 'tmp'), { recursive: true });
  const inventory = path.join(dir, 'inventory.yml');
  const local = { ansible_connection: 'local', ansible_host: '127.0.0.1', ansible_python_interpreter: '/usr/bin/python3' };
  await fs.writeFile(
    inventory,
    JSON.stringify({
      all: {
        children: {
          proxmox_admin: { hosts: { pve01: local } },
          containers: { hosts: { notes_container: { ...local, container_id: 165 } } },
        },
      },
    }),
  );
  let runs = 0;
  return {
    playbook(playbook, extraVars, env = {}) {
      runs += 1;
      const varsFile = path.join(dir, `extra-vars-${runs}.json`);
      writeFileSync(varsFile, JSON.stringify(extraVars), { mode: 0o600 });
      return initd.run('ansible-playbook', ['-i', inventory, '-e', `@${varsFile}`, playbook], {
        cwd: repo,
        timeoutMs: 300_000,
        env: {
          ...process.env,
          ...env,
          ANSIBLE_LOCAL_TEMP: path.join(dir, 'tmp'),
          ANSIBLE_REMOTE_TEMP: path.join(dir, 'tmp'),
          ANSIBLE_NOCOLOR: '1',
          ANSIBLE_FORCE_COLOR: '0',
          ANSIBLE_LOCALHOST_WARNING: 'false',
          ANSIBLE_RETRY_FILES_ENABLED: 'false',
        },
      });
    },
  };
}
