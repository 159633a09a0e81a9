// Which steps a run takes, from command arguments, task definitions and the record.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEmptyRecord } from '../../../../src/core/record';
import { STEP_IDS } from '../../../../src/core/steps';
import { choiceLabel, stepArgument, stepsOf } from '../../../../src/extension/run/stepChoice';
import { choiceOfTask, taskDefinitionFor } from '../../../../src/extension/run/taskDefinition';

test('a step is named by number or id; anything else names none', () => {
  assert.equal(stepArgument(3), 'recreate');
  assert.equal(stepArgument('9'), 'restore-verify');
  assert.equal(stepArgument('wipe'), 'wipe');
  for (const bad of [0, 10, 2.5, '10', 'Wipe', '', null, undefined, {}]) assert.equal(stepArgument(bad), undefined, String(bad));
});

test('step, from, all and next, in run order', () => {
  const record = createEmptyRecord('notes', new Date('2026-01-01T00:00:00Z'));
  assert.deepEqual(stepsOf({ kind: 'step', step: 'wipe' }, record), ['wipe']);
  assert.deepEqual(stepsOf({ kind: 'from', step: 'wipe' }, record), ['wipe', 'restore-verify']);
  assert.deepEqual(stepsOf({ kind: 'all' }, record), [...STEP_IDS]);
  assert.deepEqual(stepsOf({ kind: 'next' }, undefined), ['implement']);
  const passed = { ...record, steps: { ...record.steps, implement: { ...record.steps.implement, status: 'passed' as const } } };
  assert.deepEqual(stepsOf({ kind: 'next' }, passed), ['test-external']);
  const allPassed = { ...record, steps: Object.fromEntries(STEP_IDS.map((id) => [id, { ...record.steps[id], status: 'passed' as const }])) as typeof record.steps };
  assert.deepEqual(stepsOf({ kind: 'next' }, allPassed), { problem: 'every step has passed already: choose a step to run again.' });
});

test('labels name what runs', () => {
  assert.equal(choiceLabel({ kind: 'step', step: 'recreate' }), 'Step 3 (Recreate)');
  assert.equal(choiceLabel({ kind: 'from', step: 'recreate' }), 'Steps 3–9 (from Recreate)');
  assert.equal(choiceLabel({ kind: 'from', step: 'restore-verify' }), 'Step 9 (Restore & Verify)');
  assert.equal(choiceLabel({ kind: 'all' }), 'all steps');
});

test('task definitions round-trip, and a wrong one says what to write', () => {
  for (const choice of [{ kind: 'step', step: 'populate' }, { kind: 'from', step: 'wipe' }, { kind: 'all' }, { kind: 'next' }] as const) {
    assert.deepEqual(choiceOfTask(taskDefinitionFor('notes', choice)), { service: 'notes', choice });
  }
  assert.deepEqual(choiceOfTask({ type: 'certify', service: 'notes', step: '3' }), { service: 'notes', choice: { kind: 'step', step: 'recreate' } });
  assert.deepEqual(choiceOfTask({ type: 'certify' }), { problem: 'a certify task needs "service": the service\'s name.' });
  assert.deepEqual(choiceOfTask({ type: 'certify', service: 'notes', step: 3, from: 4 }), { problem: 'task for notes: give "step" or "from", not both.' });
  assert.deepEqual(choiceOfTask({ type: 'certify', service: 'notes', step: 10 }), { problem: 'task for notes: "step" is 1-9 or "all", not 10.' });
  assert.deepEqual(choiceOfTask({ type: 'certify', service: 'notes', from: 'all' }), { problem: 'task for notes: "from" is 1-9, not "all".' });
  assert.deepEqual(choiceOfTask({ type: 'certify', service: 'notes', step: 'recreate' }), { problem: 'task for notes: "step" is 1-9 or "all", not "recreate".' });
});
