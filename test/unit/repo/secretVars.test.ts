import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { factOrigin, factText } from '../../../src/core/factText';
import { SECRET_MARK } from '../../../src/core/urlCredentials';
import { resolveTemplate, SECRET_VALUE } from '../../../src/repo/jinja';
import { inferRoleFacts } from '../../../src/repo/roleFacts';
import { isSecretVar, isVaultFile } from '../../../src/repo/secretVars';
import { VarScope } from '../../../src/repo/varScope';
import type { YamlEntry } from '../../../src/yaml/parse';

const DEFAULTS = 'roles/app_api/defaults/main.yml';

function entries(file: string, values: Record<string, unknown>): Map<string, YamlEntry> {
  return new Map(Object.entries(values).map(([name, value], index) => [name, { value, source: { file, line: index + 1 } }]));
}

describe('secret variables', () => {
  test('vault files are the vars files named after the vault', () => {
    for (const file of ['group_vars/all/vault.yml', 'group_vars/all/vault.yaml', 'inventory/group_vars/web/app_vault.yml', 'host_vars/pve/vault.yml', 'group_vars/vault.yml']) {
      assert.ok(isVaultFile(file), file);
    }
    for (const file of ['group_vars/all/main.yml', 'roles/vault/defaults/main.yml', 'group_vars/all/vault.yml.example']) assert.ok(!isVaultFile(file), file);
  });

  test('a vault_ name, a vault file or an encrypted value makes a variable secret', () => {
    const at = (file: string, value: unknown): YamlEntry => ({ value, source: { file, line: 1 } });
    assert.ok(isSecretVar('vault_db_password', at(DEFAULTS, 'plain')));
    assert.ok(isSecretVar('db_name', at('group_vars/all/vault.yml', 'plain')));
    assert.ok(isSecretVar('api_token', at(DEFAULTS, '$ANSIBLE_VAULT;1.1;AES256\n6162\n')));
    assert.ok(!isSecretVar('db_name', at(DEFAULTS, 'plain')));
  });

  test('a template that refers to a vault variable is never resolved, however deep', () => {
    const scope = new VarScope(entries(DEFAULTS, { app_ip: '{{ via }}', via: '{{ vault_ip }}' }), entries('group_vars/all/vault.yml', { vault_ip: '10.99.88.77' }));
    assert.equal(scope.lookup('vault_ip'), SECRET_VALUE);
    assert.deepEqual(resolveTemplate('{{ app_ip }}', scope.lookup), { resolved: false, expression: '{{ app_ip }}', secret: true });
  });

  test('facts: a secret variable shows as the mark, a template to one as written; neither holds the value', () => {
    const scope = new VarScope(
      entries(DEFAULTS, { app_container_id: 170, app_ip_address: '{{ vault_app_ip }}', app_hostname: 'app', app_db_name: 'appdb' }),
      new Map([
        ...entries('group_vars/all/vault.yml', { vault_app_ip: '10.99.88.77', app_hostname: 'PlainVaultHost', app_db_name: 'VaultDb' }),
        ...entries('group_vars/all/main.yml', { app_service_port: '$ANSIBLE_VAULT;1.1;AES256\n3136\n' }),
      ]),
    );
    const inferred = inferRoleFacts('app', 'app_api', scope);
    assert.equal(inferred.facts.containerId?.kind, 'known');
    assert.deepEqual(inferred.facts.ipAddress, { kind: 'unresolved', expression: '{{ vault_app_ip }}', origin: 'role-defaults', source: { file: DEFAULTS, line: 2 } });
    assert.equal(inferred.facts.hostname?.kind, 'unresolved');
    assert.equal(factText(inferred.facts.hostname), SECRET_MARK);
    assert.equal(factOrigin(inferred.facts.hostname!), 'group_vars/all/vault.yml:2 (a vault secret, not shown)');
    assert.equal(factText(inferred.facts.servicePort), SECRET_MARK);
    assert.deepEqual(inferred.databases, []);
    assert.ok(!JSON.stringify(inferred).includes('10.99.88.77'));
    assert.ok(!JSON.stringify(inferred).includes('PlainVaultHost'));
  });
});
