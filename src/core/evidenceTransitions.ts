// Transitions that record what an attempt proved: criteria (with their evidence and, for a
// manual one, who said so), metrics, runs and the Step 7 baseline backup. The policy they
// enforce is stated in transitions.ts.

import { gateRefusal, type Refusal } from './gates';
import {
  CRITERION_STATES,
  measures,
  type BackupArtefact,
  toIso,
  type BackupRecord,
  type CertificationRecord,
  type CriterionRecord,
  type CriterionState,
  type Evidence,
  type DataKindFingerprint,
  type RunRecord,
  type TestDataRecord,
  type Timestamp,
} from './record';
import { checkBackup, checkCriterion, checkRun, checkTestData } from './recordShape';
import { isPlainObject, ShapeChecker } from './shapeCheck';
import { criterionById, STEPS, stepLabel, type StepId } from './steps';
import { formatMetric, isMetricId, METRICS, type MetricId } from './targets';
import { guarded, nonEmpty, notRunning, ok, refuse, type TransitionResult } from './transitionResult';

export interface CriterionUpdate {
  at: Timestamp;
  /** Who said so; required for a manual criterion that is met or not met. */
  by?: string;
  evidence?: Evidence[];
}

/**
 * A manual criterion is a person's word, given before the step starts (as it becomes ready) or
 * while it runs; never on a passed or skipped step, and never while its gate is closed.
 */
function manualRefusal(record: CertificationRecord, stepId: StepId): Refusal | undefined {
  const status = record.steps[stepId].status;
  if (status === 'running' || status === 'interrupted') return undefined;
  if (status === 'not-started') return gateRefusal(record, stepId);
  return {
    code: 'invalid-transition',
    reason: `${stepLabel(stepId)} is ${status}: reset it before changing what a person confirmed for it.`,
  };
}

/**
 * Automatic and static criteria are evidence of an attempt, so they change only while their
 * step runs; manual ones may also be confirmed ahead of the run (see manualRefusal).
 */
export function setCriterion(
  record: CertificationRecord,
  stepId: StepId,
  criterionId: string,
  state: CriterionState,
  update: CriterionUpdate,
): TransitionResult {
  return guarded(stepId, update.at, (at) => {
    const def = criterionById(stepId, criterionId);
    if (!def) return refuse('unknown-criterion', `${stepLabel(stepId)} has no criterion '${criterionId}'.`);
    if (!(CRITERION_STATES as readonly string[]).includes(state)) {
      return refuse('invalid-argument', `'${String(state)}' is not a criterion state; use ${CRITERION_STATES.join(', ')}.`);
    }
    const current = record.steps[stepId];
    const refusal = def.kind === 'manual' ? manualRefusal(record, stepId) : undefined;
    if (refusal) return { ok: false, ...refusal };
    if (def.kind !== 'manual' && current.status !== 'running') return notRunning(record, stepId, 'recording its criteria');
    const by = update.by?.trim();
    if (def.kind === 'manual' && state !== 'unknown' && !by) {
      return refuse('invalid-argument', `"${def.text}" needs a person's word: say who checked it.`);
    }
    if (def.metric && state === 'met' && record.metrics[def.metric]?.step !== stepId) {
      return refuse('missing-metric', `"${def.text}" is measured by ${def.metric}: record that metric in this run before marking it met.`);
    }
    const criteria = { ...current.criteria };
    if (state === 'unknown') delete criteria[criterionId];
    else {
      const entry: CriterionRecord = { state, at };
      if (by) entry.by = by;
      if (update.evidence && update.evidence.length > 0) entry.evidence = update.evidence.map((e) => ({ ...e }));
      const c = new ShapeChecker(5);
      checkCriterion(c, criterionId, entry);
      if (!c.ok) return refuse('invalid-argument', `Evidence for "${def.text}" is malformed: ${c.problems.join('; ')}.`);
      criteria[criterionId] = entry;
    }
    return ok(record, stepId, { ...current, criteria }, at);
  });
}

export function recordMetric(
  record: CertificationRecord,
  stepId: StepId,
  metric: MetricId,
  value: number,
  now: Timestamp,
): TransitionResult {
  return guarded(stepId, now, (at) => {
    if (!isMetricId(metric)) return refuse('invalid-argument', `There is no metric '${String(metric)}'.`);
    if (!measures(stepId, metric)) {
      const where = STEPS.filter((s) => measures(s.id, metric)).map((s) => stepLabel(s.id));
      return refuse('invalid-argument', `${stepLabel(stepId)} does not measure ${metric}; ${where.join(' and ')} ${where.length > 1 ? 'do' : 'does'}.`);
    }
    const problem = metricValueProblem(metric, value);
    if (problem) return refuse('invalid-argument', problem);
    if (record.steps[stepId].status !== 'running') return notRunning(record, stepId, 'recording its metrics');
    const metrics = { ...record.metrics, [metric]: { value, measuredAt: at, step: stepId } };
    return { ok: true, record: { ...record, metrics, updatedAt: at } };
  });
}

