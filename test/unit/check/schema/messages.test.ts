// Messages say what is wrong in plain words, name the allowed values and what to do, and
// say which schema spoke.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SCHEMA_RULES } from '../../../../src/check/schema';
import { findingsOf, onlyFinding, yaml } from './helpers';

const HEAD = ['name: gitea', 'container_id: 160'];

describe('schema messages', () => {
  test('enum: names the allowed values and what was written', () => {
    const finding = onlyFinding(yaml(...HEAD, 'ports:', '  - name: dns', '    port: 53', '    protocol: tpc'));
    assert.equal(finding.message, 'service schema: `ports[0].protocol` must be one of: tcp, udp (got "tpc").');
    assert.equal(finding.ruleId, 'schema');
    assert.equal(finding.severity, 'error');
  });

  test('missing property: says what the property is for and to add it', () => {
    const finding = onlyFinding(yaml('name: gitea'));
    assert.equal(
      finding.message,
      'service schema: Missing required property `container_id`: the Proxmox container id (VMID) the service runs in, 100 to 999999999. Add `container_id:` here.',
    );
  });

  test('unknown property: suggests the closest name and lists the allowed ones', () => {
    const finding = onlyFinding(yaml(...HEAD, 'deploy_playbok: playbooks/gitea-deploy.yml'));
    assert.match(finding.message, /^service schema: Unknown property `deploy_playbok`\. Did you mean `deploy_playbook`\? Allowed here: name, description, container_id/);
  });

  test('unknown property with no close match: no guess', () => {
    const finding = onlyFinding(yaml(...HEAD, 'zzz: 1'));
    assert.doesNotMatch(finding.message, /Did you mean/);
  });

  test('pattern: explains the rule in words, not the regular expression', () => {
    const finding = onlyFinding(yaml(...HEAD, 'deploy_playbook: ../playbooks/x.yml'));
    assert.equal(
      finding.message,
      'service schema: `deploy_playbook` must be a file directly in playbooks/, ending in .yml or .yaml, e.g. playbooks/gitea-deploy.yml (got "../playbooks/x.yml").',
    );
  });

  test('type: says the expected kind of value', () => {
    assert.match(onlyFinding(yaml('name: gitea', 'container_id: "160"')).message, /`container_id` must be a whole number \(got "160"\)/);
    assert.match(onlyFinding(yaml(...HEAD, 'roles: gitea_api')).message, /`roles` must be a list \(got "gitea_api"\)/);
    assert.match(onlyFinding(yaml(...HEAD, 'external: https://x')).message, /`external` must be a mapping \(key: value lines\)/);
  });

  test('range: states both bounds', () => {
    assert.match(onlyFinding(yaml('name: gitea', 'container_id: 99')).message, /`container_id` must be between 100 and 999999999 \(got 99\)/);
  });

  test('backup type: lists every kind of backup item', () => {
    const finding = onlyFinding(yaml(...HEAD, 'backup:', '  - type: mysql'));
    assert.equal(finding.message, 'service schema: `backup[0].type` must be one of: postgresql, redis, files, config, mongodb (got "mysql").');
  });

  test('durations and sizes: one message for the union, with examples', () => {
    const finding = onlyFinding(yaml(...HEAD, 'targets:', '  rto: { target: 5 minutes }'));
    assert.equal(finding.message, 'service schema: `targets.rto.target` must be a number of seconds or a duration like "5m", "90s" or "1h30m" (got "5 minutes").');
    const size = onlyFinding(yaml(...HEAD, 'targets:', '  backup_size: { target: 1 gigabyte }'));
    assert.match(size.message, /must be a number of bytes or a size like "512MB", "1GB" or "2GiB"/);
  });

  test('certify.yml: the schema is named, and secrets have no place', () => {
    const finding = onlyFinding(yaml('proxmox:', '  api_token_secret: 1234'), 'certify');
    assert.match(finding.message, /^certify schema: Unknown property `api_token_secret` in `proxmox`/);
  });

  test('an empty service definition says what it needs; an empty certify.yml is fine', () => {
    assert.equal(
      onlyFinding('# nothing yet\n').message,
      'service schema: This file is empty: a Certify service definition is a mapping with at least `name:` and `container_id:`.',
    );
    assert.deepEqual(findingsOf('# all defaults\n', 'certify'), []);
  });

  test('long values are cut in messages', () => {
    const finding = onlyFinding(yaml(...HEAD, `hostname: ${'x'.repeat(300)}`));
    assert.ok(finding.message.length < 400, finding.message);
    assert.match(finding.message, /\.\.\."\)\.$/);
  });

  test('SCHEMA_RULES declares every rule id the validator uses, with severity and summary', () => {
    assert.deepEqual(
      SCHEMA_RULES.map((rule) => rule.id),
      ['yaml-syntax', 'yaml-duplicate-key', 'yaml-aliases', 'yaml-too-large', 'schema'],
    );
    for (const rule of SCHEMA_RULES) {
      assert.equal(rule.severity, 'error');
      assert.ok(rule.summary.length > 20);
      assert.ok(rule.category === 'yaml' || rule.category === 'schema');
    }
  });
});
