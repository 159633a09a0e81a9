// Fuzz: over a seeded corpus of valid and mutated documents, the validator never throws and
// every finding is well formed. Differential: wherever the fast reader's value is used, the
// `yaml` package (the reference) reads the same value and reports no error.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateYamlDocument, type SchemaName } from '../../../../src/check/schema';
import { checkAliasExpansion } from '../../../../src/check/schema/aliasGuard';
import { readFast } from '../../../../src/check/schema/fastRead';
import { countLines } from '../../../../src/check/schema/limits';
import { readSlow } from '../../../../src/check/schema/slowRead';
import { TextPositions } from '../../../../src/yaml/positions';
import { corpus } from './fuzzCorpus';

const SEED = 20_240_611;
const CASES = corpus(SEED, 1_200);
const RULES = new Set(['yaml-syntax', 'yaml-duplicate-key', 'yaml-aliases', 'yaml-too-large', 'schema']);

describe('schema validation fuzz', () => {
  test(`never throws and returns well-formed findings (${CASES.length} documents, seed ${SEED})`, () => {
    let withFindings = 0;
    let runs = 0;
    for (const [index, { id, text }] of CASES.entries()) {
      const lineCount = countLines(text);
      // Every document against the service schema, every third against certify.yml's too.
      const schemas: SchemaName[] = index % 3 === 1 ? ['service', 'certify'] : ['service'];
      for (const schema of schemas) {
        let result: ReturnType<typeof validateYamlDocument>;
        assert.doesNotThrow(() => {
          result = validateYamlDocument('services/x.yml', text, schema);
        }, `${id} (${schema}) threw`);
        const { findings } = result!;
        runs += 1;
        if (findings.length > 0) withFindings += 1;
        for (const finding of findings) {
          const where = `${id} (${schema}): ${JSON.stringify(finding)}`;
          assert.ok(RULES.has(finding.ruleId), where);
          assert.ok(Number.isInteger(finding.line) && finding.line >= 1 && finding.line <= lineCount, where);
          assert.ok(Number.isInteger(finding.column) && finding.column! >= 1, where);
          assert.ok(finding.endLine !== undefined && finding.endLine >= finding.line && finding.endLine <= lineCount, where);
          assert.ok(finding.endColumn !== undefined && finding.endColumn >= 1, where);
          if (finding.endLine === finding.line) assert.ok(finding.endColumn >= finding.column!, where);
          assert.ok(finding.message.length > 0 && !finding.message.includes('undefined'), where);
          assert.ok(!finding.message.includes('internal error'), where);
          assert.equal(finding.file, 'services/x.yml');
        }
        // A document that could not be read has no value; one that could, has one.
        const unreadable = findings.some((f) => f.ruleId !== 'schema');
        if (unreadable) assert.equal(result!.value, undefined, id);
      }
    }
    // The corpus must exercise both outcomes, or it tests nothing.
    assert.ok(withFindings > runs / 4, `only ${withFindings} of ${runs} runs had findings`);
    assert.ok(withFindings < runs - 100, `${withFindings} of ${runs} runs had findings`);
  });

  test('the fast reader agrees with the yaml package wherever its value is used', () => {
    const tally = { trusted: 0, untrusted: 0, fastErrorOnly: 0, bothErrors: 0 };
    for (const { id, text } of CASES) {
      const fast = readFast(text);
      const slow = readSlow('x.yml', new TextPositions(text));
      if (fast.kind === 'value') {
        tally.trusted += 1;
        if (slow.ok) {
          assert.deepStrictEqual(fast.value, slow.read.value, `${id}: values differ\n${text}`);
        } else {
          // Only the alias guard may refuse what js-yaml read, and the fast path applies it too.
          assert.ok(slow.findings.every((f) => f.ruleId === 'yaml-aliases'), `${id}: yaml reports ${JSON.stringify(slow.findings)} but js-yaml read it\n${text}`);
          assert.notEqual(checkAliasExpansion(fast.value), undefined, id);
        }
      } else if (fast.kind === 'untrusted') {
        tally.untrusted += 1;
      } else if (slow.ok) {
        // js-yaml refuses what `yaml` reads (e.g. `1` and "1" as keys): the slow path reports `yaml`'s reading.
        tally.fastErrorOnly += 1;
      } else {
        tally.bothErrors += 1;
      }
    }
    assert.ok(tally.trusted > 300, JSON.stringify(tally));
    assert.ok(tally.bothErrors > 100, JSON.stringify(tally));
  });
});
