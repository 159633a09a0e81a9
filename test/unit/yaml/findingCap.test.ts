// Findings per file and rule are capped: the first ones in text order kept exact, one more
// finding counting the rest, and a second cap over capped findings still counting right.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../../../src/core/findings';
import { capFindings, firstFindings, MAX_FINDINGS_PER_RULE, summaryFinding } from '../../../src/yaml/findingCap';

const finding = (line: number, ruleId = 'r', file = 'a.yml'): Finding => ({ file, line, column: 1, ruleId, severity: 'warning', message: `at ${line}` });

describe('finding cap', () => {
  test('a group at most one over the limit is kept whole, as it was', () => {
    const findings = Array.from({ length: MAX_FINDINGS_PER_RULE + 1 }, (_, i) => finding(i + 1));
    assert.deepEqual(capFindings(findings), findings);
  });

  test('past the limit: the first in text order kept, one summary at the first one left out, counting the rest', () => {
    // Out of order on purpose: the cap keeps the first by position, not by arrival.
    const findings = Array.from({ length: 500 }, (_, i) => finding(500 - i));
    const capped = capFindings(findings);
    assert.equal(capped.length, MAX_FINDINGS_PER_RULE + 1);
    const kept = capped.filter((f) => f.message.startsWith('at '));
    assert.deepEqual(kept.map((f) => f.line).sort((a, b) => a - b), Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => i + 1));
    const summary = capped.find((f) => !f.message.startsWith('at '));
    assert.ok(summary);
    assert.equal(summary.line, MAX_FINDINGS_PER_RULE + 1);
    assert.equal(summary.ruleId, 'r');
    assert.match(summary.message, /… and 400 more problems like these in this file/);
  });

  test('groups are per file and rule; other groups are untouched', () => {
    const many = Array.from({ length: 300 }, (_, i) => finding(i + 1, 'many'));
    const few = [finding(1, 'few'), finding(2, 'many', 'b.yml')];
    const capped = capFindings([...many, ...few]);
    assert.equal(capped.filter((f) => f.ruleId === 'many' && f.file === 'a.yml').length, MAX_FINDINGS_PER_RULE + 1);
    for (const f of few) assert.ok(capped.includes(f));
  });

  test('a summary made earlier counts for all it stands for when capped again', () => {
    const earlier = [...Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => finding(i + 1)), summaryFinding(finding(101), 9_900)];
    const more = Array.from({ length: 50 }, (_, i) => finding(1000 + i));
    const capped = capFindings([...earlier, ...more]);
    assert.equal(capped.length, MAX_FINDINGS_PER_RULE + 1);
    assert.match(capped[capped.length - 1].message, /… and 9,950 more problems/);
  });

  test('the most severe finding left out sets the summary\'s severity', () => {
    const findings = Array.from({ length: 200 }, (_, i) => ({ ...finding(i + 1), severity: i === 150 ? ('error' as const) : ('info' as const) }));
    assert.equal(capFindings(findings).at(-1)?.severity, 'error');
  });

  test('firstFindings makes findings only of those it shows', () => {
    let made = 0;
    const offsets = Array.from({ length: 10_000 }, (_, i) => 10_000 - i);
    const findings = firstFindings(offsets, (offset) => offset, (offset) => {
      made += 1;
      return finding(offset);
    });
    assert.equal(findings.length, MAX_FINDINGS_PER_RULE + 1);
    assert.equal(made, MAX_FINDINGS_PER_RULE + 1);
    assert.deepEqual(findings.slice(0, 3).map((f) => f.line), [1, 2, 3]);
    assert.match(findings[MAX_FINDINGS_PER_RULE].message, /9,900 more/);
  });
});
