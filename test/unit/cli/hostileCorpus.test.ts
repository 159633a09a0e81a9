// Every CLI command over a corpus of hostile repos, generated here: special files (FIFOs,
// links to /dev/zero, folders) in the place of each file Certify reads, links leading out of the
// repo, dangling links and loops, invalid UTF-8, oversized files, control characters, credentials
// in URLs and plaintext vault values. Each run is a real process with a deadline: none may hang,
// print a stack, exit outside the documented codes, print a secret or a raw control character.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCli } from './builtCli';
import { runWithDeadline, type Outcome } from './runWithDeadline';

/** Strings that must never reach any output: each stands for a secret the corpus plants. */
const SECRETS = ['CorpusUrlPassw0rd', 'CorpusVaultValue', 'OutsideFileContent'];
/** The documented exit codes (src/cli/exitCodes.ts), 70 (a bug) excluded. */
const DOCUMENTED = new Set([0, 1, 2, 3, 4, 5]);
/** C0 controls but tab and line feed, DEL and C1: never printed raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;
const DEADLINE_MS = 20_000;
const CONCURRENT_RUNS = 3;

const BASE: Record<string, string> = {
  'certify.yml': 'targets:\n  rto_minutes: 60\n',
  'inventory/hosts.yml': 'proxmox_admin:\n  hosts:\n    pve:\n      ansible_host: 127.0.0.1\n',
  'services/gitea.yml': 'name: gitea\ncontainer_id: 160\nhostname: gitea\nip_address: 127.0.0.60\n',
  'playbooks/gitea-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - gitea_api\n',
  'roles/gitea_api/defaults/main.yml': 'gitea_container_id: 160\ngitea_hostname: gitea\n',
  'roles/gitea_api/tasks/main.yml': '- name: Install gitea\n  ansible.builtin.apt:\n    name: gitea\n    state: present\n',
};

/** Files Certify reads, each of which the corpus replaces with something hostile. */
const TARGETS = ['services/gitea.yml', 'inventory/hosts.yml', 'roles/gitea_api/defaults/main.yml', 'certify.yml', '.certify/gitea/record.json'];

type Plant = (file: string, context: { root: string; outside: string }) => Promise<void>;

const SPECIAL: Record<string, Plant> = {
  fifo: async (file) => void execFileSync('mkfifo', [file]),
  'link to /dev/zero': (file) => fs.symlink('/dev/zero', file),
  'folder in its place': (file) => fs.mkdir(file),
  'link out of the repo': (file, { outside }) => fs.symlink(outside, file),
  'dangling link': (file) => fs.symlink(`${file}.missing`, file),
  'link loop': async (file) => {
    await fs.symlink(`${file}.b`, file);
    await fs.symlink(file, `${file}.b`);
  },
  'invalid UTF-8': (file) => fs.writeFile(file, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xc3, 0x28, 0xff, 0x0a])),
  oversized: (file) => fs.writeFile(file, `# ${'x'.repeat(1023)}\n`.repeat(6 * 1024)),
};

/** Whole-repo cases beside the per-file ones. */
const REPO_CASES: Record<string, Plant> = {
  '.certify is a file': (root) => fs.writeFile(path.join(root, '.certify'), 'not a folder\n'),
  '.certify links out of the repo': async (root, { outside }) => fs.symlink(path.dirname(outside), path.join(root, '.certify')),
  'control characters in a hostname and an inventory host': async (root) => {
    await fs.writeFile(path.join(root, 'services/gitea.yml'), 'name: gitea\ncontainer_id: 160\nhostname: "git\\e]0;pwned\\a\\e[2J"\nip_address: "127.0.0.60\\n| forged | row |"\n');
    await fs.writeFile(path.join(root, 'inventory/hosts.yml'), 'proxmox_admin:\n  hosts:\n    "pve\\e[31mred\\u009b":\n      ansible_host: 127.0.0.1\n');
  },
  'credentials in URLs': async (root) => {
    await fs.appendFile(path.join(root, 'services/gitea.yml'), 'external:\n  url: https://admin:CorpusUrlPassw0rd@git.example.net\n');
    await fs.appendFile(path.join(root, 'roles/gitea_api/defaults/main.yml'), 'gitea_url: "https://admin:CorpusUrlPassw0rd@git.example.net/"\n');
  },
  'a plaintext vault value resolved into a fact': async (root) => {
    await fs.mkdir(path.join(root, 'group_vars/all'), { recursive: true });
    await fs.writeFile(path.join(root, 'group_vars/all/vault.yml'), 'vault_gitea_hostname: CorpusVaultValue\n');
    await fs.writeFile(path.join(root, 'services/gitea.yml'), 'name: gitea\ncontainer_id: 160\n');
    await fs.writeFile(path.join(root, 'roles/gitea_api/defaults/main.yml'), 'gitea_container_id: 160\ngitea_hostname: "{{ vault_gitea_hostname }}"\n');
  },
};

