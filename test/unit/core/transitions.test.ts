// Every transition, accepted and refused, on deep-frozen inputs: refusals carry a code and a
// message that says what to do next; accepted changes return new records that still validate.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STEP_IDS, type StepId } from '../../../src/core/steps';
import { recordBackup, recordMetric, recordRun, setCriterion } from '../../../src/core/evidenceTransitions';
import {
  failStep,
  interruptStep,
  passStep,
  resetStep,
  skipStep,
  startStep,
  unmetCriteria,
} from '../../../src/core/transitions';
import { clock, fresh, frozen, meetAll, must, openRun, passOne, passThrough, passThroughBefore, refused, runningAt, T, valid } from './fixtures';

describe('transitions: start', () => {
  test('starts a step: running, with its start time; the frozen input is untouched', () => {
    const before = frozen(fresh());
    const snapshot = JSON.stringify(before);
    const r = must(startStep(before, 'implement', T));
    assert.equal(r.steps.implement.status, 'running');
    assert.equal(r.steps.implement.startedAt, T);
    assert.equal(r.updatedAt, T);
    assert.equal(JSON.stringify(before), snapshot);
    assert.notEqual(r, before);
    valid(r);
  });

  test('refuses a locked step with the gate code, and a busy service with the busy code', () => {
    assert.deepEqual(refused(startStep(frozen(fresh()), 'backup-plan', T)), {
      code: 'gate',
      reason: 'Step 4 (Backup Plan) is locked: pass Step 1 (Implement) first.',
    });
    const r = runningAt('test-external');
    assert.equal(refused(startStep(r, 'implement', T)).code, 'busy');
    assert.deepEqual(refused(startStep(r, 'test-external', T)), { code: 'invalid-transition', reason: 'Step 2 (Test) is already running.' });
  });

  test('the wipe guard refuses Step 8 without a passed Step 7, with the brief\'s message', () => {
    const tick = clock();
    const r6 = frozen(passThrough(fresh(), 'test-backup', tick));
    assert.deepEqual(refused(startStep(r6, 'wipe', tick())), {
      code: 'wipe-guard',
      reason: 'Step 8 (Wipe) needs a verified backup: pass Step 7 (Execute Backup) first.',
    });
  });

  test('unknown steps and bad times are refused, never thrown', () => {
    assert.deepEqual(refused(startStep(fresh(), 'deploy' as StepId, T)), { code: 'unknown-step', reason: "There is no step 'deploy'." });
    assert.equal(refused(startStep(fresh(), 'implement', 'soon')).code, 'invalid-argument');
    assert.equal(refused(startStep(fresh(), 'implement', new Date('x'))).code, 'invalid-argument');
    assert.equal(must(startStep(fresh(), 'implement', new Date(T))).steps.implement.startedAt, T);
  });
});

describe('transitions: pass', () => {
  test('passes a running step once every criterion and documentation item is met', () => {
    const tick = clock();
    const r = frozen(meetAll(runningAt('implement', tick), 'implement', tick));
    const passed = must(passStep(r, 'implement', T));
    assert.equal(passed.steps.implement.status, 'passed');
    assert.equal(passed.steps.implement.finishedAt, T);
    valid(passed);
  });

  test('refuses unmet criteria, naming the first three and counting the rest', () => {
    const tick = clock();
    let r = runningAt('implement', tick);
    assert.deepEqual(refused(passStep(r, 'implement', T)), {
      code: 'criteria-unmet',
      reason:
        'Step 1 (Implement) cannot pass: 10 not met yet: "Ansible role created with all required files", ' +
        '"Deployment playbook runs without errors", "Container created via Proxmox API" and 7 more. Meet them, or fail the step.',
    });
    r = meetAll(r, 'implement', tick);
    r = frozen(must(setCriterion(r, 'implement', 'health-check', 'not-met', { at: tick() })));
    assert.deepEqual(unmetCriteria(r, 'implement').map((c) => c.id), ['health-check']);
    assert.equal(refused(passStep(r, 'implement', T)).code, 'criteria-unmet');
  });

  test('a conditional criterion may stay unknown, but a not-met one blocks', () => {
    const tick = clock();
    const r = frozen(meetAll(runningAt('wipe', tick), 'wipe', tick));
    assert.equal(r.steps.wipe.criteria['data-removed'], undefined);
    assert.ok(passStep(r, 'wipe', T).ok);
    const notMet = frozen(must(setCriterion(r, 'wipe', 'data-removed', 'not-met', { at: tick() })));
    assert.match(refused(passStep(notMet, 'wipe', T)).reason, /"Data removed \(if complete wipe\)"/);
  });

  test('refuses a step that is not running, and a run still in progress', () => {
    assert.deepEqual(refused(passStep(frozen(fresh()), 'implement', T)), {
      code: 'invalid-transition',
      reason: 'Step 1 (Implement) has not started; start it before passing it.',
    });
    const tick = clock();
    const r = meetAll(runningAt('implement', tick), 'implement', tick);
    const withRun = frozen(must(recordRun(r, 'implement', openRun(tick()), tick())));
    assert.deepEqual(refused(passStep(withRun, 'implement', T)), {
      code: 'invalid-transition',
      reason: 'A run of Step 1 (Implement) is still in progress; let it finish first.',
    });
  });

  test('Step 7 needs a verified backup to pass', () => {
    const tick = clock();
    const r = frozen(meetAll(runningAt('execute-backup', tick), 'execute-backup', tick));
    assert.deepEqual(refused(passStep(r, 'execute-backup', T)), {
      code: 'backup-unverified',
      reason: 'Step 7 (Execute Backup) cannot pass without a verified backup: record the backup and verify it first.',
    });
    const unverified = frozen(must(recordBackup(r, { timestamp: 'b1', location: '/var/backups/b1', verified: false }, tick())));
    assert.equal(refused(passStep(unverified, 'execute-backup', T)).code, 'backup-unverified');
    const verified = frozen(must(recordBackup(unverified, { timestamp: 'b1', location: '/var/backups/b1', verified: true }, tick())));
    assert.ok(passStep(verified, 'execute-backup', T).ok);
  });
});

