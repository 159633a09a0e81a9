import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintFile } from '../../../../src/check/lint';
import { applyFix, contextOf, marked, onlyFix, span, yaml } from './helpers';

const RULE = 'vault-undocumented';
const DEFAULTS = 'roles/app_api/defaults/main.yml';
const EXAMPLE = 'inventory/group_vars/all/vault.yml.example';
const EXAMPLE_TEXT = yaml('---', '# Secrets template', 'vault_known: "CHANGE_ME"');

function lint(file: string, text: string, repo: Record<string, string> = { [EXAMPLE]: EXAMPLE_TEXT }) {
  return lintFile(file, text, contextOf({ ...repo, [file]: text })).filter((f) => f.ruleId === RULE);
}

describe('vault-undocumented', () => {
  test('flags an undocumented vault variable once per file, marking its name', () => {
    const text = yaml('---', 'app_token: "{{ vault_app_token }}"', 'app_token_copy: "{{ vault_app_token }}"');
    const [finding, ...rest] = lint(DEFAULTS, text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(span(finding), '2:16-2:31');
    assert.equal(marked(text, finding), 'vault_app_token');
    assert.match(finding.message, /vault_app_token is not documented/);
    assert.match(finding.message, new RegExp(EXAMPLE.replace(/\./g, '\\.')));
  });

  test('quick fix adds a CHANGE_ME entry to the vault example; the repo then lints clean', () => {
    const text = yaml('app_token: "{{ vault_app_token }}"');
    const fix = onlyFix(lint(DEFAULTS, text)[0]);
    const example = applyFix(EXAMPLE_TEXT, fix, EXAMPLE);
    assert.equal(example, `${EXAMPLE_TEXT}vault_app_token: "CHANGE_ME"\n`);
    assert.deepEqual(lint(DEFAULTS, text, { [EXAMPLE]: example }), []);
    // Without a trailing newline the entry still lands on its own line.
    const noBreak = applyFix('vault_known: x', onlyFix(lint(DEFAULTS, text, { [EXAMPLE]: 'vault_known: x' })[0]), EXAMPLE);
    assert.equal(noBreak, 'vault_known: x\nvault_app_token: "CHANGE_ME"\n');
  });

  test('without any vault example the fix creates one', () => {
    const fix = onlyFix(lint(DEFAULTS, yaml('app_token: "{{ vault_app_token }}"'), {})[0]);
    const [edit] = fix.edits;
    assert.equal(edit.kind, 'create');
    assert.equal(edit.file, EXAMPLE);
    if (edit.kind === 'create') assert.match(edit.content, /^vault_app_token: "CHANGE_ME"$/m);
  });

  test('finds uses in {{ }}, {% %}, bare when:/that: expressions, tasks and playbooks', () => {
    const tasks = yaml(
      '- name: a',
      '  ansible.builtin.debug:',
      '    msg: "{% if vault_a is defined %}yes{% endif %}"',
      '  when: vault_b | length > 0',
      '- ansible.builtin.assert:',
      '    that:',
      '      - vault_c != ""',
    );
    assert.deepEqual(lint('roles/app_api/tasks/main.yml', tasks).map((f) => marked(tasks, f)), ['vault_a', 'vault_b', 'vault_c']);
    const playbook = yaml('- hosts: all', '  vars:', '    x: "{{ vault_d }}"');
    assert.equal(lint('playbooks/app-deploy.yml', playbook).length, 1);
  });

  test('documented by a vault example, a README or docs mention, or a definition in group_vars or role vars', () => {
    const repo = {
      [EXAMPLE]: EXAMPLE_TEXT,
      'roles/other/README.md': '| `vault_in_readme` | admin token |\n',
      'docs/secrets.md': 'Set vault_in_docs before deploying.\n',
      'README.md': 'Top-level README mentions vault_in_top_readme.\n',
      'inventory/group_vars/all/vault.yml': yaml('vault_defined: secret'),
      'roles/app_api/vars/main.yml': yaml('vault_role_var: "{{ lookup(\'env\', \'X\') }}"'),
    };
    const names = ['vault_known', 'vault_in_readme', 'vault_in_docs', 'vault_in_top_readme', 'vault_defined', 'vault_role_var'];
    const text = yaml(...names.map((name, i) => `v${i}: "{{ ${name} }}"`));
    assert.deepEqual(lint(DEFAULTS, text, repo), []);
  });

  test('a reference in group_vars is no documentation; comments, plain text and attributes are no uses', () => {
    const repo = { [EXAMPLE]: EXAMPLE_TEXT, 'inventory/group_vars/all/vars.yml': yaml('app_pw: "{{ vault_only_referenced }}"') };
    assert.equal(lint(DEFAULTS, yaml('x: "{{ vault_only_referenced }}"'), repo).length, 1);
    const text = yaml(
      '# vault_in_comment is not a use',
      'a: set vault_in_text by hand',
      'b: "{{ secrets.vault_attribute }}"',
      'c: "{{ lookup(\'vars\', \'vault_\' ~ name) }}"',
    );
    assert.deepEqual(lint(DEFAULTS, text, repo), []);
  });
});
