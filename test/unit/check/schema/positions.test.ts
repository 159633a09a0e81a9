// Each kind of schema problem marks the right text: the key for an unknown property, the
// value for a wrong type, pattern, enum or range, the parent mapping's key for a missing one.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertMarks, findingsOf, onlyFinding, yaml } from './helpers';

const HEAD = ['name: gitea', 'container_id: 160'];

describe('schema findings land on the right text', () => {
  test('unknown property → its key', () => {
    const text = yaml(...HEAD, 'hostnme: gitea');
    assertMarks(text, onlyFinding(text), 3, 'hostnme');
  });

  test('unknown nested property → its key, at its column', () => {
    const text = yaml(...HEAD, 'external:', '  url: https://git.example.net', '  health: /x');
    const finding = onlyFinding(text);
    assertMarks(text, finding, 5, 'health');
    assert.equal(finding.column, 3);
  });

  test('wrong type → the value', () => {
    const text = yaml('name: gitea', 'container_id: one-sixty');
    assertMarks(text, onlyFinding(text), 2, 'one-sixty');
  });

  test('pattern → the value (quotes included)', () => {
    const text = yaml('name: "Gitea Server"', 'container_id: 160');
    assertMarks(text, onlyFinding(text), 1, '"Gitea Server"');
  });

  test('enum → the value, in a list of mappings', () => {
    const text = yaml(...HEAD, 'ports:', '  - name: http', '    port: 3000', '  - name: dns', '    port: 53', '    protocol: tpc');
    assertMarks(text, onlyFinding(text), 8, 'tpc');
  });

  test('range → the value', () => {
    const text = yaml(...HEAD, 'service_port: 70000');
    assertMarks(text, onlyFinding(text), 3, '70000');
  });

  test('missing required property at the root → the mapping’s first line', () => {
    const text = yaml('# a comment first', 'name: gitea', 'hostname: gitea');
    assertMarks(text, onlyFinding(text), 2, 'name: gitea');
  });

  test('missing required property in a nested mapping → the parent’s key', () => {
    const text = yaml(...HEAD, 'external:', '  health_path: /api/healthz');
    assertMarks(text, onlyFinding(text), 3, 'external');
  });

  test('missing required property in a list item → the item’s first line', () => {
    const text = yaml(...HEAD, 'ports:', '  - port: 22', '    protocol: tcp');
    assertMarks(text, onlyFinding(text), 4, 'port: 22');
  });

  test('backup union: the branch named by `type` is checked, its problems land inside it', () => {
    const text = yaml(
      ...HEAD,
      'backup:',
      '  - type: files',
      '    paths: [/var/lib/gitea]',
      '  - type: postgresql',
      '    database: gitea',
      '    container_id: 150',
      '    format: tar',
      '  - type: redis',
      '    container_id: 151',
      '    rdb_path: var/lib/redis/dump.rdb',
      '  - type: mongodb',
      '    database: unifi',
    );
    const findings = findingsOf(text);
    assert.equal(findings.length, 3, findings.map((f) => f.message).join('\n'));
    assertMarks(text, findings[0], 9, 'tar');
    assertMarks(text, findings[1], 12, 'var/lib/redis/dump.rdb');
    assertMarks(text, findings[2], 13, 'type: mongodb');
    assert.match(findings[2].message, /Missing required property `container_id` in `backup\[3\]`/);
  });

  test('backup union: an unknown type marks the type’s value; a missing type marks the item', () => {
    const text = yaml(...HEAD, 'backup:', '  - type: mysql', '    database: x', '  - database: y');
    const findings = findingsOf(text);
    assert.equal(findings.length, 2);
    assertMarks(text, findings[0], 4, 'mysql');
    assertMarks(text, findings[1], 6, 'database: y');
  });

  test('property of another backup type → that key', () => {
    const text = yaml(...HEAD, 'backup:', '  - type: config', '    paths: [/etc/gitea/app.ini]', '    docker_volume: true');
    assertMarks(text, onlyFinding(text), 6, 'docker_volume');
  });

  test('a list item in a flow sequence → the item', () => {
    const text = yaml(...HEAD, 'roles: [gitea_api, "bad role", other]');
    assertMarks(text, onlyFinding(text), 3, '"bad role"');
  });

  test('an empty value has no text → its key', () => {
    const text = yaml(...HEAD, 'service_port:');
    assertMarks(text, onlyFinding(text), 3, 'service_port');
  });

  test('a wrong-typed block mapping → its first line only', () => {
    const text = yaml(...HEAD, 'roles:', '  first: gitea_api', '  second: other');
    assertMarks(text, onlyFinding(text), 4, 'first: gitea_api');
  });

  test('a repeated list item → the repeat', () => {
    const text = yaml(...HEAD, 'depends_on:', '  - postgresql', '  - redis', '  - postgresql');
    assertMarks(text, onlyFinding(text), 6, 'postgresql');
  });

  test('a bad key of a free map → the key', () => {
    const text = yaml('rules:', '  schema: warning', '  Not A Rule: off');
    assertMarks(text, onlyFinding(text, 'certify'), 3, 'Not A Rule');
  });

  test('a value reached through an alias → the alias', () => {
    const text = yaml(...HEAD, 'x_port: &p 99999', 'service_port: *p').replace('x_port: &p 99999\n', 'description: &p "99999"\n');
    assertMarks(text, onlyFinding(text), 4, '*p');
  });

  test('problems are reported in text order, all of them', () => {
    // The schema lists name, container_id, hostname, service_port: the text has them reversed.
    const text = yaml('service_port: 0', 'hostname: -x', 'container_id: 5', 'name: Bad Name');
    const findings = findingsOf(text);
    assert.deepEqual(findings.map((f) => f.line), [1, 2, 3, 4]);
  });

  test('columns count UTF-16 code units, as VS Code does', () => {
    const text = yaml(...HEAD, 'description: 😀 日本', 'hostname: "😀x"');
    const finding = onlyFinding(text);
    assertMarks(text, finding, 4, '"😀x"');
    assert.deepEqual([finding.column, finding.endColumn], [11, 16]);
  });

  test('CRLF line endings: columns still count characters of the line', () => {
    const text = yaml(...HEAD, 'service_port: 70000').replace(/\n/g, '\r\n');
    const finding = onlyFinding(text);
    assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [3, 15, 3, 20]);
  });
});
