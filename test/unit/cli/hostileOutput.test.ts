// A repo written to attack whoever reads Certify's output: ESC/BEL sequences that retitle or
// clear a terminal, a newline that forges a table row, bidi overrides, passwords in URLs and
// plaintext vault values resolved into facts. Every command, in every format, run in-process:
// no raw control character, no secret, JSON and SARIF that parse, the documented exit codes.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import { SECRET_MARK } from '../../../src/core/urlCredentials';
import { makeRepo } from '../helpers/tempRepo';

/** Each stands for a secret the repo plants; none may reach any output. */
const SECRETS = ['S3cretUrlPw', 'R0leDefaultPw', '10.99.88.77', 'VaultFileDbName', 'VaultInventoryPw', 'AES256'];
/** C0 but tab and line feed, DEL, C1, line/paragraph separators, bidi overrides and isolates. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const HOSTILE_REPO: Record<string, string> = {
  'certify.yml': 'targets:\n  rto_minutes: 60\n',
  'inventory/hosts.yml': [
    'all:',
    '  vars:',
    '    domain: example.net',
    '  children:',
    '    proxmox_admin:',
    '      hosts:',
    '        "pve\\e]0;pwned\\a\\e[2J\\u009b01":',
    '          ansible_host: 192.168.1.10',
    '          ansible_user: !vault |',
    '            $ANSIBLE_VAULT;1.1;AES256',
    '            3136333935',
    '',
  ].join('\n'),
  'group_vars/all/vault.yml': 'vault_nextcloud_ip: "10.99.88.77"\nnextcloud_db_name: VaultFileDbName\nvault_pve_password: VaultInventoryPw\n',
  'services/gitea.yml': [
    'name: gitea',
    'container_id: 160',
    'hostname: "evil\\e]0;pwned\\a\\e[2Jhost"',
    'ip_address: "10.0.0.60\\ngitea2  999  forged  10.6.6.6"',
    'roles: [gitea_api, "evil\\u202Erole"]',
    'external:',
    '  url: https://admin:S3cretUrlPw@git.example.net',
    '',
  ].join('\n'),
  'playbooks/gitea-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - gitea_api\n',
  'roles/gitea_api/defaults/main.yml': 'gitea_container_id: 160\ngitea_hostname: gitea\n',
  'roles/gitea_api/tasks/main.yml': '- name: Install gitea\n  ansible.builtin.apt:\n    name: gitea\n    state: present\n',
  'playbooks/nextcloud-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - nextcloud_api\n',
  'roles/nextcloud_api/defaults/main.yml': [
    'nextcloud_container_id: 161',
    'nextcloud_hostname: "cloud\\nnextcloud2  998  forged  10.6.6.7"',
    'nextcloud_ip_address: "{{ vault_nextcloud_ip }}"',
    'nextcloud_external_url: "https://root:R0leDefaultPw@cloud.{{ domain }}"',
    'nextcloud_db_name: nextcloud',
    '',
  ].join('\n'),
  'roles/nextcloud_api/tasks/main.yml': '- name: Install nextcloud\n  ansible.builtin.apt:\n    name: nextcloud\n    state: present\n',
};

interface Run {
  argv: string[];
  code: number;
  out: string;
  err: string;
}

/** Wide enough that every value shows whole; each run is made at 80 columns too, cut and wrapped. */
const WIDE = 400;
const NARROW = 80;

async function certify(root: string, columns: number, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--repo', root], { cwd: root, columns, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { argv, code, out: out.join('\n'), err: err.join('\n') };
}

/** Every command and format, with the exit code each must give on this repo. */
const RUNS: [string[], number][] = [
  [['list'], EXIT.ok],
  [['list', '--json'], EXIT.ok],
  [['status', 'gitea'], EXIT.ok],
  [['status', 'gitea', '--json'], EXIT.ok],
  [['status', 'nextcloud'], EXIT.ok],
  [['status', 'nextcloud', '--json'], EXIT.ok],
  // The schema rejects the hostname and the URL: errors, so exit 1.
  [['validate'], EXIT.failed],
  [['validate', '--format', 'json'], EXIT.failed],
  [['validate', '--format', 'sarif'], EXIT.failed],
];

