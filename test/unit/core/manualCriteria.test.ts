// Manual criteria are a person's word: they may be confirmed while a step waits for its run,
// survive the step's first start, and are refused where they would contradict the record.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateRecord } from '../../../src/core/recordShape';
import { setCriterion } from '../../../src/core/evidenceTransitions';
import { failStep, resetStep, startStep } from '../../../src/core/transitions';
import { clock, fresh, frozen, must, refused } from './fixtures';

describe('manual criteria', () => {
  test('can be confirmed on a not-started step whose gate is open, with who and when', () => {
    const tick = clock();
    const at = tick();
    const record = must(setCriterion(frozen(fresh()), 'implement', 'no-manual-steps', 'met', { at, by: 'alice' }));
    assert.deepEqual(record.steps.implement.criteria['no-manual-steps'], { state: 'met', at, by: 'alice' });
    assert.equal(record.steps.implement.status, 'not-started');
    assert.equal(validateRecord(JSON.parse(JSON.stringify(record))).ok, true);
  });

  test('survive the first start of the step, but not a re-run', () => {
    const tick = clock();
    let record = must(setCriterion(fresh(), 'implement', 'no-manual-steps', 'met', { at: tick(), by: 'alice' }));
    record = must(startStep(record, 'implement', tick()));
    assert.equal(record.steps.implement.criteria['no-manual-steps']?.state, 'met');
    record = must(failStep(record, 'implement', tick(), 'health check failed'));
    record = must(startStep(record, 'implement', tick()));
    assert.deepEqual(record.steps.implement.criteria, {});
  });

  test('are refused while the gate is closed, with what to do next', () => {
    const refusal = refused(setCriterion(fresh(), 'test-external', 'mobile-data', 'met', { at: clock()(), by: 'alice' }));
    assert.equal(refusal.code, 'gate');
    assert.match(refusal.reason, /pass Step 1 \(Implement\) first/);
  });

  test('need a name', () => {
    const refusal = refused(setCriterion(fresh(), 'implement', 'no-manual-steps', 'met', { at: clock()() }));
    assert.match(refusal.reason, /say who checked it/);
  });

  test('automatic and static criteria still change only while the step runs', () => {
    const refusal = refused(setCriterion(fresh(), 'implement', 'role-files', 'met', { at: clock()() }));
    assert.equal(refusal.code, 'invalid-transition');
  });

  test('are refused on a failed step until it is reset', () => {
    const tick = clock();
    let record = must(startStep(fresh(), 'implement', tick()));
    record = must(failStep(record, 'implement', tick(), 'broken'));
    assert.match(refused(setCriterion(record, 'implement', 'no-manual-steps', 'met', { at: tick(), by: 'bob' })).reason, /reset it/);
    record = must(resetStep(record, 'implement', tick()));
    must(setCriterion(record, 'implement', 'no-manual-steps', 'met', { at: tick(), by: 'bob' }));
  });

  test('a stored not-started step may hold manual confirmations only', () => {
    const record = JSON.parse(JSON.stringify(fresh()));
    record.steps.implement.criteria = { 'role-files': { state: 'met', at: '2025-03-01T09:30:00.000Z' } };
    const checked = validateRecord(record);
    assert.equal(checked.ok, false);
    assert.ok(!checked.ok && checked.problems.some((p) => p.includes('steps.implement.criteria.role-files')));
  });
});
