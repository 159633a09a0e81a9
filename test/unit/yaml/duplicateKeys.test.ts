// The linear duplicate-key check must raise exactly the errors the `yaml` package raises with
// `uniqueKeys: true` (same codes, positions, messages, order), on hand-written cases and on
// seeded random documents full of repeated keys.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineCounter, parseAllDocuments } from 'yaml';
import { parseAllDocumentsUnique } from '../../../src/yaml/duplicateKeys';
import { MAX_NESTING_DEPTH } from '../../../src/yaml/parse';
import { pick, prng } from '../helpers/prng';

const CASES = [
  'a: 1\na: 2\n',
  'a: 1\n&x a: 2\n',
  'a: 1\n!!str a: 2\n',
  '{a: 1, a: 2}\n',
  ': 1\n: 2\n',
  'x:\n  b: 1\n  b: 2\nx: 3\n',
  '<<: {a: 1}\n<<: {b: 2}\n',
  '1: a\n"1": b\n',
  '1: a\n0x1: b\n',
  '.nan: 1\n.nan: 2\n',
  '0: a\n-0: b\n',
  'yes: 1\ntrue: 2\n',
  '? [a]\n: 1\n? [a]\n: 2\n',
  '*a: 1\n',
  'a: &k 1\n*k : 2\n1: 3\n',
  'a: 1\na: 2\n---\nb: 1\nb: 2\n',
  'a: [1\na: 2\n',
  'a: 1\n  bad indent\na: 2\n',
  '- {a: 1, a: 2, a: 3}\n- {b: 1, b: 2}\n',
  'a: "unterminated\na: 2\n',
  'a: 1\nb: 2\n- name: [broken\n',
  'a: 1\n  : 1\n: 2\n',
  'a: 1\n# note\n: 1\n# again\n  : 2\n',
  '{: 1, : 2}\n',
];

function errorsOf(text: string, version: '1.1' | '1.2', linear: boolean): unknown {
  // A line counter, as parseYaml passes one: it must know each line once, whichever way the text was read.
  const options = { version, prettyErrors: false, lineCounter: new LineCounter(), logLevel: 'error' as const };
  const docs = linear ? parseAllDocumentsUnique(text, options, MAX_NESTING_DEPTH) : parseAllDocuments(text, { ...options, uniqueKeys: true });
  return [docs.map((doc) => [doc.errors.map((error) => [error.code, error.pos, error.message]), valueOf(doc)]), options.lineCounter.lineStarts];
}

/** The document's value, or why it has none: the same documents must come out either way. */
function valueOf(doc: { toJS(options: { maxAliasCount: number }): unknown }): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

const KEYS = ['a', 'b', '"a"', "'b'", '1', '01', '0x1', '1.0', 'yes', 'true', 'null', '~', '', '<<', '.nan', '.inf', '-0', '0', '&k a', '!!str 1', '*k'];

function randomDocument(random: () => number, depth = 0): string {
  const lines: string[] = [];
  const indent = '  '.repeat(depth);
  const pairs = 1 + Math.floor(random() * 6);
  for (let i = 0; i < pairs; i++) {
    const key = pick(random, KEYS);
    if (depth < 2 && random() < 0.25) lines.push(`${indent}${key}:\n${randomDocument(random, depth + 1)}`);
    else if (random() < 0.2) lines.push(`${indent}${key}: {${pick(random, KEYS)}: 1, ${pick(random, KEYS)}: 2}`);
    else lines.push(`${indent}${key}: ${pick(random, ['1', 'x', '&k v', '*k', '[1, 2]', '"s"'])}`);
  }
  return lines.join('\n');
}

describe('duplicate keys in linear time', () => {
  test('hand-written cases raise what the package raises, in YAML 1.1 and 1.2', () => {
    for (const text of CASES) {
      for (const version of ['1.1', '1.2'] as const) assert.deepEqual(errorsOf(text, version, true), errorsOf(text, version, false), `${version}: ${JSON.stringify(text)}`);
    }
    // The cases do raise duplicates (the check is not vacuous).
    assert.ok(CASES.filter((text) => JSON.stringify(errorsOf(text, '1.1', false)).includes('DUPLICATE_KEY')).length >= 8);
  });

  test('2,000 seeded random documents with repeated keys raise what the package raises', () => {
    const random = prng(20_261_127);
    // Documents whose only errors are duplicates take the linear check; the others, the package's.
    let linear = 0;
    for (let i = 0; i < 2000; i++) {
      const text = `${randomDocument(random)}\n`;
      const version = random() < 0.5 ? '1.1' : '1.2';
      const expected = errorsOf(text, version, false);
      assert.deepEqual(errorsOf(text, version, true), expected, `${version}: ${JSON.stringify(text)}`);
      const codes = parseAllDocuments(text, { version, uniqueKeys: true }).flatMap((doc) => doc.errors.map((error) => error.code));
      if (codes.length > 0 && codes.every((code) => code === 'DUPLICATE_KEY')) linear += 1;
    }
    assert.ok(linear > 300, `only ${linear} documents whose only errors are duplicate keys`);
  });
});
