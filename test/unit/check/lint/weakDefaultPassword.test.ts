import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, lintRule, marked, onlyFix, span, yaml } from './helpers';

const RULE = 'weak-default-password';
const DEFAULTS = 'roles/app_api/defaults/main.yml';
const lint = (text: string, file = DEFAULTS) => lintRule(RULE, file, text);

describe('weak-default-password', () => {
  test('flags a weak Jinja fallback and marks the default literal', () => {
    const text = yaml('app_db_password: "{{ vault_app_db_password | default(\'admin\') }}"');
    const [finding, ...rest] = lint(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(span(finding), '1:54-1:61');
    assert.equal(marked(text, finding), "'admin'");
    assert.match(finding.message, /vault_app_db_password falls back to the weak password "admin"/);
    assert.match(finding.message, /remove the default/);
  });

  test('quick fix removes the fallback; the result lints clean', () => {
    const text = yaml('app_db_password: "{{ vault_app_db_password | default(\'admin\', true) }}"');
    const fixed = applyFix(text, onlyFix(lint(text)[0]), DEFAULTS);
    assert.equal(fixed, yaml('app_db_password: "{{ vault_app_db_password }}"'));
    assert.deepEqual(lint(fixed), []);
  });

  test('finds d(), double quotes, task parameters and fallbacks without a password-named key', () => {
    const tasks = yaml(
      '- name: user',
      '  community.postgresql.postgresql_user:',
      '    name: app',
      '    password: "{{ app_pw | d(\\"changeme\\") }}"',
      '- name: env',
      '  ansible.builtin.template:',
      '    src: a.j2',
      '    dest: /b',
      '  vars:',
      '    dsn: "postgres://app:{{ app_db_password | default(\'short\') }}@db/app"',
    );
    const findings = lint(tasks, 'roles/app_api/tasks/main.yml');
    assert.deepEqual(findings.map((f) => f.line), [4, 10]);
    assert.equal(findings[0].fixes, undefined, 'escaped quotes are not written verbatim: no fix, whole value marked');
    assert.equal(marked(tasks, findings[1]), "'short'");
  });

  test('flags weak literal defaults in defaults/main.yml (list, CHANGE_ME, shorter than 12) with a vault fix', () => {
    const text = yaml('app_admin_password: admin', 'app_db_password: CHANGE_ME', 'app_backup_passphrase: 12345', 'app_token: abc');
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => span(f)), ['1:21-1:26', '2:18-2:27', '3:24-3:29']);
    assert.match(findings[1].message, /Default password "CHANGE_ME" is weak/);
    const fixed = applyFix(text, onlyFix(findings[0]), DEFAULTS);
    assert.match(fixed, /^app_admin_password: "\{\{ vault_app_admin_password \}\}"$/m);
    assert.equal(lint(fixed).length, 2);
  });

  test('passes strong or absent fallbacks, omit, non-password variables and literal defaults outside defaults/', () => {
    const text = yaml(
      'a_password: "{{ vault_a_password }}"',
      'b_password: "{{ vault_b_password | default(omit) }}"',
      'c_password: "{{ vault_c_password | default(\'\') }}"',
      'd_password: "{{ vault_d_password | default(\'a-long-generated-default-9x\') }}"',
      'app_user: "{{ app_login | default(\'admin\') }}"',
      'app_port: "{{ app_port_override | default(\'80\') }}"',
      'app_password_length: 8',
    );
    assert.deepEqual(lint(text), []);
    assert.deepEqual(lint(yaml('app_db_password: admin'), 'inventory/group_vars/all/vars.yml'), []);
  });
});
