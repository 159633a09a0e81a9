import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Fact } from '../../../src/core/service';
import { isCovered } from '../../../src/core/service';
import { discoverRepo } from '../../../src/repo/loadRepo';
import { makeRepo } from '../helpers/tempRepo';

const known = <T>(fact: Fact<T> | undefined): T | undefined => (fact?.kind === 'known' ? fact.value : undefined);

const ROLE_FILES = (role: string, defaults: string): Record<string, string> => ({
  [`roles/${role}/defaults/main.yml`]: defaults,
  [`roles/${role}/tasks/main.yml`]: '- name: noop\n  ansible.builtin.debug:\n    msg: ok\n',
});

describe('discovery: how playbooks name roles', () => {
  test('finds roles through roles:, - role:, name:, include_role and import_role (also in blocks)', async () => {
    const root = await makeRepo({
      'playbooks/a-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - plain_role\n    - role: mapped_role\n    - name: named_role\n',
      'playbooks/b-deploy.yml': [
        '- hosts: proxmox_admin',
        '  tasks:',
        '    - name: include',
        '      ansible.builtin.include_role:',
        '        name: included_role',
        '    - block:',
        '        - import_role:',
        '            name: imported_role',
        '      rescue:',
        '        - include_role: { name: rescue_role }',
        '',
      ].join('\n'),
    });
    const model = await discoverRepo(root);
    const roles = (name: string) => model.services.find((s) => s.name === name)?.roles.map((r) => `${r.name}:${r.via}`);
    assert.deepEqual(roles('a'), ['plain_role:roles', 'mapped_role:roles', 'named_role:roles']);
    assert.deepEqual(roles('b'), ['included_role:include_role', 'imported_role:import_role', 'rescue_role:include_role']);
    const refs = model.services.find((s) => s.name === 'b')?.roles ?? [];
    assert.deepEqual(refs.map((r) => r.source.line), [5, 8, 10]);
  });

  test('a role missing from roles/ has no dir (check/consistency reports it); a present one has', async () => {
    const root = await makeRepo({
      'playbooks/x-deploy.yml': '- hosts: all\n  roles:\n    - ghost_role\n    - real_role\n    - community.general.something\n',
      ...ROLE_FILES('real_role', 'x_container_id: 101\n'),
    });
    const model = await discoverRepo(root);
    const refs = model.services[0].roles.map((r) => ({ name: r.name, dir: r.dir, line: r.source.line }));
    assert.deepEqual(refs, [
      { name: 'ghost_role', dir: undefined, line: 3 },
      { name: 'real_role', dir: 'roles/real_role', line: 4 },
      { name: 'community.general.something', dir: undefined, line: 5 },
    ]);
    assert.deepEqual(model.findings, []);
  });
});

