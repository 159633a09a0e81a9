import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintFile } from '../../../../src/check/lint';
import { applyFix, contextOf, lintRule, marked, onlyFix, span, yaml } from './helpers';

const RULE = 'plaintext-secret';
const DEFAULTS = 'roles/app_api/defaults/main.yml';
const lint = (text: string, file = DEFAULTS) => lintRule(RULE, file, text);

describe('plaintext-secret', () => {
  test('flags a literal password in role defaults, marks the value and says where it goes', () => {
    const text = yaml('---', 'app_db_user: app', 'app_db_password: "Tr0ub4dor&3-horse"  # set in prod');
    const [finding, ...rest] = lint(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.equal(span(finding), '3:18-3:37');
    assert.equal(marked(text, finding), '"Tr0ub4dor&3-horse"');
    assert.match(finding.message, /vault_app_db_password/);
  });

  test('quick fix points the variable at the vault; the result lints clean', () => {
    const text = yaml('app_api_key: 9f8e7d6c5b4a39281706');
    const fix = onlyFix(lint(text)[0]);
    assert.equal(fix.title, 'Use "{{ vault_app_api_key }}"');
    const fixed = applyFix(text, fix, DEFAULTS);
    assert.equal(fixed, yaml('app_api_key: "{{ vault_app_api_key }}"'));
    assert.deepEqual(lint(fixed), []);
  });

  test('flags secrets in group_vars, playbook vars, task parameters and environment, numbers included', () => {
    const groupVars = yaml(
      'smtp_password: 123456789012345',
      'mail:',
      '  relay_token: tok_9a8b7c6d5e4f',
      'aws_access_key: AKIAEXAMPLEID',
      'aws_secret_access_key: wJalrXUtnFEMIK7MDENG',
      'tls_private_key: |',
      '  -----BEGIN PRIVATE KEY-----',
    );
    assert.deepEqual(lint(groupVars, 'inventory/group_vars/all/vars.yml').map((f) => f.line), [1, 3, 5, 6]);
    const playbook = yaml('- hosts: all', '  vars:', '    adminPassword: correct-horse-battery', '  roles: [app_api]');
    const [inPlay] = lint(playbook, 'playbooks/app-deploy.yml');
    assert.equal(span(inPlay), '3:20-3:41');
    assert.equal(inPlay.fixes?.[0]?.title, 'Use "{{ vault_adminPassword }}"');
    const tasks = yaml(
      '- name: Create the database user',
      '  community.postgresql.postgresql_user:',
      '    name: app',
      '    password: s3cr3t-literal-value',
      '  environment:',
      '    PGPASSWORD: another-literal-one',
    );
    const inTasks = lint(tasks, 'roles/app_api/tasks/main.yml');
    assert.deepEqual(inTasks.map((f) => f.line), [4, 6]);
    assert.equal(inTasks[0].fixes, undefined, 'a module parameter gets no vault rename');
  });

  test('an unencrypted vault file is told to be encrypted', () => {
    const [finding] = lint(yaml('vault_app_db_password: real-secret-value'), 'inventory/group_vars/all/vault.yml');
    assert.match(finding.message, /ansible-vault encrypt inventory\/group_vars\/all\/vault\.yml/);
    assert.equal(finding.fixes, undefined);
  });

  test('false-positive guards: ids, files, lengths, flags, modes, Jinja, vault blobs, placeholders, hashes, paths', () => {
    const text = yaml(
      'proxmox_api_token_id: ansible',
      'api_token_id: "automation@pve!ansible"',
      'app_password_file: /etc/app/password',
      'app_password_length: 32',
      'app_use_password: yes',
      'no_log: true',
      'update_password: on_create',
      'token_type: bearer',
      'app_public_key: "ssh-ed25519 AAAAC3Nza"',
      'app_db_password: "{{ vault_app_db_password }}"',
      'app_secret: !vault |',
      '  $ANSIBLE_VAULT;1.1;AES256',
      '  6162636465',
      'app_admin_password: CHANGE_ME',
      'app_root_password: ""',
      'app_token: ~',
      'app_user_password: "$6$rounds=5000$saltsalt$hashhashhash"',
      'app_private_key: ~/.ssh/id_ed25519',
      'password_encryption: scram-sha-256',
    );
    assert.deepEqual(lint(text, 'inventory/group_vars/all/vars.yml'), []);
  });

  test('*.example files document placeholders and are not linted', () => {
    const example = yaml('vault_app_db_password: "a real looking value"');
    assert.deepEqual(lintFile('inventory/group_vars/all/vault.yml.example', example, contextOf()), []);
  });

  test('a weak literal in role defaults is weak-default-password\'s finding, not a second one here', () => {
    assert.deepEqual(lint(yaml('app_db_password: admin')), []);
    assert.equal(lintRule('weak-default-password', DEFAULTS, yaml('app_db_password: admin')).length, 1);
  });
});
