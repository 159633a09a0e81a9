import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintRepo } from '../../../../src/check/lint';
import type { Finding } from '../../../../src/core/findings';
import { repoInput, span, yaml } from './helpers';

const TASKS = yaml('---', '- name: Verify', '  ansible.builtin.uri:', '    url: http://x/', '    status_code: 200');

function lintRoles(files: Record<string, string>, extraRoleFiles: string[] = [], rule?: string): Finding[] {
  return lintRepo(repoInput(files, extraRoleFiles)).filter((f) => (rule ? f.ruleId === rule : ['role-structure', 'role-readme'].includes(f.ruleId)));
}

/** Applies `create` edits to the file set, as an editor would. */
function applyCreates(files: Record<string, string>, findings: Finding[]): Record<string, string> {
  const next = { ...files };
  for (const finding of findings) {
    for (const edit of finding.fixes?.[0]?.edits ?? []) {
      assert.equal(edit.kind, 'create');
      if (edit.kind === 'create') {
        assert.equal(next[edit.file], undefined, `never overwrites ${edit.file}`);
        next[edit.file] = edit.content;
      }
    }
  }
  return next;
}

describe('role-structure', () => {
  test('reports each missing part of the API-first layout on line 1 of tasks/main.yml', () => {
    const files = { 'roles/app_api/tasks/main.yml': TASKS, 'roles/app_api/README.md': '# app_api\n' };
    const findings = lintRoles(files, [], 'role-structure');
    assert.deepEqual(
      findings.map((f) => [f.file, span(f), f.severity]),
      Array(3).fill(['roles/app_api/tasks/main.yml', '1:1-1:4', 'warning']),
    );
    assert.match(findings[0].message, /Role app_api has no defaults\/main\.yml/);
    assert.match(findings[1].message, /no handlers\/main\.yml/);
    assert.match(findings[2].message, /no templates\//);
    assert.deepEqual(findings[1].fixes, [
      { title: 'Create roles/app_api/handlers/main.yml', edits: [{ kind: 'create', file: 'roles/app_api/handlers/main.yml', content: '---\n# Handlers for app_api\n' }] },
    ]);
    assert.equal(findings[2].fixes, undefined, 'a folder has no quick fix');
  });

  test('after the create fixes only templates/ remains; a template file completes the role', () => {
    const files = { 'roles/app_api/tasks/main.yml': TASKS, 'roles/app_api/README.md': '# app_api\n' };
    const fixed = applyCreates(files, lintRoles(files, [], 'role-structure').filter((f) => f.fixes));
    assert.deepEqual(lintRoles(fixed, [], 'role-structure').map((f) => f.message.match(/no (\S+)/)?.[1]), ['templates/:']);
    assert.deepEqual(lintRoles(fixed, ['roles/app_api/templates/app.conf.j2'], 'role-structure'), []);
  });

  test('main.yaml counts; every role is checked; without tasks/main.yml the first file carries the finding', () => {
    const files = {
      'roles/backup_infrastructure/defaults/main.yaml': yaml('x: 1'),
      'roles/backup_infrastructure/handlers/main.yaml': yaml('[]'),
      'roles/backup_infrastructure/README.md': '# backup\n',
    };
    const [finding, ...rest] = lintRoles(files, ['roles/backup_infrastructure/templates/m.j2'], 'role-structure');
    assert.equal(rest.length, 0);
    assert.equal(finding.file, 'roles/backup_infrastructure/README.md');
    assert.match(finding.message, /no tasks\/main\.yml/);
  });
});

describe('role-readme', () => {
  const files = {
    'roles/app_api/defaults/main.yml': yaml('---', 'app_ip_address: 172.16.10.80', 'app_service_port: 8080   # HTTP', 'app_token: "{{ vault_app_token }}"', 'app_plugins: [a, b]'),
    'roles/app_api/tasks/main.yml': TASKS + yaml('- name: in container', '  ansible.builtin.apt: { name: app, state: present }', '  delegate_to: app_container'),
    'roles/app_api/handlers/main.yml': yaml('---'),
    'roles/app_api/meta/main.yml': yaml('dependencies:', '  - role: common'),
    'playbooks/app-deploy.yml': yaml('---', '# App', '- name: Deploy app', '  hosts: proxmox_admin', '  roles:', '    - role: app_api'),
    'inventory/group_vars/all/vault.yml.example': yaml('vault_app_token: CHANGE_ME'),
  };
  const templates = ['roles/app_api/templates/app.conf.j2'];

  test('reports a role without README.md on line 1 of its tasks/main.yml', () => {
    const [finding, ...rest] = lintRoles(files, templates);
    assert.equal(rest.length, 0);
    assert.equal(finding.ruleId, 'role-readme');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.file, 'roles/app_api/tasks/main.yml');
    assert.equal(span(finding), '1:1-1:4');
    assert.match(finding.message, /Role app_api has no README\.md/);
  });

  test('the quick fix writes a README from the role: usage, defaults, vault variables, dependencies, ports', () => {
    const [finding] = lintRoles(files, templates);
    const edit = finding.fixes?.[0]?.edits[0];
    assert.equal(finding.fixes?.[0]?.title, 'Create roles/app_api/README.md');
    assert.ok(edit && edit.kind === 'create');
    const readme = edit.content;
    assert.match(readme, /^# app_api\n/);
    assert.match(readme, /# playbooks\/app-deploy\.yml\n- name: Deploy app\n  hosts: proxmox_admin/);
    assert.match(readme, /ansible-playbook playbooks\/app-deploy\.yml --vault-password-file=\.vault_pass\.txt/);
    assert.match(readme, /\| `app_ip_address` \| `172\.16\.10\.80` \| TODO \|/);
    assert.match(readme, /\| `app_service_port` \| `8080` \| HTTP \|/);
    assert.match(readme, /\| `app_plugins` \| \(list of 2\) \|/);
    assert.match(readme, /## Vault variables[\s\S]*\| `vault_app_token` \|/);
    assert.match(readme, /Runs tasks on: `app_container`/);
    assert.match(readme, /Role dependencies \(meta\/main\.yml\): `common`/);
    assert.match(readme, /## Ports[\s\S]*\| 8080 \| `app_service_port` \|/);
    assert.deepEqual(lintRoles(applyCreates(files, [finding]), templates), [], 'the created README satisfies the rule');
  });

  test('a lower-case readme.md counts; a role no playbook applies gets a suggested deploy playbook', () => {
    assert.deepEqual(lintRoles({ ...files, 'roles/app_api/readme.md': '# app\n' }, templates), []);
    const [finding] = lintRoles({ 'roles/cache_api/tasks/main.yml': TASKS }, [], 'role-readme');
    const edit = finding.fixes?.[0]?.edits[0];
    assert.ok(edit && edit.kind === 'create');
    assert.match(edit.content, /# playbooks\/cache-deploy\.yml\n- name: Deploy cache\n  hosts: proxmox_admin\n  roles:\n    - role: cache_api/);
  });
});