describe('discovery: facts from role defaults', () => {
  test('reads <prefix>_container_id, _hostname, _ip_address, _service_port and _domain', async () => {
    const root = await makeRepo({
      'playbooks/web-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - role: web_api\n',
      ...ROLE_FILES('web_api', 'web_container_id: 120\nweb_hostname: web\nweb_ip_address: 10.0.0.20\nweb_service_port: 8080\nweb_domain: web.example.org\n'),
    });
    const [web] = (await discoverRepo(root)).services;
    assert.equal(known(web.facts.containerId), 120);
    assert.equal(known(web.facts.hostname), 'web');
    assert.equal(known(web.facts.ipAddress), '10.0.0.20');
    assert.equal(known(web.facts.servicePort), 8080);
    assert.equal(known(web.facts.externalUrl), 'https://web.example.org');
    assert.deepEqual(web.facts.containerId?.source, { file: 'roles/web_api/defaults/main.yml', line: 1, column: 1 });
    assert.equal(web.facts.containerId?.origin, 'role-defaults');
  });

  test('a role not named <service>_api is found by the only prefix that has a container id', async () => {
    const root = await makeRepo({
      'playbooks/monitoring-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - prometheus_stack\n',
      ...ROLE_FILES('prometheus_stack', 'scrape_interval: 15s\nmetrics_container_id: 170\nmetrics_ip_address: 10.0.0.70\n'),
    });
    const [monitoring] = (await discoverRepo(root)).services;
    assert.equal(known(monitoring.facts.containerId), 170);
    assert.equal(known(monitoring.facts.ipAddress), '10.0.0.70');
  });

  test('plain {{ var }} references resolve from group_vars and defaults; other templates stay unresolved', async () => {
    const root = await makeRepo({
      'playbooks/vw-deploy.yml': '- hosts: proxmox_admin\n  roles: [vw_api]\n',
      'inventory/group_vars/all/vars.yml': 'network_prefix: "10.1.2"\ndomain: example.net\n',
      ...ROLE_FILES(
        'vw_api',
        'vw_container_id: 162\nvw_ip_address: "{{ network_prefix }}.62"\nvw_hostname: "{{ inventory_hostname | lower }}"\nvw_domain: "vault.{{ domain }}"\n',
      ),
    });
    const model = await discoverRepo(root);
    const [vw] = model.services;
    assert.deepEqual(vw.facts.ipAddress && { kind: vw.facts.ipAddress.kind, value: known(vw.facts.ipAddress) }, { kind: 'known', value: '10.1.2.62' });
    assert.equal(vw.facts.ipAddress?.kind === 'known' && vw.facts.ipAddress.template, '{{ network_prefix }}.62');
    assert.deepEqual(vw.facts.hostname, {
      kind: 'unresolved',
      expression: '{{ inventory_hostname | lower }}',
      origin: 'role-defaults',
      source: { file: 'roles/vw_api/defaults/main.yml', line: 3, column: 1 },
    });
    assert.equal(known(vw.facts.externalUrl), 'https://vault.example.net');
    const unresolved = model.findings.filter((f) => f.ruleId === 'discovery/unresolved-value');
    assert.equal(unresolved.length, 1);
    assert.match(unresolved[0].message, /hostname is the template \{\{ inventory_hostname \| lower \}\}/);
  });

  test('group_vars override role defaults, as in Ansible', async () => {
    const root = await makeRepo({
      'playbooks/db-deploy.yml': '- hosts: proxmox_admin\n  roles: [db_api]\n',
      'group_vars/all.yml': 'db_ip_address: 10.9.9.9\n',
      ...ROLE_FILES('db_api', 'db_container_id: 150\ndb_ip_address: 10.0.0.50\n'),
    });
    const [db] = (await discoverRepo(root)).services;
    assert.equal(known(db.facts.ipAddress), '10.9.9.9');
    assert.equal(db.facts.ipAddress?.origin, 'group-vars');
  });

  // An id Proxmox refuses but that is a number is kept and flagged: see refusedValues.test.ts.
  test('a container id that is no number is a finding, not a fact', async () => {
    const root = await makeRepo({
      'playbooks/bad-deploy.yml': '- hosts: proxmox_admin\n  roles: [bad_api]\n',
      ...ROLE_FILES('bad_api', 'bad_container_id: forty-two\n'),
    });
    const model = await discoverRepo(root);
    assert.equal(model.services[0].facts.containerId, undefined);
    const finding = model.findings.find((f) => f.ruleId === 'discovery/invalid-value');
    assert.ok(finding, 'expected an invalid-value finding');
    assert.match(finding.message, /forty-two.*container id/);
  });
});

