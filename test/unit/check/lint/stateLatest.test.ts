import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, lintRule, marked, onlyFix, span, yaml } from './helpers';

const RULE = 'state-latest';
const TASKS = 'roles/app_api/tasks/main.yml';
const lint = (text: string, file = TASKS) => lintRule(RULE, file, text);

describe('state-latest', () => {
  test('flags state: latest under ansible.builtin.apt and marks the value', () => {
    const text = yaml('- name: Install nginx', '  ansible.builtin.apt:', '    name: nginx', '    state: latest');
    const [finding, ...rest] = lint(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(span(finding), '4:12-4:18');
    assert.equal(marked(text, finding), 'latest');
    assert.match(finding.message, /state: present/);
  });

  test('covers yum, dnf, package, pip and community.general modules, args:, free form and playbooks', () => {
    const text = yaml(
      '- yum: { name: a, state: latest }',
      '- ansible.legacy.dnf:',
      '    name: b',
      '    state: "latest"',
      '- package:',
      '    name: c',
      '  args:',
      '    state: latest',
      '- ansible.builtin.pip: name=d state=latest',
      '- community.general.pacman:',
      '    name: e',
      '    state: latest',
    );
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => f.line), [1, 4, 8, 9, 12]);
    assert.equal(marked(text, findings[3]), 'latest');
    assert.equal(lint(yaml('- hosts: all', '  tasks:', '    - apt: { name: x, state: latest }'), 'playbooks/x-deploy.yml').length, 1);
  });

  test('quick fix replaces latest with present; the result lints clean', () => {
    const text = yaml('- ansible.builtin.apt:', '    name: nginx', '    state: "latest"  # keep current', '- pip: name=x state=latest');
    let fixed = text;
    for (const finding of lint(text).reverse()) fixed = applyFix(fixed, onlyFix(finding), TASKS);
    assert.equal(fixed, yaml('- ansible.builtin.apt:', '    name: nginx', '    state: present  # keep current', '- pip: name=x state=present'));
    assert.deepEqual(lint(fixed), []);
  });

  test('passes present, templated states, and state: latest on modules that are not package managers', () => {
    const text = yaml(
      '- apt: { name: a, state: present }',
      '- apt:',
      '    name: b',
      '    state: "{{ pkg_state | default(\'present\') }}"',
      '- my.collection.apt:',
      '    state: latest',
      '- ansible.builtin.git:',
      '    repo: https://x',
      '    dest: /x',
      '    version: latest',
      '- ansible.builtin.debug:',
      '    msg: state=latest',
    );
    assert.deepEqual(lint(text), []);
  });
});
