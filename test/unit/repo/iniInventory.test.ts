// INI inventories read as Ansible's ini plugin reads them: groups, children, vars, comments,
// ranges, Python-literal values, and the same facts a YAML inventory gives discovery.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateRepo } from '../../../src/check/validateRepo';
import { expandRange, parseIniInventory, pythonValue, readIniInventory } from '../../../src/repo/iniInventory';
import { discoverRepo, loadRepoForValidation } from '../../../src/repo/loadRepo';
import { makeRepo } from '../helpers/tempRepo';

const HOSTS = [
  '# Proxmox and its containers',
  '[proxmox_admin]',
  'pve01 ansible_host=192.168.1.10 ansible_user=root ansible_port=2222  # the node',
  '',
  '[containers]',
  'gitea_container ansible_host="10.0.0.21" container_id=121',
  "web[01:03] note='a # b'",
  '',
  '; a comment in the other style',
  '[containers:vars]',
  'ansible_user = admin',
  '',
  '[infra:children]',
  'proxmox_admin',
  'containers',
  '',
  '[all:vars]',
  'domain=example.test',
  'backups_enabled=True',
  'retention="30"',
  'keep=7',
].join('\n');

const known = (fact: { kind: string; value?: unknown } | undefined): unknown => (fact?.kind === 'known' ? fact.value : undefined);

describe('INI inventory', () => {
  test('reads groups, hosts, children, group vars and comments', () => {
    const inventory = parseIniInventory('inventory/hosts', HOSTS);
    assert.deepEqual(inventory.findings, []);
    assert.deepEqual(inventory.groups.get('containers')?.hosts, ['gitea_container', 'web01', 'web02', 'web03']);
    assert.deepEqual(inventory.groups.get('infra')?.children, ['proxmox_admin', 'containers']);
    assert.deepEqual(inventory.groups.get('ungrouped')?.hosts, []);
    assert.equal(inventory.groups.get('all')?.hosts.length, 5);
    assert.equal(inventory.groups.get('containers')?.vars.get('ansible_user')?.value, 'admin');
    // Quotes are a shell's on a host line: "10.0.0.21" is the address, and `#` inside quotes is no comment.
    assert.equal(inventory.hosts.get('gitea_container')?.vars.get('ansible_host')?.value, '10.0.0.21');
    assert.equal(inventory.hosts.get('gitea_container')?.vars.get('container_id')?.value, 121);
    assert.equal(inventory.hosts.get('web02')?.vars.get('note')?.value, 'a # b');
    assert.deepEqual(inventory.hosts.get('web03')?.source, { file: 'inventory/hosts', line: 7, column: 1 });
  });

  test('all:vars are allVars with their lines, values read as Python literals', () => {
    const facts = readIniInventory('inventory/hosts', HOSTS);
    assert.deepEqual(facts.allVars.get('domain'), { value: 'example.test', source: { file: 'inventory/hosts', line: 18, column: 1 } });
    assert.equal(facts.allVars.get('backups_enabled')?.value, true);
    assert.equal(facts.allVars.get('retention')?.value, '30', 'a quoted number in a vars section stays a string');
    assert.equal(facts.allVars.get('keep')?.value, 7);
  });

  test('finds the proxmox_admin host with its address, user and port', () => {
    const facts = readIniInventory('inventory/hosts', HOSTS);
    assert.deepEqual(facts.proxmoxHost, { name: 'pve01', address: '192.168.1.10', user: 'root', port: 2222, source: { file: 'inventory/hosts', line: 3, column: 1 } });
  });

  test('the Proxmox host through children, with its port from host:port and its user from the group vars', () => {
    const text = '[proxmox_admin:children]\nnodes\n\n[nodes]\npve02:2200 ansible_host=10.0.0.2\n\n[proxmox_admin:vars]\nansible_user=ops\n';
    const facts = readIniInventory('hosts.ini', text);
    assert.deepEqual(facts.findings, []);
    // A child group's hosts are the parent's, and the parent's vars reach them.
    assert.deepEqual(facts.proxmoxHost, { name: 'pve02', address: '10.0.0.2', user: 'ops', port: 2200, source: { file: 'hosts.ini', line: 5, column: 1 } });
  });

  test('Python literals and host ranges as Ansible reads them', () => {
    assert.equal(pythonValue('True'), true);
    assert.equal(pythonValue('False'), false);
    assert.equal(pythonValue('FALSE'), 'FALSE');
    assert.equal(pythonValue('None'), null);
    assert.equal(pythonValue('42'), 42);
    assert.equal(pythonValue('-3'), -3);
    assert.equal(pythonValue('0755'), '0755', 'a leading zero is no Python int: the text is kept');
    assert.equal(pythonValue('1.5'), 1.5);
    assert.equal(pythonValue("'it\\'s'"), "it's");
    assert.equal(pythonValue('"web.{{ domain }}"'), 'web.{{ domain }}');
    assert.equal(pythonValue('{{ domain }}'), '{{ domain }}');
    assert.deepEqual(expandRange('db-[a:c]'), ['db-a', 'db-b', 'db-c']);
    assert.deepEqual(expandRange('n[8:12:2]x'), ['n8x', 'n10x', 'n12x']);
    assert.deepEqual(expandRange('r[1:2]c[1:2]'), ['r1c1', 'r1c2', 'r2c1', 'r2c2']);
    assert.equal(typeof expandRange('web[01:3]'), 'string', 'a padded begin needs an end as wide');
    assert.equal(typeof expandRange('web[1:99999999]'), 'string', 'a range too large is refused, not expanded');
  });

  test('a malformed line is one finding at its line, not an exception, and the other lines are still read', () => {
    const text = '[all:vars]\ndomain=example.test\nthis line has no equals\n[proxmox_admin]\npve ansible_host=10.0.0.1 stray\n[bad section]\n';
    const facts = readIniInventory('inventory/hosts', text);
    assert.equal(facts.findings?.length, 1);
    assert.deepEqual(
      facts.findings?.map(({ line, ruleId, severity }) => ({ line, ruleId, severity })),
      [{ line: 3, ruleId: 'inventory-syntax', severity: 'error' }],
    );
    assert.match(facts.findings?.[0].message ?? '', /Expected key=value/);
    assert.equal(facts.allVars.get('domain')?.value, 'example.test');
    for (const broken of ['[web]\nhost "open', '[web:weird]\nx', '[web:children]\nnot a group', '[ghost:vars]\nx=1', '[web]\nhost:']) {
      const found = readIniInventory('hosts', broken).findings ?? [];
      assert.equal(found.length, 1, broken);
    }
  });
});