function metricValueProblem(metric: MetricId, value: number): string | undefined {
  const { unit } = METRICS[metric];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `${metric} must be a number of ${unit}, 0 or more.`;
  if (unit === 'percent' && value > 100) return `${metric} is a percentage; ${formatMetric(metric, value)} is above 100%.`;
  if (unit === 'changes' && !Number.isInteger(value)) return `${metric} counts changes; ${value} is not a whole number.`;
  return undefined;
}

/** Adds a run to a running step, or replaces its open run: the engine reports progress this way. */
export function recordRun(record: CertificationRecord, stepId: StepId, run: RunRecord, now: Timestamp): TransitionResult {
  return guarded(stepId, now, (at) => {
    const current = record.steps[stepId];
    if (current.status !== 'running') return notRunning(record, stepId, 'recording a run');
    if (!isPlainObject(run)) return refuse('invalid-argument', 'The run is malformed: expected an object.');
    const c = new ShapeChecker(5);
    checkRun(c, 'run', run, record.service, true);
    if (!c.ok) return refuse('invalid-argument', `The run is malformed: ${c.problems.join('; ')}.`);
    const copy: RunRecord = { ...run, actions: run.actions.map((a) => (a.argv ? { ...a, argv: [...a.argv] } : { ...a })) };
    const last = current.runs[current.runs.length - 1];
    const runs = last?.outcome === 'running' ? [...current.runs.slice(0, -1), copy] : [...current.runs, copy];
    return ok(record, stepId, { ...current, runs }, at);
  });
}

export interface BackupInput {
  timestamp: string;
  location: string;
  verified: boolean;
  verifiedAt?: Timestamp;
  /** When the backup was taken: the wipe guard needs it newer than the test data, RPO starts there. */
  takenAt?: Timestamp;
  sizeBytes?: number;
  artefacts?: BackupArtefact[];
}

/** The Step 7 baseline the wipe guard trusts; only Step 7 makes one. */
export function recordBackup(record: CertificationRecord, backup: BackupInput, now: Timestamp): TransitionResult {
  return guarded('execute-backup', now, (at) => {
    if (record.steps['execute-backup'].status !== 'running') {
      return refuse('invalid-transition', `Record the baseline backup while ${stepLabel('execute-backup')} is running.`);
    }
    if (!nonEmpty(backup.timestamp) || !nonEmpty(backup.location)) {
      return refuse('invalid-argument', 'A backup needs its timestamp and its location.');
    }
    if (typeof backup.verified !== 'boolean') return refuse('invalid-argument', 'Say whether the backup was verified (true or false).');
    const next: BackupRecord = { timestamp: backup.timestamp, location: backup.location, verified: backup.verified };
    if (backup.verified) {
      const verifiedAt = backup.verifiedAt === undefined ? at : toIso(backup.verifiedAt);
      if (verifiedAt === undefined) return refuse('invalid-argument', `'${String(backup.verifiedAt)}' is not a valid time.`);
      next.verifiedAt = verifiedAt;
    } else if (backup.verifiedAt !== undefined) {
      return refuse('invalid-argument', 'An unverified backup has no verification time.');
    }
    if (backup.takenAt !== undefined) {
      const takenAt = toIso(backup.takenAt);
      if (takenAt === undefined) return refuse('invalid-argument', `'${String(backup.takenAt)}' is not a valid time.`);
      next.takenAt = takenAt;
    }
    if (backup.sizeBytes !== undefined) next.sizeBytes = backup.sizeBytes;
    if (backup.artefacts !== undefined) next.artefacts = backup.artefacts.map((a) => ({ ...a }));
    const c = new ShapeChecker(5);
    checkBackup(c, next);
    if (!c.ok) return refuse('invalid-argument', `The backup is malformed: ${c.problems.join('; ')}.`);
    return { ok: true, record: { ...record, backup: next, updatedAt: at } };
  });
}

/** Step 5's test data fingerprint, recorded while it runs: Step 9 compares the restore with it. */
export function recordTestData(
  record: CertificationRecord,
  fingerprint: Record<string, DataKindFingerprint>,
  now: Timestamp,
): TransitionResult {
  return guarded('populate', now, (at) => {
    if (record.steps.populate.status !== 'running') return notRunning(record, 'populate', 'recording its test data');
    const testData: TestDataRecord = {
      fingerprint: Object.fromEntries(Object.entries(fingerprint).map(([kind, value]) => [kind, { ...value }])),
      recordedAt: at,
    };
    const c = new ShapeChecker(5);
    checkTestData(c, testData);
    if (!c.ok) return refuse('invalid-argument', `The test data fingerprint is malformed: ${c.problems.join('; ')}.`);
    return { ok: true, record: { ...record, testData, updatedAt: at } };
  });
}
