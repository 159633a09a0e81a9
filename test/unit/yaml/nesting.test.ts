// Deep nesting is one clear finding in every reader, never "Maximum call stack size exceeded":
// texts nested past MAX_NESTING_DEPTH are refused before anything recurses over them, and at
// the limit the fast reader and the full parse still read alike.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineCounter, parseAllDocuments } from 'yaml';
import { validateYamlDocument } from '../../../src/check/schema';
import { parseAllDocumentsUnique } from '../../../src/yaml/duplicateKeys';
import { parseYamlLazy, readYamlFast } from '../../../src/yaml/fastReader';
import { MAX_NESTING_DEPTH, parseYaml, type YamlDialect } from '../../../src/yaml/parse';
import { deepBlockMap, deepBlockSeq, deepFlowMap, deepFlowSeqTask } from '../../fixtures/pathologicalRepo';

const DEEP: Record<string, string> = {
  'flow mapping, 10,000 deep': deepFlowMap(10_000),
  'flow list in a task, 10,000 deep': deepFlowSeqTask(10_000),
  'block lists on one line, 10,000 deep': deepBlockSeq(10_000),
  'block mapping, 2,000 deep': deepBlockMap(2_000),
  'a second document 10,000 deep': `a: 1\n---\n${deepFlowMap(10_000)}`,
  'deep after a syntax error': `\tbad: indent\n${deepBlockSeq(5_000)}`,
};

const TOO_DEEP = /nests values more than 100 levels deep/;

/** Flow mappings nested `depth` deep around one scalar. */
const flowMap = (depth: number): string => deepFlowMap(depth);

describe('deep nesting', () => {
  for (const [name, text] of Object.entries(DEEP)) {
    test(`${name}: one yaml-too-large finding from parseYaml, in both dialects`, () => {
      for (const dialect of ['1.1', '1.2'] as YamlDialect[]) {
        const parsed = parseYaml('roles/r/defaults/main.yml', text, dialect);
        assert.deepEqual(parsed.findings.map((finding) => finding.ruleId), ['yaml-too-large'], `${dialect}: ${JSON.stringify(parsed.findings)}`);
        assert.match(parsed.findings[0].message, TOO_DEEP);
        assert.deepEqual(parsed.documents, []);
        // The lazy reader (discovery's) says the same.
        assert.deepEqual(parseYamlLazy('roles/r/defaults/main.yml', text, dialect).findings, parsed.findings);
      }
    });

    test(`${name}: one yaml-too-large finding from the schema validator`, () => {
      for (const schema of ['service', 'certify'] as const) {
        const { findings } = validateYamlDocument('services/x.yml', text, schema);
        assert.deepEqual(findings.map((finding) => finding.ruleId), ['yaml-too-large'], JSON.stringify(findings));
        assert.match(findings[0].message, TOO_DEEP);
      }
    });
  }

  test('the finding stands where the nesting passes the limit', () => {
    const parsed = parseYaml('x.yml', flowMap(10_000), '1.1');
    // Each level is "{a: " (4 characters): the 101st mapping opens at column 401.
    assert.deepEqual([parsed.findings[0].line, parsed.findings[0].column], [1, 401]);
    const lines = parseYaml('x.yml', deepBlockMap(500), '1.2');
    // One key per line: the 101st mapping is the value of the key on line 100, starting on line 101.
    assert.equal(lines.findings[0].line, 101);
  });

  test('at the limit the text is read; one level more is refused', () => {
    const atLimit = `${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}\n`;
    const over = `${'['.repeat(MAX_NESTING_DEPTH + 1)}${']'.repeat(MAX_NESTING_DEPTH + 1)}\n`;
    assert.deepEqual(parseYaml('x.yml', atLimit, '1.1').findings, []);
    assert.deepEqual(parseYaml('x.yml', over, '1.1').findings.map((finding) => finding.ruleId), ['yaml-too-large']);
  });

  test('around the limit the fast reader and the full parse read alike', () => {
    for (let depth = MAX_NESTING_DEPTH - 3; depth <= MAX_NESTING_DEPTH + 2; depth++) {
      for (const text of [flowMap(depth), deepBlockSeq(depth), deepBlockMap(depth), `${'['.repeat(depth)}${']'.repeat(depth)}\n`]) {
        for (const dialect of ['1.1', '1.2'] as YamlDialect[]) {
          const full = parseYaml('roles/r/defaults/main.yml', text, dialect);
          const fast = readYamlFast('roles/r/defaults/main.yml', text, dialect);
          // Whatever the fast reader vouches for, the full parse reads the same (and accepts).
          if (fast) {
            assert.deepEqual(full.findings, [], `depth ${depth}`);
            assert.deepEqual(fast.value, full.documents[0], `depth ${depth}`);
          }
          const lazy = parseYamlLazy('roles/r/defaults/main.yml', text, dialect);
          assert.deepEqual([lazy.findings, lazy.documents], [full.findings, full.documents], `depth ${depth}`);
        }
      }
    }
  });

  test('parseAllDocumentsUnique refuses past the depth it is given, and reads as the package does within it', () => {
    const text = flowMap(50);
    const refused = parseAllDocumentsUnique(text, { prettyErrors: false }, 49);
    assert.equal(refused.length, 0);
    assert.equal(refused.tooDeepAt, 4 * 49);
    const read = parseAllDocumentsUnique(text, { prettyErrors: false, lineCounter: new LineCounter() }, 50);
    assert.equal(read.tooDeepAt, undefined);
    assert.deepEqual(read.map((doc) => doc.toJS()), parseAllDocuments(text).map((doc) => doc.toJS()));
  });
});
