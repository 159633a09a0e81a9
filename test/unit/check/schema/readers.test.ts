// Where js-yaml (the fast reader) and the `yaml` package read a text differently, the
// validator reports the `yaml` package's reading: one case per known disagreement.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateYamlDocument } from '../../../../src/check/schema';
import { readFast } from '../../../../src/check/schema/fastRead';
import { yaml } from './helpers';

const HEAD = ['name: gitea', 'container_id: 160'];
const summary = (text: string) =>
  validateYamlDocument('services/gitea.yml', text, 'service').findings.map((f) => `${f.ruleId} ${f.line}: ${f.message.replace(/^service schema: /, '')}`);

describe('js-yaml and the yaml package disagree: the yaml package wins', () => {
  const cases: { name: string; text: string; expect: RegExp }[] = [
    { name: '%YAML 1.1 makes `yes` a boolean', text: `%YAML 1.1\n---\n${yaml(...HEAD, 'description: yes')}`, expect: /^schema 5: `description` must be text/ },
    { name: 'a null key is "" (js-yaml: "null")', text: yaml(...HEAD, 'test_data:', '  expected: { ~: 1 }'), expect: /^schema 4: Key `` in `test_data.expected`/ },
    { name: 'a flow collection as key is "[ a ]" (js-yaml: "a")', text: yaml(...HEAD, '[external]: 1'), expect: /^schema 3: Unknown property `\[ external \]`/ },
    { name: 'an empty key in a flow mapping is "" (js-yaml: "null")', text: yaml(...HEAD, 'test_data: { expected: { a,: 1 } }'), expect: /^schema 3: / },
    { name: 'an empty compact nested item ends its list', text: yaml(...HEAD, 'roles:', '  - -', '  - gitea_api'), expect: /^schema 4: `roles\[0\]` must be text/ },
    { name: 'a flow list continued at the key’s indentation is an error', text: yaml(...HEAD, 'roles: [gitea_api,', 'other]'), expect: /^yaml-syntax 4: .*\(yaml [A-Z_]+\)/ },
    { name: 'a quoted string continued at the key’s indentation is an error', text: yaml(...HEAD, 'description: "two', 'lines"'), expect: /^yaml-syntax \d: A quoted value is not closed/ },
    { name: 'a comment glued to a flow collection is an error', text: yaml(...HEAD, 'roles: [gitea_api]#note'), expect: /^yaml-syntax 3: .*\(yaml [A-Z_]+\)/ },
    { name: 'a key after an anchor on the same line is an error', text: yaml(...HEAD, 'description: &d hostname: gitea'), expect: /^yaml-syntax 3: .*\(yaml [A-Z_]+\)/ },
  ];
  for (const { name, text, expect } of cases) {
    test(name, () => {
      assert.notEqual(readFast(text).kind, 'value', 'the fast reader must not be trusted here');
      const findings = summary(text);
      assert.ok(findings.length >= 1, 'expected findings');
      assert.match(findings[0], expect, findings.join('\n'));
    });
  }

  test('keys 1 and "1" are different keys for yaml (js-yaml calls them duplicates)', () => {
    const findings = summary(yaml(...HEAD, '1: a', '"1": b'));
    assert.ok(findings.every((f) => f.startsWith('schema')), findings.join('\n'));
  });

  test('ordinary definitions are read by the fast reader', () => {
    const text = yaml(...HEAD, 'roles: [gitea_api]', 'description: "quoted # not a comment"', 'external:', '  url: https://git.example.net/#top');
    assert.equal(readFast(text).kind, 'value');
  });
});