describe('transitions: fail and interrupt', () => {
  test('fail needs a reason, records it and closes the open run as failed', () => {
    const tick = clock();
    const r = frozen(must(recordRun(runningAt('recreate', tick), 'recreate', openRun(tick()), tick())));
    assert.deepEqual(refused(failStep(r, 'recreate', T, '  ')), { code: 'invalid-argument', reason: 'Say why Step 3 (Recreate) failed.' });
    const failed = must(failStep(r, 'recreate', T, 'second run reported changed=4'));
    assert.equal(failed.steps.recreate.status, 'failed');
    assert.equal(failed.steps.recreate.reason, 'second run reported changed=4');
    assert.equal(failed.steps.recreate.finishedAt, T);
    assert.deepEqual(failed.steps.recreate.runs.map((run) => [run.outcome, run.finishedAt]), [['failed', T]]);
    valid(failed);
    assert.equal(refused(failStep(failed, 'recreate', T, 'again')).code, 'invalid-transition');
  });

  test('interrupt marks the open run interrupted; starting again resumes with criteria kept', () => {
    const tick = clock();
    let r = runningAt('implement', tick);
    const startedAt = r.steps.implement.startedAt;
    r = must(setCriterion(r, 'implement', 'role-files', 'met', { at: tick() }));
    r = frozen(must(recordRun(r, 'implement', openRun(tick()), tick())));
    const interrupted = frozen(must(interruptStep(r, 'implement', T)));
    assert.equal(interrupted.steps.implement.status, 'interrupted');
    assert.equal(interrupted.steps.implement.reason, 'The run stopped before it finished.');
    assert.deepEqual(interrupted.steps.implement.runs.map((run) => [run.outcome, run.finishedAt]), [['interrupted', undefined]]);
    valid(interrupted);

    const resumed = must(startStep(interrupted, 'implement', tick()));
    assert.equal(resumed.steps.implement.status, 'running');
    assert.equal(resumed.steps.implement.startedAt, startedAt);
    assert.equal(resumed.steps.implement.reason, undefined);
    assert.equal(resumed.steps.implement.criteria['role-files']?.state, 'met');
    valid(resumed);
    assert.equal(refused(interruptStep(fresh(), 'implement', T)).code, 'invalid-transition');
  });
});

describe('transitions: skip', () => {
  test('Steps 4–6 may be skipped with a reason once their gate is open', () => {
    const tick = clock();
    const r3 = frozen(passThrough(fresh(), 'recreate', tick));
    const skipped = must(skipStep(r3, 'backup-plan', 'Nightly vzdump stands in until the role is fixed', T));
    assert.equal(skipped.steps['backup-plan'].status, 'skipped');
    assert.equal(skipped.steps['backup-plan'].reason, 'Nightly vzdump stands in until the role is fixed');
    assert.equal(skipped.steps['backup-plan'].finishedAt, T);
    valid(skipped);
    assert.deepEqual(refused(skipStep(r3, 'backup-plan', ' ', T)), {
      code: 'invalid-argument',
      reason: 'Say why Step 4 (Backup Plan) is skipped, e.g. which manual backup stands in for it.',
    });
    assert.equal(refused(skipStep(frozen(fresh()), 'populate', 'x', T)).code, 'gate');
    assert.equal(refused(skipStep(skipped, 'backup-plan', 'again', T)).code, 'invalid-transition');
  });

  test('a failed Step 4 may be skipped; a running one may not', () => {
    const tick = clock();
    const running = runningAt('backup-plan', tick);
    assert.equal(refused(skipStep(running, 'backup-plan', 'x', T)).code, 'invalid-transition');
    const failed = frozen(must(failStep(running, 'backup-plan', tick(), 'restore role missing')));
    assert.equal(must(skipStep(failed, 'backup-plan', 'manual backup', T)).steps['backup-plan'].status, 'skipped');
  });

  test('Steps 1–3 and 7–9 cannot be skipped; the refusal quotes the seed and says what to do', () => {
    const r = frozen(fresh());
    const reasons = (['implement', 'test-external', 'recreate', 'execute-backup', 'wipe', 'restore-verify'] as StepId[]).map((id) => {
      const refusal = refused(skipStep(r, id, 'no time', T));
      assert.equal(refusal.code, 'not-skippable', id);
      return refusal.reason;
    });
    assert.deepEqual(reasons, [
      'Step 1 (Implement) cannot be skipped: the workflow says "Do not proceed to next step until fixed". Debug and fix automation.',
      'Step 2 (Test) cannot be skipped: the workflow says "Do not proceed to next step until fixed". Debug and fix automation.',
      'Step 3 (Recreate) cannot be skipped: the workflow says "Critical: Must pass before Step 4". Fix playbook, ensure idempotency.',
      'Step 7 (Execute Backup) cannot be skipped: the workflow says "Do not proceed to Step 8 without valid backup". Fix backup script, retry.',
      'Step 8 (Wipe) cannot be skipped: the workflow says "Can proceed once fully deleted". Manual cleanup, verify deletion.',
      'Step 9 (Restore & Verify) cannot be skipped: the workflow says "Do not deploy to production until restore works". Critical issue - debug immediately.',
    ]);
  });
});

