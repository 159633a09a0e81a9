import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { buildLintContext, lintFile, lintRepo, LINT_RULES, type LintRepoInput } from '../../../../src/check/lint';
import type { Finding } from '../../../../src/core/findings';
import { applyFix, contextOf, repoInput, yaml } from './helpers';

const HOMELAB = path.resolve(__dirname, '../../../../examples/homelab');

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, relative) : [relative];
  });
}

/** What the workspace layer hands lint: the texts validation reads and the role file list. */
function readHomelab(): LintRepoInput {
  const files = listFiles(HOMELAB);
  const wanted = (file: string): boolean =>
    /^roles\/[^/]+\/(tasks|handlers|defaults|vars|meta)\/[^/]+\.ya?ml$/.test(file) ||
    /^roles\/[^/]+\/README\.md$/.test(file) ||
    /^playbooks\/[^/]+\.ya?ml$/.test(file) ||
    /^(README\.md|ansible\.cfg)$/.test(file) ||
    /^docs\/.+\.md$/.test(file) ||
    /^(inventory\/)?hosts\.ya?ml$/.test(file) ||
    /^(inventory\/|playbooks\/)?(group_vars|host_vars)\//.test(file);
  const texts = new Map(files.filter(wanted).map((file) => [file, readFileSync(path.join(HOMELAB, file), 'utf8')]));
  const roleFiles = files.filter((file) => /^roles\/[^/]+\/([^/]+|[^/]+\/[^/]+)$/.test(file)).sort();
  const roleDirs = [...new Set(roleFiles.map((file) => file.split('/')[1]))].sort();
  return { texts, roleFiles, roleDirs };
}

describe('lintRepo on examples/homelab', () => {
  test('reports exactly the deliberate gaps: no README for vaultwarden_api, vault_vaultwarden_admin_token undocumented', () => {
    const findings = lintRepo(readHomelab());
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.endLine, f.endColumn]),
      [
        ['vault-undocumented', 'roles/vaultwarden_api/defaults/main.yml', 20, 30, 20, 59],
        ['role-readme', 'roles/vaultwarden_api/tasks/main.yml', 1, 1, 1, 4],
      ],
    );
    assert.match(findings[0].message, /vault_vaultwarden_admin_token/);
  });

  test('with both quick fixes applied the example lints clean', () => {
    const input = readHomelab();
    const findings = lintRepo(input);
    const texts = new Map(input.texts);
    const roleFiles = [...input.roleFiles];
    for (const finding of findings) {
      for (const edit of finding.fixes?.[0]?.edits ?? []) {
        if (edit.kind === 'create') {
          texts.set(edit.file, edit.content);
          roleFiles.push(edit.file);
        } else {
          texts.set(edit.file, applyFix(texts.get(edit.file) ?? '', { title: '', edits: [edit] }, edit.file));
        }
      }
    }
    assert.deepEqual(lintRepo({ texts, roleFiles: roleFiles.sort(), roleDirs: input.roleDirs }), []);
  });

  test('every role and playbook of the example is linted without a finding from the per-file rules', () => {
    const input = readHomelab();
    const context = buildLintContext(input);
    const linted = [...input.texts.keys()].filter((file) => /\.ya?ml$/.test(file));
    assert.ok(linted.length > 30);
    const findings = linted.flatMap((file) => lintFile(file, input.texts.get(file) ?? '', context));
    assert.deepEqual(findings.map((f) => f.ruleId), ['vault-undocumented']);
  });
});

describe('lint rules', () => {
  test('declare a unique id, a default severity, a one-line summary and category lint', () => {
    assert.deepEqual(LINT_RULES.map((rule) => rule.id).sort(), [
      'health-check-missing',
      'host-key-checking-off',
      'no-changed-when',
      'plaintext-secret',
      'proxmox-via-pct',
      'role-readme',
      'role-structure',
      'state-latest',
      'vault-undocumented',
      'weak-default-password',
    ]);
    for (const rule of LINT_RULES) {
      assert.equal(rule.category, 'lint');
      assert.ok(['error', 'warning', 'info'].includes(rule.severity));
      assert.ok(rule.summary.length > 30 && !rule.summary.includes('\n'), rule.id);
    }
    const errors = LINT_RULES.filter((rule) => rule.severity === 'error').map((rule) => rule.id).sort();
    assert.deepEqual(errors, ['host-key-checking-off', 'plaintext-secret']);
    assert.deepEqual(LINT_RULES.filter((rule) => rule.scope === 'repo').map((rule) => rule.id).sort(), ['role-readme', 'role-structure']);
  });
});

