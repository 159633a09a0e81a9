// How a run's end is said (notification, terminal) and its exit code, the same codes as `certify run`.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from '../../../../src/extension/run/runOutcome';
import { EXIT } from '../../../../src/cli/exitCodes';

test('a gate refusal is said once, in the gate\'s words, and stops with the CLI\'s code', () => {
  const summary = summarize('notes', [{ step: 'test-external', status: 'refused', reason: 'Step 2 (Test) is locked: pass Step 1 (Implement) first.' }]);
  assert.deepEqual(summary, { level: 'warning', message: 'notes: Step 2 (Test) is locked: pass Step 1 (Implement) first.', exitCode: EXIT.stopped, lastStep: 'test-external' });
});

test('passes count, a failure names its step and reason, and what passed before it', () => {
  assert.equal(summarize('notes', [{ step: 'implement', status: 'passed' }]).message, 'notes: Step 1 (Implement) passed.');
  const all = summarize('notes', [
    { step: 'implement', status: 'passed' },
    { step: 'test-external', status: 'passed' },
  ]);
  assert.equal(all.message, 'notes: 2 steps passed (Step 1 (Implement) to Step 2 (Test)).');
  assert.equal(all.exitCode, EXIT.ok);
  const failed = summarize('notes', [
    { step: 'implement', status: 'passed' },
    { step: 'test-external', status: 'failed', reason: 'the health URL answered 502' },
  ]);
  assert.deepEqual(failed, { level: 'error', message: 'notes: Step 2 (Test) failed: the health URL answered 502. 1 step passed before it.', exitCode: EXIT.failed, lastStep: 'test-external' });
  const cancelled = summarize('notes', [{ step: 'recreate', status: 'interrupted', reason: 'Cancelled while it ran; run the step again to resume from this action.' }]);
  assert.equal(cancelled.message, 'notes: Step 3 (Recreate) was interrupted: Cancelled while it ran; run the step again to resume from this action.');
  assert.equal(cancelled.exitCode, EXIT.stopped);
});