describe('output of a hostile repo', () => {
  const runs = new Map<string, Run>();
  before(async () => {
    const root = await makeRepo(HOSTILE_REPO);
    for (const [argv] of RUNS) {
      runs.set(argv.join(' '), await certify(root, WIDE, ...argv));
      runs.set(`${argv.join(' ')} @${NARROW}`, await certify(root, NARROW, ...argv));
    }
  });
  const run = (argv: string): Run => runs.get(argv) as Run;

  test('every command exits with its documented code', () => {
    for (const [argv, code] of RUNS) {
      for (const key of [argv.join(' '), `${argv.join(' ')} @${NARROW}`]) assert.equal(run(key).code, code, `${key}: ${run(key).err}`);
    }
  });

  test('no raw control or direction character in any output', () => {
    for (const { argv, out, err } of runs.values()) {
      assert.doesNotMatch(out, RAW_CONTROL, `stdout of ${argv.join(' ')}`);
      assert.doesNotMatch(err, RAW_CONTROL, `stderr of ${argv.join(' ')}`);
    }
  });

  test('no secret in any output: URL passwords masked, vault values never resolved', () => {
    for (const { argv, out, err } of runs.values()) {
      for (const secret of SECRETS) {
        assert.ok(!out.includes(secret), `${secret} in stdout of ${argv.join(' ')}`);
        assert.ok(!err.includes(secret), `${secret} in stderr of ${argv.join(' ')}`);
      }
    }
    assert.match(run('list').out, new RegExp(`https://admin:${SECRET_MARK}@git\\.example\\.net`));
    // Wrapped at 80 columns, the URL was masked before it was laid out (the loop above: no secret).
    assert.ok(run(`list @${NARROW}`).out.includes('https://admin:'));
  });

  test('JSON and SARIF parse, and keep the values (masked) as strings', () => {
    const listed = JSON.parse(run('list --json').out) as {
      services: { name: string; facts: Record<string, { kind: string; value?: string; expression?: string }>; databases: string[] }[];
      proxmoxHost: { name: string; user: string };
    };
    const gitea = listed.services.find((service) => service.name === 'gitea');
    const nextcloud = listed.services.find((service) => service.name === 'nextcloud');
    assert.equal(gitea?.facts.hostname.value, 'evil\u001b]0;pwned\u0007\u001b[2Jhost', 'JSON keeps the value, escaped by JSON itself');
    assert.equal(gitea?.facts.externalUrl.value, `https://admin:${SECRET_MARK}@git.example.net`);
    assert.deepEqual(nextcloud?.facts.ipAddress, {
      kind: 'unresolved',
      expression: '{{ vault_nextcloud_ip }}',
      origin: 'role-defaults',
      source: { file: 'roles/nextcloud_api/defaults/main.yml', line: 3, column: 1 },
    });
    assert.equal(nextcloud?.facts.externalUrl.value, `https://root:${SECRET_MARK}@cloud.example.net`);
    assert.deepEqual(nextcloud?.databases, [], 'a database named by a vault file is not resolved');
    assert.equal(listed.proxmoxHost.name, 'pve\u001b]0;pwned\u0007\u001b[2J\u009b01');
    assert.equal(listed.proxmoxHost.user, SECRET_MARK);
    assert.doesNotThrow(() => JSON.parse(run('status gitea --json').out));
    assert.doesNotThrow(() => JSON.parse(run('validate --format json').out));
    const sarif = JSON.parse(run('validate --format sarif').out) as { runs: { results: { message: { text: string } }[] }[] };
    assert.ok(sarif.runs[0].results.length > 0);
  });

  test('a newline in a value never starts a table row', () => {
    for (const argv of ['list', 'status gitea', 'status nextcloud']) {
      const lines = run(argv).out.split('\n');
      assert.ok(!lines.some((line) => /^(gitea2|nextcloud2)\b/.test(line)), `${argv}: a forged row\n${run(argv).out}`);
    }
    const listed = run('list').out.split('\n');
    assert.equal(listed.filter((line) => /^(gitea|nextcloud)\s/.test(line)).length, 2);
    assert.ok(listed.some((line) => line.includes('cloud\\nnextcloud2  998')), 'the newline shows as \\n inside its cell');
    assert.ok(listed.some((line) => line.includes('Proxmox host: pve\\x1b]0;pwned\\x07\\x1b[2J\\x9b01')));
  });

  test('findings quoting repo text stay one line each, escaped', () => {
    const lines = run('validate').out.split('\n').filter((line) => line.length > 0);
    const summary = lines.pop() as string;
    assert.match(summary, /^\d+ errors?, \d+ warnings?, \d+ notes? in \d+ files?\.$/);
    for (const line of lines) assert.match(line, /^[^:\s]+:\d+(:\d+)?: (error|warning|info) \[[^\]]+\] /, `not a finding line: ${line}`);
    assert.ok(lines.some((line) => line.includes('evil\\u202erole')), 'the bidi override shows escaped');
  });

  test('at 80 columns a finding wraps under itself: a continuation never starts at the margin', () => {
    const lines = run(`validate @${NARROW}`).out.split('\n').filter((line) => line.length > 0);
    lines.pop();
    for (const line of lines) assert.match(line, /^(\s{4}\S|[^:\s]+:\d+(:\d+)?: (error|warning|info) \[[^\]]+\]( |$))/, `neither a finding nor its continuation: ${line}`);
    const rows = run(`list @${NARROW}`).out.split('\n');
    assert.ok(!rows.some((line) => /^(gitea2|nextcloud2)\b/.test(line)), 'a forged row at 80 columns');
  });
});
