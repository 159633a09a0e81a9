// Shared helpers for the core tests: a ticking clock, deep freezing (to prove transitions never
// mutate), and a way to walk a record through steps with every criterion met.

import assert from 'node:assert/strict';
import { createEmptyRecord, type CertificationRecord, type RunRecord } from '../../../src/core/record';
import { validateRecord } from '../../../src/core/recordShape';
import { allCriteria, STEP_IDS, stepById, type StepId } from '../../../src/core/steps';
import type { MetricId } from '../../../src/core/targets';
import { recordBackup, recordMetric, recordTestData, setCriterion } from '../../../src/core/evidenceTransitions';
import {
  passStep,
  startStep,
  type TransitionResult,
} from '../../../src/core/transitions';

/** Each call returns the next minute, so every timestamp in a test is distinct and ordered. */
export function clock(start = '2025-03-01T10:00:00.000Z'): () => string {
  let t = Date.parse(start);
  return () => {
    t += 60_000;
    return new Date(t).toISOString();
  };
}

/** Independent of src/core/deepFreeze on purpose: the tests must not trust what they test. */
export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

export function must(result: TransitionResult): CertificationRecord {
  if (!result.ok) assert.fail(`expected ok, got ${result.code}: ${result.reason}`);
  return result.record;
}

export function refused(result: TransitionResult): { code: string; reason: string } {
  if (result.ok) assert.fail('expected a refusal, got ok');
  return { code: result.code, reason: result.reason };
}

export function fresh(service = 'gitea'): CertificationRecord {
  return createEmptyRecord(service, '2025-03-01T09:00:00.000Z');
}

/** Step 5's fingerprint in the fixtures: three kinds of data, over 1 MB. */
export const TEST_DATA = {
  tags: { count: 20, bytes: 600, sha256: 'a'.repeat(64) },
  notes: { count: 200, bytes: 300_000, sha256: 'b'.repeat(64) },
  attachments: { count: 30, bytes: 1_228_800, sha256: 'c'.repeat(64) },
};

/** Good values for every metric, in internal units. */
export const GOOD_METRICS: Readonly<Record<MetricId, number>> = {
  'deploy-time': 252,
  rto: 600,
  rpo: 1800,
  'backup-size': 200 * 1024 ** 2,
  idempotency: 0,
  'external-test-success': 100,
};

/** Marks every criterion that must be met for a pass (conditional ones stay unknown), recording its metric first. */
export function meetAll(record: CertificationRecord, stepId: StepId, tick: () => string): CertificationRecord {
  let r = record;
  for (const c of allCriteria(stepId)) {
    if (c.condition !== undefined) continue;
    if (c.metric) r = must(recordMetric(r, stepId, c.metric, GOOD_METRICS[c.metric], tick()));
    r = must(setCriterion(r, stepId, c.id, 'met', { at: tick(), by: 'tester' }));
  }
  return r;
}

/** Start, meet everything (with a verified backup for Step 7), pass. */
export function passOne(record: CertificationRecord, stepId: StepId, tick: () => string): CertificationRecord {
  let r = must(startStep(record, stepId, tick()));
  r = meetAll(r, stepId, tick);
  if (stepId === 'populate') r = must(recordTestData(r, TEST_DATA, tick()));
  if (stepId === 'execute-backup') {
    const takenAt = tick();
    r = must(recordBackup(r, { timestamp: '2025-03-01T12-00-00', location: '/var/backups/infrastructure/2025-03-01T12-00-00', verified: true, takenAt }, tick()));
  }
  return must(passStep(r, stepId, tick()));
}

/** Passes every step from 1 up to and including `last`. */
export function passThrough(record: CertificationRecord, last: StepId, tick: () => string): CertificationRecord {
  let r = record;
  for (const id of STEP_IDS.slice(0, stepById(last).number)) r = passOne(r, id, tick);
  return r;
}

export const T = '2025-03-01T11:00:00.000Z';

/** Asserts that `record` survives JSON and passes the store's structural check. */
export function valid(record: CertificationRecord): void {
  const result = validateRecord(JSON.parse(JSON.stringify(record)));
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
}

/** A fresh record with every step before `stepId` passed. */
export function passThroughBefore(stepId: StepId, tick: () => string): CertificationRecord {
  const i = STEP_IDS.indexOf(stepId);
  return i === 0 ? fresh() : passThrough(fresh(), STEP_IDS[i - 1], tick);
}

/** A frozen record with `stepId` running and everything before it passed. */
export function runningAt(stepId: StepId, tick = clock()): CertificationRecord {
  return frozen(must(startStep(passThroughBefore(stepId, tick), stepId, tick())));
}

export function openRun(startedAt: string): RunRecord {
  return {
    startedAt,
    outcome: 'running',
    actions: [{ description: 'Run the deployment playbook', target: 'local', argv: ['ansible-playbook', 'playbooks/gitea-deploy.yml'] }],
  };
}