describe('transitions: re-running and resetting (the chain rule)', () => {
  test('re-running Step 3 after Step 6 passed resets Steps 4–6, their criteria and metrics, and keeps runs', () => {
    const tick = clock();
    let r = passThroughBefore('recreate', tick);
    r = must(startStep(r, 'recreate', tick()));
    r = meetAll(r, 'recreate', tick);
    r = must(recordMetric(r, 'recreate', 'deploy-time', 252, tick()));
    r = must(recordRun(r, 'recreate', { ...openRun(tick()), outcome: 'succeeded', finishedAt: tick() }, tick()));
    r = must(passStep(r, 'recreate', tick()));
    r = frozen(passOne(passOne(passOne(r, 'backup-plan', tick), 'populate', tick), 'test-backup', tick));

    const rerun = must(startStep(r, 'recreate', T));
    assert.deepEqual(
      (['recreate', 'backup-plan', 'populate', 'test-backup'] as StepId[]).map((id) => rerun.steps[id].status),
      ['running', 'not-started', 'not-started', 'not-started'],
    );
    assert.deepEqual(rerun.steps.recreate.criteria, {});
    assert.equal(rerun.steps.recreate.startedAt, T);
    assert.equal(rerun.metrics['deploy-time'], undefined);
    assert.equal(rerun.steps.recreate.runs.length, 1, 'runs are history');
    assert.equal(rerun.steps.implement.status, 'passed');
    valid(rerun);
  });

  test('re-running Step 7 drops the old baseline: the wipe stays locked until a new one is verified', () => {
    const tick = clock();
    const r7 = frozen(passThrough(fresh(), 'execute-backup', tick));
    const rerun = frozen(must(startStep(r7, 'execute-backup', tick())));
    assert.equal(rerun.backup, undefined);
    const failed = must(failStep(rerun, 'execute-backup', tick(), 'disk full'));
    assert.equal(refused(startStep(failed, 'wipe', tick())).code, 'wipe-guard');
  });

  test('reset puts a step and every later one back to not-started', () => {
    const tick = clock();
    const r7 = frozen(passThrough(fresh(), 'execute-backup', tick));
    const reset = must(resetStep(r7, 'populate', T));
    assert.deepEqual(
      (['backup-plan', 'populate', 'test-backup', 'execute-backup'] as StepId[]).map((id) => reset.steps[id].status),
      ['passed', 'not-started', 'not-started', 'not-started'],
    );
    assert.equal(reset.backup, undefined);
    assert.equal(reset.updatedAt, T);
    assert.ok(reset.steps.populate.runs !== undefined);
    valid(reset);
    const again = must(resetStep(reset, 'populate', '2025-03-02T00:00:00.000Z'));
    assert.equal(again, reset, 'resetting what is already reset changes nothing');
  });

  test('reset refuses a running step and a later step that is running', () => {
    const r = runningAt('recreate');
    assert.deepEqual(refused(resetStep(r, 'recreate', T)), {
      code: 'invalid-transition',
      reason: 'Step 3 (Recreate) is running; fail it, or mark it interrupted if its process died, before resetting it.',
    });
    assert.equal(refused(resetStep(r, 'implement', T)).code, 'busy');
  });
});

describe('transitions: the whole workflow', () => {
  test('all nine steps on frozen records: every intermediate record validates and no input changes', () => {
    const tick = clock();
    let r = frozen(fresh());
    for (const id of STEP_IDS) {
      const before = JSON.stringify(r);
      const next = frozen(passOne(r, id, tick));
      assert.equal(JSON.stringify(r), before, id);
      valid(next);
      r = next;
    }
    assert.ok((Object.values(r.steps) as { status: string }[]).every((s) => s.status === 'passed'));
  });
});