describe('discovery: definitions', () => {
  test('a definition names the service and its facts win over role defaults', async () => {
    const root = await makeRepo({
      'services/gitea.yml': 'name: gitea\ncontainer_id: 160\nip_address: 172.16.10.60\nexternal:\n  url: https://git.example.net\n',
      'playbooks/gitea-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - role: gitea_api\n',
      ...ROLE_FILES('gitea_api', 'gitea_container_id: 999\ngitea_hostname: gitea\n'),
    });
    const [gitea] = (await discoverRepo(root)).services;
    assert.equal(gitea.definitionFile, 'services/gitea.yml');
    assert.equal(gitea.deployPlaybook, 'playbooks/gitea-deploy.yml');
    assert.equal(known(gitea.facts.containerId), 160);
    assert.equal(gitea.facts.containerId?.origin, 'definition');
    assert.equal(known(gitea.facts.hostname), 'gitea');
    assert.equal(known(gitea.facts.externalUrl), 'https://git.example.net');
    // The role's own values stay visible, for checks comparing the two.
    assert.equal(known(gitea.roleFacts?.containerId), 999);
    assert.equal(gitea.roleFacts?.containerId?.origin, 'role-defaults');
  });

  test("a service's databases: <prefix>_db_name in role defaults and its definition's backup items", async () => {
    const root = await makeRepo({
      'services/gitea.yml': 'name: gitea\nbackup:\n  - type: postgresql\n    database: gitea_meta\n  - type: postgresql\n    database: gitea\n',
      'playbooks/gitea-deploy.yml': '- hosts: proxmox_admin\n  roles: [gitea_api]\n',
      ...ROLE_FILES('gitea_api', 'gitea_container_id: 160\ngitea_db_name: gitea\n'),
    });
    const [gitea] = (await discoverRepo(root)).services;
    assert.deepEqual(gitea.databases, ['gitea_meta', 'gitea']);
  });

  test('a definition without a playbook is still a service; wrong-typed fields are findings', async () => {
    const root = await makeRepo({ 'services/lonely.yml': 'container_id: [1, 2]\nhostname: lonely\n' });
    const model = await discoverRepo(root);
    assert.deepEqual(model.services.map((s) => s.name), ['lonely']);
    assert.equal(model.services[0].deployPlaybook, undefined);
    assert.ok(model.findings.some((f) => f.ruleId === 'definition/invalid-field' && f.line === 1));
  });
});

describe('discovery: robustness', () => {
  test('one broken YAML file becomes a finding and the rest is still discovered', async () => {
    const root = await makeRepo({
      'playbooks/good-deploy.yml': '- hosts: proxmox_admin\n  roles: [good_api]\n',
      'playbooks/broken-deploy.yml': '- hosts: proxmox_admin\n  roles: [\n',
      'services/also-broken.yml': 'name: also-broken\n  bad: indent\n',
      ...ROLE_FILES('good_api', 'good_container_id: 101\n'),
      'roles/bad_api/defaults/main.yml': 'a: "unterminated\n',
    });
    const model = await discoverRepo(root);
    assert.deepEqual(model.services.map((s) => s.name), ['also-broken', 'broken', 'good']);
    assert.equal(known(model.services[2].facts.containerId), 101);
    const syntax = model.findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.file);
    assert.deepEqual([...new Set(syntax)].sort(), ['playbooks/broken-deploy.yml', 'roles/bad_api/defaults/main.yml', 'services/also-broken.yml']);
  });

  test('an alias bomb is refused with a finding', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const root = await makeRepo({
      'playbooks/bomb-deploy.yml': '- hosts: all\n  roles: [bomb_api]\n',
      'roles/bomb_api/defaults/main.yml': `${bomb.join('\n')}\n`,
    });
    const model = await discoverRepo(root);
    assert.ok(model.findings.some((f) => f.ruleId === 'yaml-aliases' && f.file === 'roles/bomb_api/defaults/main.yml'));
  });

  test('role files are read as YAML 1.1 (Ansible): `no` is false, so a toggle can switch backup off', async () => {
    const root = await makeRepo({
      'playbooks/app-deploy.yml': '- hosts: all\n  roles: [app_api]\n',
      ...ROLE_FILES('app_api', 'app_container_id: 130\n'),
      'roles/backup_infrastructure/defaults/main.yml': 'backup_app_enabled: no\nbackup_app_paths: [/opt/app]\n',
      'roles/restore_infrastructure/defaults/main.yml': 'restore_app_enabled: yes\n',
    });
    const [app] = (await discoverRepo(root)).services;
    assert.equal(app.backup.toggle?.enabled, false);
    assert.equal(isCovered(app.backup), false);
    assert.equal(app.restore.toggle?.enabled, true);
    assert.equal(isCovered(app.restore), true);
  });

  test('an invalid service name is skipped with a finding', async () => {
    const root = await makeRepo({ 'playbooks/Bad Name-deploy.yml': '- hosts: all\n' });
    const model = await discoverRepo(root);
    assert.equal(model.services.length, 0);
    assert.ok(model.findings.some((f) => f.ruleId === 'discovery/invalid-service-name'));
  });

  test('an empty folder is a repo with no services and no findings', async () => {
    const model = await discoverRepo(await makeRepo({}));
    assert.deepEqual(model.services, []);
    assert.deepEqual(model.findings, []);
  });
});
