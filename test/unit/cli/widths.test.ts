// Text output fits the terminal: every command, its --help and its error messages, at 80 and 120
// columns, over the example repo and over a repo of long values (a 200-character hostname
// template, a long URL with a password, a repo at a deep path, long role names). Widths are
// counted in code points, the ellipsis as one. The full values stay in --json.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import { SECRET_MARK } from '../../../src/core/urlCredentials';
import { copyRepo, EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function certify(cwd: string, columns: number, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { cwd, columns, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const widthOf = (line: string) => [...line].length;

const PASSWORD = 'Wide0utputPassw0rd';
const LONG_HOSTNAME = `{{ ${'very_long_hostname_part_'.repeat(8)}x }}`.padEnd(200, 'x');
const LONG_URL = `https://admin:${PASSWORD}@${'subdomain-'.repeat(6)}example.net/${'path-segment/'.repeat(6)}index.html?query=${'v'.repeat(30)}`;
const LONG_ROLE = `${'long_role_name_'.repeat(4)}api`;
/** Deep enough that "Repo: …" and every record path are far wider than any terminal. */
const DEEP = Array.from({ length: 8 }, (_, i) => `a-folder-with-a-long-name-${i}`).join('/');

function longRepoFiles(): Record<string, string> {
  return {
    [`${DEEP}/certify.yml`]: 'targets:\n  rto_minutes: 60\n',
    [`${DEEP}/inventory/hosts.yml`]: `proxmox_admin:\n  hosts:\n    ${'pve-'.repeat(20)}01:\n      ansible_host: 192.168.1.10\n      ansible_user: root\n`,
    [`${DEEP}/services/longhaul.yml`]: [
      'name: longhaul',
      'container_id: 180',
      `hostname: "${LONG_HOSTNAME}"`,
      `ip_address: "{{ ${'network_prefix_'.repeat(5)}x }}.80"`,
      'service_port: 8443',
      `roles: [${LONG_ROLE}, second_role]`,
      'external:',
      `  url: "${LONG_URL}"`,
      '',
    ].join('\n'),
    [`${DEEP}/playbooks/longhaul-deploy.yml`]: `- hosts: proxmox_admin\n  roles:\n    - ${LONG_ROLE}\n    - second_role\n`,
    [`${DEEP}/roles/${LONG_ROLE}/defaults/main.yml`]: 'longhaul_container_id: 180\n',
    [`${DEEP}/roles/${LONG_ROLE}/tasks/main.yml`]: '- name: Install it\n  ansible.builtin.apt:\n    name: longhaul\n    state: latest\n',
    [`${DEEP}/services/${'a'.repeat(60)}.yml`]: `name: ${'a'.repeat(60)}\ncontainer_id: 181\n`,
  };
}

/** Every text a user can get from these commands on one repo: outputs, helps and errors. */
function invocations(services: readonly string[]): string[][] {
  return [
    ['--help'],
    ['help', 'list'],
    ['list'],
    ['list', '--help'],
    ['status', '--help'],
    ['validate', '--help'],
    ...services.map((service) => ['status', service]),
    ['validate'],
    ['validate', '--summary'],
    ['validate', 'roles', 'services'],
    // Errors: a missing path, a missing --repo, an unknown service, a bad option, a missing
    // argument, an extra argument, an unknown command.
    ['validate', `no/such/${'deeply/'.repeat(12)}file.yml`],
    ['list', '--repo', `/nonexistent/${'deep/'.repeat(20)}repo`],
    ['status', `no-such-service-${'x'.repeat(80)}`],
    ['list', `--${'bad-option-'.repeat(10)}`],
    ['validate', '--format', 'yaml'],
    ['status'],
    ['list', 'extra', 'words'],
    [`frobnicate-${'z'.repeat(90)}`],
  ];
}

interface Repo {
  name: string;
  root: string;
  services: string[];
}

describe('text output fits the terminal', () => {
  const repos: Repo[] = [];
  before(async () => {
    repos.push({ name: 'example', root: await copyRepo(EXAMPLE_REPO), services: ['gitea', 'monitoring', 'nextcloud', 'postgresql', 'vaultwarden'] });
    const base = await makeRepo(longRepoFiles());
    repos.push({ name: 'long values', root: path.join(base, DEEP), services: ['longhaul', 'a'.repeat(60)] });
  });

  for (const columns of [80, 120]) {
    test(`no line wider than ${columns} columns, for every command, help and error, on both repos`, async () => {
      for (const repo of repos) {
        for (const argv of invocations(repo.services)) {
          const { code, out, err } = await certify(repo.root, columns, ...argv);
          const label = `${repo.name}: certify ${argv.join(' ')} at ${columns}`;
          assert.notEqual(code, EXIT.internal, `${label}: ${err}`);
          assert.ok(out.length + err.length > 0, `${label}: printed nothing`);
          for (const line of `${out}\n${err}`.split('\n')) {
            assert.ok(widthOf(line) <= columns, `${label}: ${widthOf(line)} wide:\n${line}`);
          }
          assert.ok(!`${out}${err}`.includes(PASSWORD), `${label}: the URL's password was printed`);
        }
      }
    });
  }

  test('a long value is cut with an ellipsis or wrapped in text, and whole in --json', async () => {
    const long = repos[1];
    const text = await certify(long.root, 80, 'status', 'longhaul');
    assert.match(text.out, /^hostname\s+\{\{ very_long_hostname_part_/m, 'status wraps the hostname whole');
    const listed = await certify(long.root, 80, 'list');
    assert.ok(listed.out.includes('…'), 'a template IP is cut with an ellipsis');
    const json = JSON.parse((await certify(long.root, 80, 'status', 'longhaul', '--json')).out) as {
      service: { facts: Record<string, { value?: string; expression?: string }> };
    };
    const hostname = json.service.facts.hostname;
    assert.equal(hostname.value ?? hostname.expression, LONG_HOSTNAME);
    assert.equal(json.service.facts.externalUrl.value, LONG_URL.replace(PASSWORD, SECRET_MARK));
  });

  test('a finding is never cut: its words read the same, wrapped under it', async () => {
    const wide = await certify(repos[0].root, 400, 'validate');
    const narrow = await certify(repos[0].root, 80, 'validate');
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    // A break inside a word (a long path) joins back without the space the wrap replaced.
    assert.equal(words(narrow.out).join(''), words(wide.out).join(''));
    assert.ok(narrow.out.split('\n').length > wide.out.split('\n').length, 'findings wrapped at 80');
  });

  test('at a width that holds them, the tables show every column in full', async () => {
    const { out } = await certify(repos[0].root, 200, 'list');
    assert.match(out, /^SERVICE\s+CT\s+HOSTNAME\s+IP\s+PORT\s+URL\s+ROLES\s+BACKUP\s+RESTORE\s+PROGRESS$/m);
    assert.match(out, /^vaultwarden\s+162\s+vaultwarden\s+\{\{ network_prefix \}\}\.\{\{ vaultwarden_container_id - 100 \}\}\s+8080/m);
    assert.doesNotMatch(out, /left out/);
    const narrow = await certify(repos[0].root, 80, 'list');
    assert.match(narrow.out, /HOSTNAME, PORT, ROLES left out at 80 columns; --json has every value/);
  });
});

describe('paths that do not exist are usage errors naming the path', () => {
  test('certify validate nosuch.yml: exit 2, the path named, nothing on stdout', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const { code, out, err } = await certify(root, 80, 'validate', 'nosuch.yml');
    assert.equal(code, EXIT.usage);
    assert.equal(out, '');
    assert.equal(err, 'certify validate: nosuch.yml does not exist.');
    const mixed = await certify(root, 80, 'validate', 'services', 'nosuch.yml');
    assert.equal(mixed.code, EXIT.usage, 'one missing path among real ones still fails');
  });

  test('--repo /nonexistent: exit 2, "does not exist", not "is not an infrastructure repo"', async () => {
    for (const command of [['list'], ['status', 'gitea'], ['validate']]) {
      const { code, err } = await certify('/', 80, ...command, '--repo', '/nonexistent');
      assert.equal(code, EXIT.usage, command.join(' '));
      assert.equal(err, `certify ${command[0]}: --repo /nonexistent does not exist.`);
    }
  });

  test('a folder that exists but is no repo is still "not an infrastructure repo" (exit 3)', async () => {
    const empty = await makeRepo({ 'notes.txt': 'x' });
    const { code, err } = await certify('/', 400, 'list', '--repo', empty);
    assert.equal(code, EXIT.notFound);
    assert.match(err, /is not an infrastructure repo/);
  });
});
