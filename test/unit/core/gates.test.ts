// Gates and the wipe guard as the tree sees them (canStart), what re-running resets, and progress.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CertificationRecord } from '../../../src/core/record';
import { validateRecord } from '../../../src/core/recordShape';
import { STEP_IDS, type StepId } from '../../../src/core/steps';
import {
  canStart,
  failStep,
  serviceProgress,
  skipStep,
  startStep,
  stepsResetBy,
} from '../../../src/core/transitions';
import { clock, fresh, must, passOne, passThrough } from './fixtures';

const startable = (record: CertificationRecord): StepId[] => STEP_IDS.filter((id) => canStart(record, id) === undefined);

describe('gates: canStart', () => {
  test('a new record can start Step 1 only; every other step names what to pass first', () => {
    const r = fresh();
    assert.deepEqual(startable(r), ['implement']);
    assert.equal(canStart(r, 'test-external'), 'Step 2 (Test) is locked: pass Step 1 (Implement) first.');
    assert.equal(canStart(r, 'backup-plan'), 'Step 4 (Backup Plan) is locked: pass Step 1 (Implement) first.');
    assert.equal(
      canStart(r, 'wipe'),
      'Step 8 (Wipe) needs a verified backup from Step 7 (Execute Backup): pass Step 1 (Implement) first.',
    );
  });

  test('Step 4 waits for Steps 1–3 and names the first one still missing', () => {
    const tick = clock();
    const r2 = passThrough(fresh(), 'test-external', tick);
    assert.equal(canStart(r2, 'backup-plan'), 'Step 4 (Backup Plan) is locked: pass Step 3 (Recreate) first.');
    const r3 = passOne(r2, 'recreate', tick);
    assert.equal(canStart(r3, 'backup-plan'), undefined);
    // Passed steps may always be re-run; the next one is open; later ones are not.
    assert.deepEqual(startable(r3), ['implement', 'test-external', 'recreate', 'backup-plan']);
  });

  test('the message follows the blocking step\'s state: failed, interrupted, running', () => {
    const tick = clock();
    const r1 = passThrough(fresh(), 'implement', tick);
    const running = must(startStep(r1, 'test-external', tick()));
    assert.equal(
      canStart(running, 'recreate'),
      'Step 2 (Test) is running; let it finish, or mark it interrupted if its process died, before starting Step 3 (Recreate).',
    );
    assert.equal(canStart(running, 'test-external'), 'Step 2 (Test) is already running.');
    const failed = must(failStep(running, 'test-external', tick(), 'DNS does not resolve externally'));
    assert.equal(canStart(failed, 'recreate'), 'Step 3 (Recreate) is locked: Step 2 (Test) failed; fix it and re-run it until it passes.');
    assert.equal(canStart(failed, 'test-external'), undefined, 'a failed step can be re-run');
  });

  test('the wipe guard: Step 8 needs a passed Step 7 and a verified backup', () => {
    const tick = clock();
    const r6 = passThrough(fresh(), 'test-backup', tick);
    assert.equal(canStart(r6, 'wipe'), 'Step 8 (Wipe) needs a verified backup: pass Step 7 (Execute Backup) first.');
    const r7 = passOne(r6, 'execute-backup', tick);
    assert.equal(canStart(r7, 'wipe'), undefined);
    // A record that claims a passed Step 7 with an unverified backup (hand-edited) is still refused.
    const unverified: CertificationRecord = { ...r7, backup: { timestamp: 't', location: '/b', verified: false } };
    assert.ok(validateRecord(JSON.parse(JSON.stringify(unverified))).ok);
    assert.equal(
      canStart(unverified, 'wipe'),
      'Step 8 (Wipe) needs a verified backup: the backup from Step 7 (Execute Backup) is not verified; re-run Step 7 (Execute Backup).',
    );
    const noBackup: CertificationRecord = { ...r7 };
    delete noBackup.backup;
    assert.match(canStart(noBackup, 'wipe') ?? '', /^Step 8 \(Wipe\) needs a verified backup/);
    assert.equal(startStep(noBackup, 'wipe', tick()).ok, false);
  });

  test('Step 9 follows the wipe; a skipped Step 4 opens 5 and 6 but never 7', () => {
    const tick = clock();
    const r8 = passThrough(fresh(), 'wipe', tick);
    assert.equal(canStart(r8, 'restore-verify'), undefined);

    const r3 = passThrough(fresh(), 'recreate', tick);
    const skipped = must(skipStep(r3, 'backup-plan', 'nightly vzdump as manual backup', tick()));
    assert.equal(canStart(skipped, 'populate'), undefined);
    const r6 = passOne(passOne(skipped, 'populate', tick), 'test-backup', tick);
    assert.equal(
      canStart(r6, 'execute-backup'),
      'Step 7 (Execute Backup) is locked: Step 4 (Backup Plan) was skipped, but this step needs it passed; run Step 4 (Backup Plan) first.',
    );
  });

  test('canStart and startStep always agree', () => {
    const tick = clock();
    const records = [
      fresh(),
      passThrough(fresh(), 'recreate', tick),
      must(startStep(passThrough(fresh(), 'implement', tick), 'test-external', tick())),
      passThrough(fresh(), 'execute-backup', tick),
      passThrough(fresh(), 'restore-verify', tick),
    ];
    for (const r of records) {
      for (const id of STEP_IDS) {
        const result = startStep(r, id, tick());
        const reason = canStart(r, id);
        assert.equal(result.ok, reason === undefined, `${id}: ${reason}`);
        if (!result.ok) assert.equal(result.reason, reason);
      }
    }
  });
});

describe('gates: what a re-run resets', () => {
  test('stepsResetBy lists later steps that hold results', () => {
    const tick = clock();
    const r6 = passThrough(fresh(), 'test-backup', tick);
    assert.deepEqual(stepsResetBy(r6, 'recreate'), ['backup-plan', 'populate', 'test-backup']);
    assert.deepEqual(stepsResetBy(r6, 'test-backup'), []);
    assert.deepEqual(stepsResetBy(fresh(), 'implement'), []);
  });
});

describe('gates: serviceProgress', () => {
  test('not started, in progress, failed, certified; the next step certification needs', () => {
    const tick = clock();
    assert.deepEqual(serviceProgress(fresh()), { passed: 0, total: 9, skipped: 0, state: 'not-started', next: 'implement' });

    const r2 = passThrough(fresh(), 'test-external', tick);
    assert.deepEqual(serviceProgress(r2), { passed: 2, total: 9, skipped: 0, state: 'in-progress', next: 'recreate' });

    const running = must(startStep(r2, 'recreate', tick()));
    assert.equal(serviceProgress(running).state, 'in-progress');
    const failed = must(failStep(running, 'recreate', tick(), 'playbook not idempotent'));
    assert.deepEqual(serviceProgress(failed), { passed: 2, total: 9, skipped: 0, state: 'failed', next: 'recreate' });

    const all = passThrough(fresh(), 'restore-verify', tick);
    assert.deepEqual(serviceProgress(all), { passed: 9, total: 9, skipped: 0, state: 'certified' });
  });

  test('a skipped step counts as skipped, never as passed, so the service is not certified', () => {
    const tick = clock();
    const r = must(skipStep(passThrough(fresh(), 'recreate', tick), 'backup-plan', 'manual backup for now', tick()));
    assert.deepEqual(serviceProgress(r), { passed: 3, total: 9, skipped: 1, state: 'in-progress', next: 'backup-plan' });
  });
});
