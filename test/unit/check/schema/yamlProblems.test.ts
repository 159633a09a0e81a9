// YAML-level problems: syntax errors (the first one, in plain words), duplicate keys, aliases, and documents
// refused for their size or depth. Each is a finding with a position, never an exception.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateYamlDocument } from '../../../../src/check/schema';
import { MAX_ALIASES, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_LINES } from '../../../../src/check/schema/limits';
import { assertMarks, findingsOf, onlyFinding, yaml } from './helpers';

/** The classic "billion laughs": 10 levels of 10 aliases each, 10^10 values once expanded. */
function aliasBomb(levels = 10): string {
  const lines = ['name: bomb', 'container_id: 100', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i += 1) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return yaml(...lines);
}

describe('YAML problems', () => {
  test('a syntax error is a yaml-syntax finding at its position; the value is undefined', () => {
    const text = yaml('name: gitea', 'container_id: 160', 'description: "unterminated', 'hostname: gitea');
    const result = validateYamlDocument('services/gitea.yml', text, 'service');
    assert.equal(result.value, undefined);
    assert.equal(result.findings.length, 1);
    const [finding] = result.findings;
    assert.equal(finding.ruleId, 'yaml-syntax');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /^A quoted value is not closed: its closing " is missing\. .* \(yaml MISSING_CHAR\)\./);
    assert.ok(finding.line >= 3);
  });

  test('a file with several syntax errors gets one finding, at the first', () => {
    const text = yaml('name: gitea', 'container_id: 160', 'x: 1', '  y: 2', 'roles: [a, b', 'hostname: @host');
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-syntax');
    assert.equal(finding.line, 3);
    assert.match(finding.message, /^A mapping is nested where YAML allows none.*\(yaml BLOCK_AS_IMPLICIT_KEY\)\./);
  });

  test('a syntax error does not hide duplicate keys, which are their own rule', () => {
    const text = yaml('name: gitea', 'name: forgejo', 'container_id: 160', 'roles: [a, b');
    const rules = findingsOf(text).map((f) => f.ruleId).sort();
    assert.deepEqual(rules, ['yaml-duplicate-key', 'yaml-syntax']);
  });

  test('a tab used as indentation is marked where it stands', () => {
    const text = yaml('name: gitea', 'container_id: 160', 'roles:', '\t- gitea_api');
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-syntax');
    assert.deepEqual([finding.line, finding.column], [4, 1]);
    assert.match(finding.message, /^A tab is used for indentation.*\(yaml TAB_AS_INDENT\)/);
  });

  test('a duplicate key marks the second key and names the line of the first', () => {
    const text = yaml('name: gitea', 'container_id: 160', 'hostname: gitea', 'name: forgejo');
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-duplicate-key');
    assertMarks(text, finding, 4, 'name');
    assert.match(finding.message, /Duplicate key `name` \(first on line 1\)/);
  });

  test('duplicate keys nested in a list are found too', () => {
    const text = yaml('name: gitea', 'container_id: 160', 'ports:', '  - name: http', '    port: 80', '    port: 8080');
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-duplicate-key');
    assertMarks(text, finding, 6, 'port');
  });

  test('more than one document is a syntax finding', () => {
    const finding = onlyFinding(yaml('name: a', 'container_id: 100', '---', 'name: b', 'container_id: 101'));
    assert.equal(finding.ruleId, 'yaml-syntax');
    assert.match(finding.message, /more than one YAML document/);
  });

  test('an alias bomb is refused with one yaml-aliases finding at an alias', () => {
    const text = aliasBomb();
    const result = validateYamlDocument('services/bomb.yml', text, 'service');
    assert.equal(result.value, undefined);
    assert.equal(result.findings.length, 1);
    const [finding] = result.findings;
    assert.equal(finding.ruleId, 'yaml-aliases');
    assert.match(finding.message, /more than 100,000 values/);
    assertMarks(text, finding, 4, '*l0');
  });

  test('a valid document with a few aliases is read and its aliases expanded', () => {
    const text = yaml('name: gitea', 'container_id: &id 160', 'backup:', '  - type: redis', '    container_id: *id');
    const result = validateYamlDocument('services/gitea.yml', text, 'service');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.value, { name: 'gitea', container_id: 160, backup: [{ type: 'redis', container_id: 160 }] });
  });

  test('an alias to the node that contains it is refused', () => {
    const text = yaml('name: gitea', 'container_id: 160', 'roles: &r [a, *r]');
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-aliases');
    assertMarks(text, finding, 3, '*r');
    assert.match(finding.message, /endless/);
  });

  test('an alias without an anchor is marked', () => {
    const text = yaml('name: gitea', 'container_id: *vmid');
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-aliases');
    assertMarks(text, finding, 2, '*vmid');
  });

  test(`more than ${MAX_ALIASES} aliases are refused`, () => {
    const items = Array.from({ length: MAX_ALIASES + 1 }, () => '  - *r');
    const finding = onlyFinding(yaml('name: gitea', 'container_id: 160', 'x: &r gitea_api', 'roles:', ...items));
    assert.equal(finding.ruleId, 'yaml-aliases');
    assert.match(finding.message, /More than 1,000 aliases/);
  });

  test('a document over the size limit is refused with yaml-too-large', () => {
    const filler = `# ${'x'.repeat(1000)}\n`;
    const text = yaml('name: gitea', 'container_id: 160') + filler.repeat(Math.ceil(MAX_DOCUMENT_BYTES / filler.length) + 1);
    const result = validateYamlDocument('services/huge.yml', text, 'service');
    assert.equal(result.value, undefined);
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].ruleId, 'yaml-too-large');
    assert.match(result.findings[0].message, /larger than 4 MiB/);
    assert.equal(result.findings[0].line, 1);
  });

  test('multi-byte characters count as UTF-8 bytes towards the size limit', () => {
    // Under the limit in UTF-16 code units, over it in UTF-8 bytes.
    const text = `description: ${'é'.repeat(Math.ceil(MAX_DOCUMENT_BYTES / 2) + 10)}\n`;
    assert.ok(text.length < MAX_DOCUMENT_BYTES);
    assert.equal(onlyFinding(text).ruleId, 'yaml-too-large');
  });

  test('a document with too many lines is refused with yaml-too-large', () => {
    const text = yaml('name: gitea', 'container_id: 160') + '\n'.repeat(MAX_DOCUMENT_LINES);
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-too-large');
    assert.match(finding.message, /longer than 200,000 lines/);
  });

  test('deep nesting is refused with yaml-too-large at the place it gets too deep', () => {
    const text = yaml('name: gitea', 'container_id: 160', `description: ${'['.repeat(500)}${']'.repeat(500)}`);
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-too-large');
    assert.equal(finding.line, 3);
    assert.match(finding.message, /more than 100 levels deep/);
  });

  test('a bracket-heavy document with a syntax error gets its first error only', () => {
    const text = yaml('name: gitea', 'container_id: 160', 'description: "open', `roles: ${'['.repeat(20_000)}`);
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'yaml-syntax');
  });

  test('odd inputs give findings, not exceptions', () => {
    const inputs = ['', '\n', '\uFEFF', '---', '...', '- ', ':', '? ', '&', '*', '!', '%', '@', '\u0000', '"', "'", '[', '{', '}', ']', '\t', 'a: |', 'a: >', '\r', '\r\r\n', '😀: 😀'];
    for (const text of inputs) {
      for (const schema of ['service', 'certify'] as const) {
        const result = validateYamlDocument('x.yml', text, schema);
        assert.ok(Array.isArray(result.findings), JSON.stringify(text));
      }
    }
  });
});