describe('lintFile input handling', () => {
  const context = contextOf();

  test('a file that does not parse gets no lint findings (the YAML layer reports it)', () => {
    assert.deepEqual(lintFile('roles/x/tasks/main.yml', '- name: a\n  command: [unclosed\n', context), []);
    assert.deepEqual(lintFile('roles/x/tasks/main.yml', 'a: 1\na: 2\n', context), []);
  });

  test('files lint has nothing to say about are left alone', () => {
    const secret = yaml('db_password: hunter2-hunter2');
    for (const file of ['roles/x/templates/a.yml', 'roles/x/files/a.yml', 'services/app.yml', 'certify.yml', 'README.md', 'inventory/group_vars/all/vault.yml.example']) {
      assert.deepEqual(lintFile(file, secret, context), [], file);
    }
    for (const file of ['roles/x/vars/main.yml', 'playbooks/site.yml', 'group_vars/all.yml', 'inventory/host_vars/pve01.yml', 'inventory/hosts.yml']) {
      assert.equal(lintFile(file, secret, context).length, 1, file);
    }
  });

  test('never throws and never reports an internal error, whatever the input', () => {
    const garbage = [
      '',
      '---',
      '~',
      '42',
      '"just a string"',
      '\u0000\u0001\u0002 binary',
      '{{{{ }}}}',
      '- ~\n- 1\n- [a, b]\n- "x"\n- {block: 5}\n- {block: [~, 1]}\n- {rescue: {a: 1}}',
      '- name: x\n  command: ~\n- name: y\n  shell: {argv: 5}\n- action: {}\n- action: 7\n- local_action: ""',
      '- name: z\n  ansible.builtin.command:\n    argv: [~, {a: 1}, [1]]\n  args: 5',
      '- apt: 7\n- apt: {state: [latest]}\n- ansible.builtin.uri: {status_code: ~}\n- <<: {command: x}',
      'a: &a [*a]',
      'x: &x {y: *x}',
      `${'- '.repeat(300)}deep`,
      `${'['.repeat(300)}${']'.repeat(300)}`,
      'password: !vault\n',
      'password: !!binary aGVsbG8=',
      '? [complex, key]\n: value\n1: 2\n~: 3\n',
      '- hosts: all\n  tasks: 5\n  handlers: {a: 1}\n  pre_tasks: [[1]]',
      'StrictHostKeyChecking=no',
      '%YAML 1.1\n---\nx: 1\n...\n---\ny: 2',
      '- name: a\r\n  command: echo\r',
      '\ufeff- name: bom\n  command: echo',
      'ansible_host_key_checking: [false]\nhost_key_checking: {a: b}',
      'pw: "{{ x | default(\'a\'"',
    ];
    const files = [
      'roles/x_api/tasks/main.yml',
      'roles/x_api/handlers/main.yml',
      'roles/x_api/defaults/main.yml',
      'roles/x_api/meta/main.yml',
      'playbooks/x-deploy.yml',
      'inventory/hosts.yml',
      'ansible.cfg',
    ];
    for (const text of garbage) {
      for (const file of files) {
        let findings: Finding[] = [];
        assert.doesNotThrow(() => {
          findings = lintFile(file, text, context);
        }, `${file}: ${JSON.stringify(text).slice(0, 40)}`);
        assert.deepEqual(findings.filter((f) => /could not run/.test(f.message)), [], `${file}: ${JSON.stringify(text).slice(0, 40)}`);
      }
      const repo = Object.fromEntries(files.map((file) => [file, text]));
      assert.doesNotThrow(() => lintRepo(repoInput(repo, ['roles//x', 'roles/y', 'not/a/role'])));
    }
    assert.doesNotThrow(() => lintRepo({ texts: new Map(), roleFiles: [], roleDirs: ['', 'a b', '../x'] }));
  });
});
