import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, lintRule, marked, onlyFix, span, yaml } from './helpers';

const RULE = 'no-changed-when';
const TASKS = 'roles/app_api/tasks/main.yml';
const lint = (text: string, file = TASKS) => lintRule(RULE, file, text);

describe('no-changed-when', () => {
  test('flags a command task without changed_when, marking the module key', () => {
    const text = yaml('---', '- name: Reload systemd', '  ansible.builtin.command: systemctl daemon-reload');
    const [finding, ...rest] = lint(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(span(finding), '3:3-3:26');
    assert.equal(marked(text, finding), 'ansible.builtin.command');
    assert.match(finding.message, /changed_when/);
    assert.match(finding.message, /creates\/removes/);
  });

  test('covers every spelling: short, ansible.builtin., ansible.legacy., cmd:, argv:, free form, raw', () => {
    const text = yaml(
      '- name: a',
      '  command: echo a',
      '- name: b',
      '  shell:',
      '    cmd: echo b | tee /tmp/b',
      '- name: c',
      '  ansible.legacy.command:',
      '    argv: [echo, c]',
      '- name: d',
      '  ansible.builtin.shell: echo d',
      '- name: e',
      '  ansible.builtin.raw: echo e',
      '- name: f',
      '  action: shell echo f',
    );
    assert.deepEqual(
      lint(text).map((f) => f.line),
      [2, 4, 7, 10, 12, 14],
    );
  });

  test('finds tasks in block, rescue and always, in handlers and in every play section', () => {
    const tasks = yaml(
      '- name: outer',
      '  block:',
      '    - name: in block',
      '      command: echo 1',
      '  rescue:',
      '    - name: in rescue',
      '      block:',
      '        - name: nested',
      '          command: echo 2',
      '  always:',
      '    - name: in always',
      '      command: echo 3',
    );
    assert.deepEqual(lint(tasks).map((f) => f.line), [4, 9, 12]);
    assert.equal(lint(yaml('- name: Restart', '  command: systemctl restart x'), 'roles/app_api/handlers/main.yml').length, 1);
    const playbook = yaml(
      '- hosts: all',
      '  pre_tasks:',
      '    - command: echo pre',
      '  tasks:',
      '    - command: echo task',
      '  post_tasks:',
      '    - command: echo post',
      '  handlers:',
      '    - name: h',
      '      command: echo handler',
      '- ansible.builtin.import_playbook: other.yml',
    );
    assert.deepEqual(lint(playbook, 'playbooks/app-deploy.yml').map((f) => f.line), [3, 5, 7, 10]);
  });

  test('passes with changed_when (also YAML 1.1 `no`), creates or removes in the module, args: or free form', () => {
    const text = yaml(
      '- name: yaml 1.1 no is a boolean and counts',
      '  command: echo a',
      '  changed_when: no',
      '- name: expression',
      '  shell: grep -q x /etc/y',
      '  register: r',
      '  changed_when: r.rc == 1',
      '- name: creates in module args',
      '  ansible.builtin.shell:',
      '    cmd: make install',
      '    creates: /usr/local/bin/x',
      '- name: removes in args',
      '  ansible.builtin.command: rm -rf /tmp/x',
      '  args:',
      '    removes: /tmp/x',
      '- name: free form creates',
      '  command: tar xf a.tar creates=/opt/a',
      '- name: not a command module',
      '  ansible.builtin.copy:',
      '    src: a',
      '    dest: /b',
    );
    assert.deepEqual(lint(text), []);
  });

  test('quick fix inserts changed_when: false after the name line; the result lints clean', () => {
    const text = yaml(
      '---',
      '- name: Outer',
      '  block:',
      '    - name: List users   # read only',
      '      ansible.builtin.command:',
      '        argv: [getent, passwd]',
      '      register: users',
    );
    const finding = lint(text)[0];
    const fix = onlyFix(finding);
    assert.equal(fix.title, 'Add changed_when: false');
    const fixed = applyFix(text, fix, TASKS);
    assert.equal(
      fixed,
      yaml(
        '---',
        '- name: Outer',
        '  block:',
        '    - name: List users   # read only',
        '      changed_when: false',
        '      ansible.builtin.command:',
        '        argv: [getent, passwd]',
        '      register: users',
      ),
    );
    assert.deepEqual(lint(fixed), []);
  });

  test('quick fix without a name (or a multi-line name) inserts before the first key', () => {
    for (const text of [
      yaml('- ansible.builtin.shell: echo a', '  register: r'),
      yaml('- name: >-', '    A long', '    name', '  command: echo b'),
      '- name: last line has no newline\r\n  command: echo c',
    ]) {
      const fixed = applyFix(text, onlyFix(lint(text)[0]), TASKS);
      assert.match(fixed, /changed_when: false/);
      assert.deepEqual(lint(fixed), [], fixed);
    }
    const fixed = applyFix(yaml('- ansible.builtin.shell: echo a'), onlyFix(lint(yaml('- ansible.builtin.shell: echo a'))[0]), TASKS);
    assert.equal(fixed, yaml('- changed_when: false', '  ansible.builtin.shell: echo a'));
  });

  test('keeps CRLF line ends in the inserted line', () => {
    const text = '- name: a\r\n  command: echo a\r\n';
    const fixed = applyFix(text, onlyFix(lint(text)[0]), TASKS);
    assert.equal(fixed, '- name: a\r\n  changed_when: false\r\n  command: echo a\r\n');
    assert.deepEqual(lint(fixed), []);
  });
});
