import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import { copyRepo, EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';
import { certifiedRecord, RUNNER } from '../report/reportFixtures';

async function certify(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // Laid out wide, so each value and message reads whole here; widths.test.ts holds the layout.
  const code = await runCli(argv, { cwd, columns: 400, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface ListedService {
  name: string;
  roles: { name: string; via: string }[];
  facts: Record<string, { kind: string; value?: unknown; expression?: string; origin: string }>;
  backup: { covered: boolean };
  restore: { covered: boolean };
  record: { state: string };
}

describe('certify list', () => {
  test('--json on the example repo lists every service with roles, container id, hostname, IP and URL', async () => {
    const { code, out, err } = await certify(EXAMPLE_REPO, 'list', '--json');
    assert.equal(code, EXIT.ok, err);
    const listing = JSON.parse(out) as { services: ListedService[]; proxmoxHost: { name: string; address: string } };
    const byName = new Map(listing.services.map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()], ['gitea', 'monitoring', 'nextcloud', 'notes', 'postgresql', 'vaultwarden']);
    assert.deepEqual(listing.proxmoxHost.name, 'pve01');
    assert.deepEqual(listing.proxmoxHost.address, '192.168.1.10');

    const value = (service: string, fact: string) => {
      const f = byName.get(service)?.facts[fact];
      return f?.kind === 'known' ? f.value : f?.expression;
    };
    const expected: Record<string, [number, string, string, string | undefined, string]> = {
      gitea: [160, 'gitea', '172.16.10.60', 'https://git.example.net', 'gitea_api'],
      nextcloud: [161, 'nextcloud', '172.16.10.61', 'https://cloud.example.net', 'nextcloud_api'],
      vaultwarden: [162, 'vaultwarden', '{{ network_prefix }}.{{ vaultwarden_container_id - 100 }}', 'https://vault.example.net', 'vaultwarden_api'],
      postgresql: [150, 'postgresql', '172.16.10.50', undefined, 'postgresql_api'],
      monitoring: [170, 'monitoring', '172.16.10.70', 'https://metrics.example.net', 'prometheus_stack'],
      notes: [165, 'notes', '172.16.10.65', 'https://notes.example.net', 'notes_api'],
    };
    for (const [name, [id, hostname, ip, url, role]] of Object.entries(expected)) {
      assert.equal(value(name, 'containerId'), id, `${name} container id`);
      assert.equal(value(name, 'hostname'), hostname, `${name} hostname`);
      assert.equal(value(name, 'ipAddress'), ip, `${name} IP`);
      assert.equal(value(name, 'externalUrl'), url, `${name} URL`);
      assert.deepEqual(byName.get(name)?.roles.map((r) => r.name), [role], `${name} roles`);
    }
    assert.equal(byName.get('vaultwarden')?.facts.ipAddress.kind, 'unresolved');
    assert.equal(byName.get('gitea')?.facts.containerId.origin, 'definition');
    assert.equal(byName.get('nextcloud')?.facts.containerId.origin, 'role-defaults');
    assert.deepEqual(byName.get('nextcloud')?.roles.map((r) => r.via), ['include_role']);
    assert.deepEqual(byName.get('vaultwarden')?.roles.map((r) => r.via), ['import_role']);
    assert.equal(byName.get('gitea')?.backup.covered, true);
    assert.equal(byName.get('vaultwarden')?.restore.covered, false);
    assert.equal(byName.get('gitea')?.record.state, 'missing');
  });

  test('text output is a table with the unresolved value shown as written', async () => {
    const { code, out } = await certify(EXAMPLE_REPO, 'list');
    assert.equal(code, EXIT.ok);
    assert.match(out, /^SERVICE\s+CT\s+HOSTNAME\s+IP/m);
    assert.match(out, /^gitea\s+160\s+gitea\s+172\.16\.10\.60\s+3000\s+https:\/\/git\.example\.net\s+gitea_api\s+yes\s+yes\s+0\/9$/m);
    assert.match(out, /^vaultwarden\s+162\s+vaultwarden\s+\{\{ network_prefix \}\}\.\{\{ vaultwarden_container_id - 100 \}\}/m);
    assert.match(out, /\[discovery\/unresolved-value\] vaultwarden: ipAddress is the template/);
  });

  test('works from a subfolder of the repo and with --repo', async () => {
    const fromRoles = await certify(path.join(EXAMPLE_REPO, 'roles'), 'list', '--json');
    const withRepo = await certify('/', 'list', '--json', `--repo=${EXAMPLE_REPO}`);
    assert.equal(fromRoles.code, EXIT.ok);
    assert.deepEqual(JSON.parse(fromRoles.out).services.length, 6);
    assert.deepEqual(JSON.parse(withRepo.out).services.length, 6);
  });

  test('outside any repo: exit 3 and what to do', async () => {
    const empty = await makeRepo({ 'notes.txt': 'x' });
    const { code, err } = await certify(empty, 'list', '--repo', empty);
    assert.equal(code, EXIT.notFound);
    assert.match(err, /not an infrastructure repo: it has no certify.yml, services\/ or playbooks\//);
  });

  test('broken YAML in a repo is listed as a finding, the rest still listed, exit 0', async () => {
    const root = await makeRepo({
      'playbooks/ok-deploy.yml': '- hosts: all\n  roles: [ok_api]\n',
      'playbooks/bad-deploy.yml': '- hosts: all\n  roles: [\n',
    });
    const { code, out } = await certify(root, 'list');
    assert.equal(code, EXIT.ok);
    assert.match(out, /^ok\s/m);
    assert.match(out, /playbooks\/bad-deploy\.yml:\d+:\d+: error \[yaml-syntax\]/);
  });
});

describe('certify status', () => {
  test('shows facts with their origin and the gates of an empty record', async () => {
    const { code, out } = await certify(EXAMPLE_REPO, 'status', 'gitea');
    assert.equal(code, EXIT.ok);
    assert.match(out, /^gitea — 0\/9 steps passed \(not-started\)/);
    assert.match(out, /container\s+160\s+definition services\/gitea\.yml:\d+/);
    assert.match(out, /^4 Implement Data Backup Plan\s+not-started\s+blocked: /m);
    assert.match(out, /Metrics: none measured yet\./);
    assert.doesNotMatch(out, /^ran by/m, 'nobody ran a step yet');
  });

  test('says who ran the steps of the record', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const file = path.join(root, '.certify/gitea/record.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(certifiedRecord('gitea')));
    const { code, out } = await certify(root, 'status', 'gitea');
    assert.equal(code, EXIT.ok, out);
    assert.match(out, new RegExp(`^ran by\\s+${RUNNER}$`, 'm'));
  });

  test('--json gives nine steps and the service', async () => {
    const { code, out } = await certify(EXAMPLE_REPO, 'status', 'nextcloud', '--json');
    assert.equal(code, EXIT.ok);
    const status = JSON.parse(out) as { service: { name: string }; steps: { number: number; status: string; blockedBy?: string }[] };
    assert.equal(status.service.name, 'nextcloud');
    assert.deepEqual(status.steps.map((s) => s.number), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(status.steps[0].blockedBy, undefined);
    assert.match(status.steps[7].blockedBy ?? '', /Step 7/);
  });

  test('an unknown service: exit 3 listing the known ones', async () => {
    const { code, err } = await certify(EXAMPLE_REPO, 'status', 'nope');
    assert.equal(code, EXIT.notFound);
    assert.match(err, /no service "nope".*Services: gitea, monitoring, nextcloud, notes, postgresql, vaultwarden/);
  });

  test('a damaged record: exit 4, reported, file untouched', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const file = path.join(root, '.certify/gitea/record.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{ not json');
    const { code, out } = await certify(root, 'status', 'gitea');
    assert.equal(code, EXIT.recordUnavailable);
    assert.match(out, /DAMAGED and was left as it is/);
    assert.equal(await fs.readFile(file, 'utf8'), '{ not json');
  });
});

describe('certify: usage', () => {
  test('--help lists the commands and exit codes', async () => {
    const { code, out } = await certify('/', '--help');
    assert.equal(code, EXIT.ok);
    assert.match(out, /^\s+list\s+list the services/m);
    assert.match(out, /^\s+status\s+show one service/m);
    assert.match(out, /Exit codes:\n\s+0\s+success/);
  });

  test('each command has --help with its options', async () => {
    for (const command of ['list', 'status']) {
      const { code, out } = await certify('/', command, '--help');
      assert.equal(code, EXIT.ok);
      assert.match(out, new RegExp(`^Usage: certify ${command}`));
      assert.match(out, /--repo DIR/);
      assert.match(out, /--json/);
    }
  });

  test('unknown command, unknown option, missing value and missing argument are usage errors (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate".*Commands: list, status/],
      [['list', '--jsn'], /Unknown option --jsn for "certify list". Options: --json, --repo/],
      [['list', '--repo'], /--repo needs a value \(DIR\)/],
      [['list', '--json=yes'], /--json takes no value/],
      [['status'], /takes exactly one service name; got none/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await certify(EXAMPLE_REPO, ...argv);
      assert.equal(code, EXIT.usage, argv.join(' '));
      assert.match(err, message);
    }
  });
});
