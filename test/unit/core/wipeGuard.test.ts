// The wipe guard over every record state that matters, generated: the status of each step the
// wipe needs (1–7), the baseline backup (none, unverified, verified without a time, older than
// the test data, newer), and the test data (recorded or not). The guard opens in exactly one
// family of states — all seven passed, a verified backup taken after the recorded test data —
// and refuses every other with a reason that names what to do.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gateRefusal } from '../../../src/core/gates';
import { createEmptyRecord, STEP_STATUSES, type BackupRecord, type CertificationRecord, type StepStatus } from '../../../src/core/record';
import { validateRecord } from '../../../src/core/recordShape';
import { STEP_IDS, stepById, type StepId } from '../../../src/core/steps';
import { startStep } from '../../../src/core/transitions';
import { TEST_DATA } from './fixtures';

const BEFORE_WIPE = STEP_IDS.slice(0, 7);
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

type BackupState = 'none' | 'unverified' | 'no-time' | 'older' | 'same-time' | 'newer';
const BACKUPS: readonly BackupState[] = ['none', 'unverified', 'no-time', 'older', 'same-time', 'newer'];

function backupOf(state: BackupState): BackupRecord | undefined {
  const base = { timestamp: '20260101_000500', location: '/var/backups/infrastructure/20260101_000500' };
  switch (state) {
    case 'none':
      return undefined;
    case 'unverified':
      return { ...base, verified: false, takenAt: at(10) };
    case 'no-time':
      return { ...base, verified: true, verifiedAt: at(11) };
    case 'older':
      return { ...base, verified: true, verifiedAt: at(11), takenAt: at(1) };
    case 'same-time':
      return { ...base, verified: true, verifiedAt: at(11), takenAt: at(5) };
    case 'newer':
      return { ...base, verified: true, verifiedAt: at(11), takenAt: at(10) };
  }
}

/** A structurally valid record with the given step statuses (test data recorded at minute 5). */
function recordWith(statuses: Record<StepId, StepStatus>, backup: BackupState, testData: boolean): CertificationRecord {
  const record = createEmptyRecord('notes', at(0));
  for (const id of STEP_IDS) {
    const status = statuses[id];
    const step = record.steps[id];
    step.status = status;
    if (status !== 'not-started' && status !== 'skipped') step.startedAt = at(1);
    if (status === 'passed' || status === 'failed' || status === 'skipped') step.finishedAt = at(2);
    if (status === 'failed' || status === 'interrupted' || status === 'skipped') step.reason = 'generated';
  }
  const b = backupOf(backup);
  if (b) record.backup = b;
  if (testData) record.testData = { fingerprint: TEST_DATA, recordedAt: at(5) };
  record.updatedAt = at(20);
  return record;
}

/** Statuses a step before the wipe can hold; 'skipped' only where the workflow allows it. */
function statusesFor(id: StepId): StepStatus[] {
  return STEP_STATUSES.filter((s) => s !== 'running' && (s !== 'skipped' || stepById(id).skippable));
}

describe('the wipe guard', () => {
  test('opens only with Steps 1-7 passed and a verified backup newer than the test data, over every generated state', () => {
    // Every combination where at most one of Steps 1–7 is not passed (the others passed), plus
    // all-passed, times every backup and test-data state: 7 steps × their statuses × 6 × 2.
    const cases: Array<Record<StepId, StepStatus>> = [];
    const allPassed = Object.fromEntries(STEP_IDS.map((id) => [id, BEFORE_WIPE.includes(id) ? 'passed' : 'not-started'])) as Record<StepId, StepStatus>;
    cases.push(allPassed);
    for (const id of BEFORE_WIPE) for (const status of statusesFor(id)) if (status !== 'passed') cases.push({ ...allPassed, [id]: status });
    let opened = 0;
    let checked = 0;
    for (const statuses of cases) {
      for (const backup of BACKUPS) {
        for (const testData of [false, true]) {
          const record = recordWith(statuses, backup, testData);
          const shape = validateRecord(JSON.parse(JSON.stringify(record)));
          assert.ok(shape.ok, shape.ok ? '' : shape.problems.join('\n'));
          const expectedOpen = BEFORE_WIPE.every((id) => statuses[id] === 'passed') && backup === 'newer' && testData;
          const refusal = gateRefusal(record, 'wipe');
          const started = startStep(record, 'wipe', at(30));
          checked += 1;
          const label = `${JSON.stringify(statuses)} backup=${backup} testData=${testData}`;
          if (expectedOpen) {
            opened += 1;
            assert.equal(refusal, undefined, label);
            assert.ok(started.ok, label);
          } else {
            assert.equal(refusal?.code, 'wipe-guard', label);
            assert.ok(!started.ok && started.code === 'wipe-guard', label);
            assert.match(refusal?.reason ?? '', /^Step 8 \(Wipe\) needs .*(pass|re-run) Step \d \(/, label);
          }
        }
      }
    }
    assert.equal(opened, 1);
    assert.equal(checked, 300, "25 step-status cases × 6 backups × 2 test-data states");
  });

  test('the reasons say what is missing', () => {
    const passed = Object.fromEntries(STEP_IDS.map((id) => [id, BEFORE_WIPE.includes(id) ? 'passed' : 'not-started'])) as Record<StepId, StepStatus>;
    assert.match(gateRefusal(recordWith(passed, 'older', true), 'wipe')?.reason ?? '', /older than Step 5 \(Populate\)'s data/);
    assert.match(gateRefusal(recordWith(passed, 'newer', false), 'wipe')?.reason ?? '', /test data of Step 5 \(Populate\) recorded/);
    assert.match(gateRefusal(recordWith(passed, 'no-time', true), 'wipe')?.reason ?? '', /when the backup was taken/);
    assert.match(gateRefusal(recordWith(passed, 'unverified', true), 'wipe')?.reason ?? '', /not verified/);
  });
});