const FILE_COMMANDS = [['list', '--json'], ['status', 'gitea'], ['validate'], ['run', 'gitea', '--all', '--dry-run']];
const ALL_COMMANDS = [['list'], ['list', '--json'], ['status', 'gitea'], ['status', 'gitea', '--json'], ['validate'], ['validate', '--format', 'json'], ['validate', '--format', 'sarif'], ['report', 'gitea'], ['report', 'gitea', '--format', 'html'], ['report', '--all', '--format', 'junit'], ['run', 'gitea', '--all', '--dry-run'], ['run', 'gitea', '--step', '6', '--dry-run', '--format', 'json']];

describe('every CLI command over hostile repos', () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  let scratch: string;
  let outside: string;

  before(async () => {
    cli = await buildCli();
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-hostile-'));
    outside = path.join(scratch, 'outside', 'secret.yml');
    await fs.mkdir(path.dirname(outside), { recursive: true });
    await fs.writeFile(outside, 'name: OutsideFileContent\n');
  });

  after(async () => {
    await cli.dispose();
    await fs.rm(scratch, { recursive: true, force: true });
  });

  async function repo(name: string): Promise<string> {
    const root = path.join(scratch, name.replace(/[^a-z0-9]+/gi, '-'));
    for (const [file, text] of Object.entries(BASE)) {
      await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await fs.writeFile(path.join(root, file), text);
    }
    return root;
  }

  function check(what: string, argv: string[], outcome: Outcome): string[] {
    const where = `${what}: certify ${argv.join(' ')}`;
    const problems: string[] = [];
    if (outcome.timedOut) return [`${where}: still running after ${DEADLINE_MS} ms`];
    if (outcome.code === null || !DOCUMENTED.has(outcome.code)) problems.push(`${where}: exit ${outcome.code ?? outcome.signal}\n${outcome.stderr}`);
    for (const [stream, text] of [['stdout', outcome.stdout], ['stderr', outcome.stderr]] as const) {
      if (STACK.test(text)) problems.push(`${where}: a stack on ${stream}\n${text}`);
      const control = RAW_CONTROL.exec(text);
      if (control) problems.push(`${where}: raw U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')} on ${stream}`);
      for (const secret of SECRETS) if (text.includes(secret)) problems.push(`${where}: ${stream} shows the secret ${secret}`);
    }
    if (argv.includes('--json') || argv.includes('json') || argv.includes('sarif')) {
      try {
        if (outcome.stdout.trim() !== '') JSON.parse(outcome.stdout);
      } catch (error) {
        problems.push(`${where}: stdout is not JSON (${(error as Error).message})`);
      }
    }
    return problems;
  }

  /** The commands over one repo, a few at a time (each run is mostly process start-up). */
  async function runAll(what: string, root: string, commands: string[][]): Promise<string[]> {
    const problems: string[][] = [];
    let next = 0;
    const runner = async (): Promise<void> => {
      while (next < commands.length) {
        const index = next++;
        const argv = commands[index];
        problems[index] = check(what, argv, await runWithDeadline(process.execPath, [cli.script, ...argv, '--repo', root], DEADLINE_MS));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_RUNS }, runner));
    return problems.flat();
  }

  for (const target of TARGETS) {
    test(`${target} replaced by each kind of special or broken file`, { timeout: 300_000 }, async () => {
      const problems: string[] = [];
      for (const [kind, plant] of Object.entries(SPECIAL)) {
        const root = await repo(`${target}-${kind}`);
        const file = path.join(root, target);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.rm(file, { recursive: true, force: true });
        await plant(file, { root, outside });
        problems.push(...(await runAll(`${target} as ${kind}`, root, FILE_COMMANDS)));
      }
      assert.deepEqual(problems, []);
    });
  }

  test('whole-repo cases: .certify a file or a link out, control characters, credentials, vault values', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    for (const [name, plant] of Object.entries(REPO_CASES)) {
      const root = await repo(name);
      await plant(root, { root, outside });
      problems.push(...(await runAll(name, root, ALL_COMMANDS)));
    }
    assert.deepEqual(problems, []);
  });
});
