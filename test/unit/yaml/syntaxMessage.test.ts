// A file that does not parse is one finding, at its first error, in plain words: the common
// mistakes each map to a sentence saying what is wrong and what to do.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseYaml } from '../../../src/yaml/parse';
import { firstSyntaxError, plainSyntaxMessage } from '../../../src/yaml/syntaxMessage';

/** Common mistakes, each with the start of the sentence it must be told in. */
const MISTAKES: ReadonlyArray<{ text: string; says: RegExp }> = [
  { text: 'a: 1\n\tb: 2\n', says: /^A tab is used for indentation/ },
  { text: 'a: "open\nb: 2\n', says: /^A quoted value is not closed: its closing " is missing/ },
  { text: "a: 'open\n", says: /^A quoted value is not closed: its closing ' is missing/ },
  { text: 'a:\n  b: 1\n c: 2\n', says: /^This line is indented differently/ },
  { text: 'a: 1\n  b: 2\n', says: /^A mapping is nested where YAML allows none/ },
  { text: 'a: [x,,y]\n', says: /^A comma inside \[ \] or \{ \} has no item before it/ },
  { text: 'a: {x: 1 y: 2}\n', says: /^Inside \[ \] or \{ \}, items need commas/ },
  { text: 'a: [x]#note\n', says: /^A `#` touches the text before it/ },
  { text: 'a: 1\n}}\n', says: /^A closing `\}` or `\]` has no opening one/ },
  { text: 'a: @x\n', says: /^This value starts with a character YAML reserves/ },
  { text: 'a: "\\q"\n', says: /^A double-quoted value has an escape YAML does not know \(\\q\)/ },
  { text: 'a: 1\nb\nc: 2\n', says: /^This line reads as a key but has no `:` after it|^A key runs over/ },
  { text: 'a: 1\n---\nb: 2\n', says: /^This file holds more than one YAML document/ },
  { text: 'a: 1\na: 2\n', says: /^This key appears twice in one mapping/ },
];

describe('YAML syntax messages', () => {
  for (const { text, says } of MISTAKES) {
    test(`${JSON.stringify(text)} is told in plain words`, () => {
      const first = firstSyntaxError(parseDocument(text, { uniqueKeys: true, prettyErrors: false }).errors);
      assert.ok(first, 'expected a parse error');
      const message = plainSyntaxMessage(first);
      assert.match(message, says);
      assert.ok(message.endsWith(`(yaml ${first.code}).`), message);
    });
  }

  test('an error outside the table keeps the package’s own words', () => {
    const message = plainSyntaxMessage({ code: 'IMPOSSIBLE', message: 'Something odd.', pos: [0, 1] });
    assert.equal(message, 'The YAML reader stopped here: Something odd. Fix this line (yaml IMPOSSIBLE).');
  });

  test('the first error is the one earliest in the text', () => {
    const errors = [
      { code: 'BAD_INDENT' as const, message: 'b', pos: [30, 31] as [number, number] },
      { code: 'TAB_AS_INDENT' as const, message: 'a', pos: [10, 11] as [number, number] },
      { code: 'MISSING_CHAR' as const, message: 'c', pos: [10, 12] as [number, number] },
    ];
    assert.equal(firstSyntaxError(errors), errors[1]);
    assert.equal(firstSyntaxError([]), undefined);
  });

  test('a task file with 600 broken lines is one finding, at its first problem', () => {
    const text = ['- name: fine', '  ansible.builtin.ping:', ...Array.from({ length: 600 }, (_, i) => `- name: [broken${i}`)].join('\n');
    const { findings, documents } = parseYaml('roles/x/tasks/main.yml', text, '1.1');
    assert.equal(documents.length, 0);
    assert.equal(findings.length, 1, findings.map((f) => `${f.line}: ${f.message}`).join('\n'));
    const [finding] = findings;
    assert.equal(finding.ruleId, 'yaml-syntax');
    // The first broken line opens a bracket that the next one shows unclosed.
    assert.ok(finding.line === 3 || finding.line === 4, `line ${finding.line}`);
    assert.match(finding.message, /\(yaml [A-Z_]+\)\. Certify ignores this file until it parses\.$/);
  });
});
