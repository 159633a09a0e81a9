// Evidence on a running step: criteria (with who and what proves them), metrics, runs and the
// Step 7 baseline backup. Refusals say what to do next; inputs are deep-frozen.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunRecord } from '../../../src/core/record';
import { recordBackup, recordMetric, recordRun, setCriterion } from '../../../src/core/evidenceTransitions';
import type { TransitionResult } from '../../../src/core/transitions';
import { clock, fresh, frozen, must, openRun, refused, runningAt, T, valid } from './fixtures';

describe('transitions: criteria', () => {
  test('set while running, with who, when and evidence; "unknown" clears the entry', () => {
    const tick = clock();
    const r = runningAt('test-external', tick);
    const evidence = [{ kind: 'note' as const, summary: 'curl over LTE returned 200' }];
    const set = frozen(must(setCriterion(r, 'test-external', 'mobile-data', 'met', { at: T, by: ' alice ', evidence })));
    assert.deepEqual(set.steps['test-external'].criteria['mobile-data'], { state: 'met', at: T, by: 'alice', evidence });
    assert.notEqual(set.steps['test-external'].criteria['mobile-data']?.evidence, evidence, 'evidence is copied');
    valid(set);
    const cleared = must(setCriterion(set, 'test-external', 'mobile-data', 'unknown', { at: T }));
    assert.equal(cleared.steps['test-external'].criteria['mobile-data'], undefined);
  });

  test('refuses unknown criteria, bad states, manual ticks without a name, and non-running steps', () => {
    const r = runningAt('test-external');
    assert.deepEqual(refused(setCriterion(r, 'test-external', 'health-check', 'met', { at: T })), {
      code: 'unknown-criterion',
      reason: "Step 2 (Test) has no criterion 'health-check'.",
    });
    assert.equal(refused(setCriterion(r, 'test-external', 'tls-valid', 'yes' as 'met', { at: T })).code, 'invalid-argument');
    assert.deepEqual(refused(setCriterion(r, 'test-external', 'mobile-data', 'not-met', { at: T })), {
      code: 'invalid-argument',
      reason: '"Mobile data test passes (not admin network)" needs a person\'s word: say who checked it.',
    });
    assert.ok(setCriterion(r, 'test-external', 'tls-valid', 'met', { at: T }).ok, 'automatic criteria need no name');
    assert.equal(
      refused(setCriterion(r, 'test-external', 'tls-valid', 'met', { at: T, evidence: [{ kind: 'hunch' as 'note', summary: '' }] })).code,
      'invalid-argument',
    );
    assert.deepEqual(refused(setCriterion(frozen(fresh()), 'implement', 'role-files', 'met', { at: T })), {
      code: 'invalid-transition',
      reason: 'Step 1 (Implement) has not started; start it before recording its criteria.',
    });
  });
});

