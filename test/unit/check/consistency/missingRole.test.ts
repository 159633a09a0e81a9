import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, at, check, ROLE } from './helpers';

const RULE = 'missing-role';

describe('missing-role', () => {
  test('a playbook naming a role not in roles/ is an error on the name; collection roles are skipped', async () => {
    const files = {
      'playbooks/x-deploy.yml': '- hosts: all\n  roles:\n    - ghost_role\n    - community.general.something\n  tasks:\n    - ansible.builtin.include_role:\n        name: "other_ghost"\n',
    };
    const findings = await check(files, RULE);
    assert.deepEqual(findings.map(at), ['playbooks/x-deploy.yml:3:7-3:17', 'playbooks/x-deploy.yml:7:15-7:28']);
    assert.equal(findings[0].severity, 'error');
    assert.equal(findings[0].message, 'Role "ghost_role" is not in roles/; fix the name or create roles/ghost_role.');
    assert.deepEqual(findings[0].fixes?.map((fix) => fix.title), ['Create roles/ghost_role/tasks/main.yml']);
    const created = applyFix(files, findings[0].fixes?.[0].edits ?? []);
    assert.ok(created['roles/ghost_role/tasks/main.yml']?.startsWith('---\n'));
  });

  test("roles Ansible finds beyond roles/: the folders of ansible.cfg's roles_path and playbooks/roles", async () => {
    const play = (...roles: string[]): string => `- hosts: all\n  roles:\n${roles.map((role) => `    - ${role}\n`).join('')}`;
    const files = {
      'ansible.cfg': '[defaults]\ninventory = inventory/hosts.yml\nroles_path = roles:vendor/roles/:./galaxy ; installed by ansible-galaxy\n',
      'playbooks/site-deploy.yml': play('vendored', 'from_galaxy', 'beside_playbooks', 'own', 'nowhere', 'in_home'),
      'vendor/roles/vendored/tasks/main.yml': '- ansible.builtin.debug: {msg: x}\n',
      'galaxy/from_galaxy/tasks/main.yml': '- ansible.builtin.debug: {msg: x}\n',
      'playbooks/roles/beside_playbooks/tasks/main.yml': '- ansible.builtin.debug: {msg: x}\n',
      // A folder roles_path does not name is not searched: its role is missing.
      'elsewhere/nowhere/tasks/main.yml': '- ansible.builtin.debug: {msg: x}\n',
      ...ROLE('own', ''),
    };
    const findings = await check(files, RULE);
    assert.deepEqual(findings.map((finding) => finding.message.split(';')[0]), ['Role "nowhere" is not in roles/', 'Role "in_home" is not in roles/']);
    // Without the roles_path line, only roles/ and playbooks/roles are searched.
    const plain = await check({ ...files, 'ansible.cfg': '[defaults]\ninventory = inventory/hosts.yml\n' }, RULE);
    assert.deepEqual(plain.map((finding) => /"(.+?)"/.exec(finding.message)?.[1]), ['vendored', 'from_galaxy', 'nowhere', 'in_home']);
  });

  test('a near miss of an existing role offers the rename, which removes the finding', async () => {
    const files = {
      'playbooks/gitea-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - role: gitea_ap\n',
      ...ROLE('gitea_api', 'gitea_container_id: 160\n'),
    };
    const [finding, ...rest] = await check(files, RULE);
    assert.deepEqual(rest, []);
    assert.equal(at(finding), 'playbooks/gitea-deploy.yml:3:13-3:21');
    assert.match(finding.message, /did you mean gitea_api\?/);
    assert.equal(finding.fixes?.[0].title, 'Use role gitea_api');
    assert.deepEqual(await check(applyFix(files, finding.fixes?.[0].edits ?? []), RULE), []);
  });

  test("a definition's roles: are checked too, each place reported once", async () => {
    const findings = await check(
      {
        'services/app.yml': 'name: app\nroles: [app_api, ghost]\n',
        ...ROLE('app_api', ''),
        // Two services deployed by one playbook: its missing role is one finding, not two.
        'playbooks/shared-deploy.yml': '- hosts: all\n  roles: [phantom]\n',
        'services/twin.yml': 'name: twin\ndeploy_playbook: playbooks/shared-deploy.yml\n',
      },
      RULE,
    );
    assert.deepEqual(findings.map(at), ['playbooks/shared-deploy.yml:2:11-2:18', 'services/app.yml:2:18-2:23']);
  });

  test('roles that exist pass', async () => {
    const findings = await check(
      { 'playbooks/gitea-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - gitea_api\n', ...ROLE('gitea_api', 'gitea_container_id: 160\n') },
      RULE,
    );
    assert.deepEqual(findings, []);
  });
});
