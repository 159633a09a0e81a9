// The folders beyond roles/ where Ansible looks for a role, read from the repo's ansible.cfg.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extraRoleFolders } from '../../../src/repo/rolesSearchPath';

test('playbooks/roles always; then each roles_path folder inside the repo, normalised, once', () => {
  assert.deepEqual(extraRoleFolders(undefined), ['playbooks/roles']);
  assert.deepEqual(extraRoleFolders('[defaults]\nroles_path = roles\n'), ['playbooks/roles']);
  assert.deepEqual(extraRoleFolders('[defaults]\nroles_path = ./roles:vendor/roles/:galaxy_roles:vendor//roles\n'), ['playbooks/roles', 'vendor/roles', 'galaxy_roles']);
  // In the DEFAULT section, as configparser reads it, and with an inline ; comment.
  assert.deepEqual(extraRoleFolders('[DEFAULT]\nroles_path = shared ; team roles\n[defaults]\n'), ['playbooks/roles', 'shared']);
});

test('folders outside the repo, or named through ~, $VAR or {{ }}, are not guessed at', () => {
  const cfg = '[defaults]\nroles_path = ~/.ansible/roles:/usr/share/ansible/roles:$HOME/roles:{{CWD}}/roles:../other:..:.:roles2\n';
  assert.deepEqual(extraRoleFolders(cfg), ['playbooks/roles', 'roles2']);
});

test('roles_path in another section is not the setting', () => {
  assert.deepEqual(extraRoleFolders('[galaxy]\nroles_path = vendor\n'), ['playbooks/roles']);
});