describe('transitions: metrics, runs and the backup', () => {
  test('a criterion that names a metric is met only after this step recorded it', () => {
    const r = runningAt('restore-verify');
    assert.deepEqual(refused(setCriterion(r, 'restore-verify', 'rto', 'met', { at: T })), {
      code: 'missing-metric',
      reason: '"RTO < 30 minutes" is measured by rto: record that metric in this run before marking it met.',
    });
    assert.ok(setCriterion(r, 'restore-verify', 'rto', 'not-met', { at: T }).ok, 'a failure needs no number');
    const measured = frozen(must(recordMetric(r, 'restore-verify', 'rto', 2400, T)));
    assert.ok(setCriterion(measured, 'restore-verify', 'rto', 'met', { at: T }).ok);
    // Step 6 measured backup-size; Step 7 must measure it again before its own criterion is met.
    const r7 = runningAt('execute-backup');
    assert.equal(r7.metrics['backup-size']?.step, 'test-backup');
    assert.equal(refused(setCriterion(r7, 'execute-backup', 'size', 'met', { at: T })).code, 'missing-metric');
    assert.deepEqual(refused(recordMetric(runningAt('implement'), 'implement', 'backup-size', 1, T)), {
      code: 'invalid-argument',
      reason: 'Step 1 (Implement) does not measure backup-size; Step 6 (Test Backup) and Step 7 (Execute Backup) do.',
    });
  });


  test('a running step records the metrics its criteria name, and only those', () => {
    const r = runningAt('recreate');
    const m = must(recordMetric(r, 'recreate', 'idempotency', 1, T));
    assert.deepEqual(m.metrics.idempotency, { value: 1, measuredAt: T, step: 'recreate' });
    valid(m);
    assert.deepEqual(refused(recordMetric(r, 'recreate', 'rto', 60, T)), {
      code: 'invalid-argument',
      reason: 'Step 3 (Recreate) does not measure rto; Step 9 (Restore & Verify) does.',
    });
    assert.equal(refused(recordMetric(r, 'recreate', 'deploy-time', -1, T)).code, 'invalid-argument');
    assert.equal(refused(recordMetric(r, 'recreate', 'idempotency', 0.5, T)).code, 'invalid-argument');
    assert.equal(refused(recordMetric(r, 'recreate', 'uptime' as 'rto', 1, T)).code, 'invalid-argument');
    const r9 = runningAt('restore-verify');
    assert.match(refused(recordMetric(r9, 'restore-verify', 'external-test-success', 101, T)).reason, /above 100%/);
    assert.equal(refused(recordMetric(frozen(fresh()), 'recreate', 'deploy-time', 10, T)).code, 'invalid-transition');
  });

  test('runs are appended, an open run is replaced as it progresses, malformed runs are refused', () => {
    const tick = clock();
    const r = runningAt('implement', tick);
    const started = frozen(must(recordRun(r, 'implement', openRun(T), tick())));
    const progressed: RunRecord = { ...openRun(T), actions: [...openRun(T).actions, { description: 'Health check', target: 'container' }] };
    const updated = frozen(must(recordRun(started, 'implement', progressed, tick())));
    assert.equal(updated.steps.implement.runs.length, 1);
    assert.equal(updated.steps.implement.runs[0].actions.length, 2);
    const done = must(recordRun(updated, 'implement', { ...progressed, outcome: 'succeeded', finishedAt: tick() }, tick()));
    const second = must(recordRun(done, 'implement', openRun(tick()), tick()));
    assert.equal(second.steps.implement.runs.length, 2);
    valid(second);

    const bad = (run: unknown): TransitionResult => recordRun(r, 'implement', run as RunRecord, T);
    assert.equal(refused(bad(null)).reason, 'The run is malformed: expected an object.');
    assert.match(
      refused(bad({ ...openRun(T), actions: [{ description: 'x', target: 'local', transcript: '../secrets' }] })).reason,
      /^The run is malformed: run\.actions\[0\]\.transcript: expected a path under \.certify\/gitea\/runs\//,
    );
    assert.equal(refused(recordRun(frozen(fresh()), 'implement', openRun(T), T)).code, 'invalid-transition');
  });

  test('the baseline backup is recorded only while Step 7 runs; verification gets a time', () => {
    const r = runningAt('execute-backup');
    const b = must(recordBackup(r, { timestamp: '2025-03-01T12-00', location: '/var/backups/infrastructure/2025-03-01T12-00', verified: true }, T));
    assert.deepEqual(b.backup, { timestamp: '2025-03-01T12-00', location: '/var/backups/infrastructure/2025-03-01T12-00', verified: true, verifiedAt: T });
    valid(b);
    const at = '2025-03-01T10:30:00.000Z';
    assert.equal(must(recordBackup(r, { timestamp: 't', location: '/l', verified: true, verifiedAt: new Date(at) }, T)).backup?.verifiedAt, at);
    assert.equal(refused(recordBackup(r, { timestamp: 't', location: '/l', verified: false, verifiedAt: T }, T)).code, 'invalid-argument');
    assert.equal(refused(recordBackup(r, { timestamp: '', location: '/l', verified: true }, T)).code, 'invalid-argument');
    assert.deepEqual(refused(recordBackup(runningAt('test-backup'), { timestamp: 't', location: '/l', verified: true }, T)), {
      code: 'invalid-transition',
      reason: 'Record the baseline backup while Step 7 (Execute Backup) is running.',
    });
  });
});