describe('INI inventory in discovery and validation', () => {
  const repo = (inventory: Record<string, string>): Promise<string> =>
    makeRepo({
      ...inventory,
      'playbooks/web-deploy.yml': '- hosts: proxmox_admin\n  roles: [web_api]\n',
      'roles/web_api/defaults/main.yml': 'web_container_id: 120\nweb_hostname: "web.{{ domain }}"\n',
      'roles/web_api/tasks/main.yml': '- name: Install\n  ansible.builtin.apt:\n    name: nginx\n',
    });

  test('a repo whose only inventory is inventory/hosts in INI form has its Proxmox host and all:vars', async () => {
    const root = await repo({ 'inventory/hosts': HOSTS });
    const model = await discoverRepo(root);
    assert.equal(model.proxmoxHost?.name, 'pve01');
    assert.equal(model.proxmoxHost?.address, '192.168.1.10');
    const web = model.services.find((service) => service.name === 'web');
    assert.equal(known(web?.facts.hostname), 'web.example.test', 'all:vars resolve the template in role defaults');
    assert.deepEqual(model.findings.filter((finding) => finding.file === 'inventory/hosts'), []);
  });

  test('a root hosts.ini is read too; a YAML inventory wins over an INI one', async () => {
    const ini = await repo({ 'hosts.ini': '[proxmox_admin]\npve-ini ansible_host=10.0.0.9\n' });
    assert.equal((await discoverRepo(ini)).proxmoxHost?.name, 'pve-ini');
    const both = await repo({ 'hosts.yml': 'proxmox_admin:\n  hosts:\n    pve-yaml:\n', 'inventory/hosts': '[proxmox_admin]\npve-ini\n' });
    assert.equal((await discoverRepo(both)).proxmoxHost?.name, 'pve-yaml');
  });

  test('validation reports no YAML error for an INI inventory, and its broken line once', async () => {
    const root = await repo({ 'inventory/hosts': `${HOSTS}\n[web]\nweb04 oops\n`, 'inventory/staging': '[web]\nstage01\n' });
    const loaded = await loadRepoForValidation(root);
    const context = validateRepo({ snapshot: loaded.snapshot, model: loaded.model, texts: loaded.texts, readFindings: loaded.readFindings }, loaded.cache);
    const onInventories = context.findings.filter((finding) => finding.file.startsWith('inventory/'));
    assert.deepEqual(
      onInventories.map(({ file, line, ruleId }) => ({ file, line, ruleId })),
      [{ file: 'inventory/hosts', line: 23, ruleId: 'inventory-syntax' }],
    );
  });
});
