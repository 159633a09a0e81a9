import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintFile } from '../../../../src/check/lint';
import { applyFix, contextOf, lintRule, marked, onlyFix, span, yaml } from './helpers';

const RULE = 'host-key-checking-off';
const VARS = 'inventory/group_vars/all/vars.yml';
const lint = (text: string, file = VARS) => lintRule(RULE, file, text);

describe('host-key-checking-off', () => {
  test('flags ansible_host_key_checking: false (YAML 1.1 `no` too) and marks the value', () => {
    for (const value of ['false', 'no', 'False', '"False"', 'off']) {
      const text = yaml('---', `ansible_host_key_checking: ${value}`);
      const [finding, ...rest] = lint(text);
      assert.equal(rest.length, 0, value);
      assert.equal(finding.severity, 'error');
      assert.equal(span(finding), `2:28-2:${28 + value.length}`);
      assert.equal(marked(text, finding), value);
      assert.match(finding.message, /known_hosts/);
    }
  });

  test('flags StrictHostKeyChecking=no in ssh args, environment and commands, marking the option', () => {
    const text = yaml(
      'all:',
      '  vars:',
      '    ansible_ssh_common_args: "-o ProxyJump=pve01 -o StrictHostKeyChecking=no"',
    );
    const [finding] = lint(text, 'inventory/hosts.yml');
    assert.equal(span(finding), '3:53-3:77');
    assert.equal(marked(text, finding), 'StrictHostKeyChecking=no');
    assert.match(finding.message, /accept-new/);
    const tasks = yaml(
      '- name: copy',
      '  ansible.builtin.command: scp -o StrictHostKeyChecking=no a b:/c',
      '  changed_when: true',
      '  environment:',
      '    ANSIBLE_HOST_KEY_CHECKING: "False"',
    );
    assert.deepEqual(lint(tasks, 'roles/x/tasks/main.yml').map((f) => f.line), [2, 5]);
  });

  test('quick fix switches StrictHostKeyChecking to accept-new; the result lints clean', () => {
    const text = yaml('ansible_ssh_extra_args: -o StrictHostKeyChecking=no -o LogLevel=ERROR');
    const fixed = applyFix(text, onlyFix(lint(text)[0]), VARS);
    assert.equal(fixed, yaml('ansible_ssh_extra_args: -o StrictHostKeyChecking=accept-new -o LogLevel=ERROR'));
    assert.deepEqual(lint(fixed), []);
  });

  test('passes host key checking on, accept-new, validate_certs: false and comments', () => {
    const text = yaml(
      '# Never set StrictHostKeyChecking=no here.',
      'ansible_host_key_checking: true',
      'ansible_ssh_common_args: -o StrictHostKeyChecking=accept-new',
      'proxmox_api_validate_certs: false',
      'host_key_checking_note: off',
    );
    assert.deepEqual(lint(text), []);
    const tasks = yaml(
      '- name: Refuse StrictHostKeyChecking=no in the inventory',
      '  ansible.builtin.fail:',
      '    msg: Remove StrictHostKeyChecking=no from ansible_ssh_common_args',
      '  when: "\'StrictHostKeyChecking=no\' in (ansible_ssh_common_args | default(\'\'))"',
    );
    assert.deepEqual(lint(tasks, 'roles/x/tasks/main.yml'), [], 'names, messages and conditions only mention the option');
    assert.deepEqual(lint(text), []);
  });

  test('reads ansible.cfg as INI', () => {
    const cfg = [
      '[defaults]',
      '# host_key_checking = False  (a comment)',
      'host_key_checking = False',
      '[ssh_connection]',
      'ssh_args = -o ControlMaster=auto -o StrictHostKeyChecking=no',
      '',
    ].join('\n');
    const findings = lintFile('ansible.cfg', cfg, contextOf());
    assert.deepEqual(findings.map((f) => [f.ruleId, span(f)]), [
      [RULE, '3:21-3:26'],
      [RULE, '5:37-5:61'],
    ]);
    assert.equal(marked(cfg, findings[0]), 'False');
    const fixed = applyFix(cfg, onlyFix(findings[1]), 'ansible.cfg');
    assert.match(fixed, /StrictHostKeyChecking=accept-new/);
    assert.deepEqual(lintFile('ansible.cfg', fixed.replace(/^host_key_checking = False$/m, 'host_key_checking = True'), contextOf()), []);
  });
});
