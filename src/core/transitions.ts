// Pure transitions of a certification record. Each returns a new record or a refusal with a
// reason a person can act on; none throws on a refused change, none mutates its input.
//
// Policy, from the seed:
// - Steps run one at a time, and a step starts only when its gate is open (see steps.ts).
// - Step 8 (Wipe) also needs a passed Step 7 and a verified backup: the wipe guard.
// - A step passes only while running, with no run still open, every criterion and documentation
//   item met (a conditional one may stay unknown, never not-met); Step 7 also needs its backup verified.
// - A criterion that names a metric can be met only once this attempt has recorded that metric.
// - Only Steps 4–6 may be skipped, with a reason: their failure policy is "can proceed with manual
//   backup". A skip opens Steps 5 and 6, never Step 7, and a skipped service is never certified.
// - Manual criteria (a person's word) may be confirmed while a step waits with its gate open, and
//   survive its first start; everything else about criteria needs the step running.
// - Re-starting a step clears its criteria, its metrics and (Step 7) the backup, and resets
//   every later step: re-proving a link re-opens the chain after it. Resuming an interrupted step
//   keeps what it had. Runs are history and are never dropped.

import { busy, gateRefusal, runningStep, startRefusal, unmetCriteria, type Refusal, type RefusalCode } from './gates';
import { checkCriterion, checkRun } from './recordShape';
import {
  CRITERION_STATES,
  emptyStepRecord,
  measures,
  toIso,
  type BackupRecord,
  type CertificationRecord,
  type CriterionRecord,
  type CriterionState,
  type Evidence,
  type RunRecord,
  type StepRecord,
  type StepStatus,
  type Timestamp,
} from './record';
import { isPlainObject, ShapeChecker } from './shapeCheck';
import { criterionById, isStepId, laterSteps, STEPS, stepById, stepLabel, type StepId } from './steps';
import { formatMetric, isMetricId, METRICS, type MetricId } from './targets';

export {
  canStart,
  serviceProgress,
  stepsResetBy,
  unmetCriteria,
  type ProgressState,
  type RefusalCode,
  type ServiceProgress,
} from './gates';

export type TransitionResult = { ok: true; record: CertificationRecord } | ({ ok: false } & Refusal);

const refuse = (code: RefusalCode, reason: string): TransitionResult => ({ ok: false, code, reason });

/** Runs the common argument checks, then `body` with the ISO time. */
function guarded(stepId: StepId, now: Timestamp, body: (at: string) => TransitionResult): TransitionResult {
  if (!isStepId(stepId)) return refuse('unknown-step', `There is no step '${String(stepId)}'.`);
  const at = toIso(now);
  if (at === undefined) return refuse('invalid-argument', `'${String(now)}' is not a valid time.`);
  return body(at);
}

const NOT_RUNNING: Record<Exclude<StepStatus, 'running'>, string> = {
  'not-started': 'has not started; start it',
  passed: 'has passed; re-run it',
  failed: 'has failed; re-run it',
  interrupted: 'was interrupted; resume it',
  skipped: 'was skipped; run it',
};

function notRunning(record: CertificationRecord, stepId: StepId, doing: string): TransitionResult {
  const status = record.steps[stepId].status;
  const phrase = status === 'running' ? 'is running' : NOT_RUNNING[status];
  return refuse('invalid-transition', `${stepLabel(stepId)} ${phrase} before ${doing}.`);
}

export function startStep(record: CertificationRecord, stepId: StepId, now: Timestamp): TransitionResult {
  return guarded(stepId, now, (at) => {
    const refusal = startRefusal(record, stepId);
    if (refusal) return { ok: false, ...refusal };
    const current = record.steps[stepId];
    const resume = current.status === 'interrupted';
    const base = resetSteps(record, resume ? laterSteps(stepId) : [stepId, ...laterSteps(stepId)]);
    // A first start keeps what people confirmed while the step waited; a re-run starts clean.
    const criteria = current.status === 'not-started' ? current.criteria : {};
    const step: StepRecord = resume
      ? { ...without(current, 'reason'), status: 'running' }
      : { status: 'running', startedAt: at, criteria, runs: current.runs };
    return ok(base, stepId, step, at);
  });
}

export function passStep(record: CertificationRecord, stepId: StepId, now: Timestamp): TransitionResult {
  return guarded(stepId, now, (at) => {
    const current = record.steps[stepId];
    if (current.status !== 'running') return notRunning(record, stepId, 'passing it');
    if (current.runs.some((run) => run.outcome === 'running')) {
      return refuse('invalid-transition', `A run of ${stepLabel(stepId)} is still in progress; let it finish first.`);
    }
    const unmet = unmetCriteria(record, stepId);
    if (unmet.length > 0) {
      const names = unmet.slice(0, 3).map((c) => `"${c.text}"`);
      const more = unmet.length > 3 ? ` and ${unmet.length - 3} more` : '';
      return refuse(
        'criteria-unmet',
        `${stepLabel(stepId)} cannot pass: ${unmet.length} not met yet: ${names.join(', ')}${more}. Meet them, or fail the step.`,
      );
    }
    if (stepId === 'execute-backup' && !record.backup?.verified) {
      return refuse('backup-unverified', `${stepLabel(stepId)} cannot pass without a verified backup: record the backup and verify it first.`);
    }
    return ok(record, stepId, { ...without(current, 'reason'), status: 'passed', finishedAt: at }, at);
  });
}

export function failStep(record: CertificationRecord, stepId: StepId, now: Timestamp, reason: string): TransitionResult {
  return guarded(stepId, now, (at) => {
    if (!nonEmpty(reason)) return refuse('invalid-argument', `Say why ${stepLabel(stepId)} failed.`);
    const current = record.steps[stepId];
    if (current.status !== 'running') return notRunning(record, stepId, 'failing it');
    const runs = closeOpenRun(current.runs, { outcome: 'failed', finishedAt: at });
    return ok(record, stepId, { ...current, status: 'failed', finishedAt: at, reason: reason.trim(), runs }, at);
  });
}

/** For a running step whose process died: the step can be resumed by starting it again. */
export function interruptStep(
  record: CertificationRecord,
  stepId: StepId,
  now: Timestamp,
  reason = 'The run stopped before it finished.',
): TransitionResult {
  return guarded(stepId, now, (at) => {
    const current = record.steps[stepId];
    if (current.status !== 'running') return notRunning(record, stepId, 'marking it interrupted');
    const runs = closeOpenRun(current.runs, { outcome: 'interrupted' });
    const step: StepRecord = { ...current, status: 'interrupted', runs };
    if (nonEmpty(reason)) step.reason = reason.trim();
    return ok(record, stepId, step, at);
  });
}

export function skipStep(record: CertificationRecord, stepId: StepId, reason: string, now: Timestamp): TransitionResult {
  return guarded(stepId, now, (at) => {
    const def = stepById(stepId);
    const label = stepLabel(stepId);
    if (!def.skippable) {
      return refuse('not-skippable', `${label} cannot be skipped: the workflow says "${def.failure.rule}". ${def.failure.action}.`);
    }
    if (!nonEmpty(reason)) return refuse('invalid-argument', `Say why ${label} is skipped, e.g. which manual backup stands in for it.`);
    const current = record.steps[stepId];
    if (current.status === 'running') return refuse('invalid-transition', `${label} is running; fail it or let it finish before skipping it.`);
    if (current.status === 'passed' || current.status === 'skipped') {
      return refuse('invalid-transition', `${label} is already ${current.status}; reset it first to skip it.`);
    }
    const running = runningStep(record);
    if (running) return { ok: false, ...busy(running, stepId, 'skipping') };
    const gate = gateRefusal(record, stepId);
    if (gate) return { ok: false, ...gate };
    const step: StepRecord = { ...current, status: 'skipped', reason: reason.trim(), finishedAt: at };
    return ok(resetSteps(record, laterSteps(stepId)), stepId, step, at);
  });
}

/** Back to not-started, with every later step (the chain rule). Runs stay as history. */
export function resetStep(record: CertificationRecord, stepId: StepId, now: Timestamp): TransitionResult {
  return guarded(stepId, now, (at) => {
    if (record.steps[stepId].status === 'running') {
      return refuse(
        'invalid-transition',
        `${stepLabel(stepId)} is running; fail it, or mark it interrupted if its process died, before resetting it.`,
      );
    }
    const running = runningStep(record);
    if (running && laterSteps(stepId).includes(running)) return { ok: false, ...busy(running, stepId, 'resetting') };
    // A not-started step holds no results (criteria, metrics, backup all go when it leaves running).
    const affected = [stepId, ...laterSteps(stepId)].filter((id) => record.steps[id].status !== 'not-started');
    if (affected.length === 0) return { ok: true, record };
    return { ok: true, record: { ...resetSteps(record, affected), updatedAt: at } };
  });
}

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
    return { ok: true, record: { ...record, backup: next, updatedAt: at } };
  });
}

function ok(record: CertificationRecord, stepId: StepId, step: StepRecord, at: string): TransitionResult {
  return { ok: true, record: { ...record, steps: { ...record.steps, [stepId]: step }, updatedAt: at } };
}

/**
 * Puts `ids` back to not-started and drops what they proved: their criteria, the metrics they
 * measured, and the baseline backup when Step 7 is among them. Runs stay.
 */
function resetSteps(record: CertificationRecord, ids: readonly StepId[]): CertificationRecord {
  if (ids.length === 0) return record;
  const steps = { ...record.steps };
  for (const id of ids) steps[id] = { ...emptyStepRecord(), runs: record.steps[id].runs };
  const metrics = Object.fromEntries(
    Object.entries(record.metrics).filter(([, entry]) => entry !== undefined && !ids.includes(entry.step)),
  ) as CertificationRecord['metrics'];
  const next: CertificationRecord = { ...record, steps, metrics };
  if (ids.includes('execute-backup')) delete next.backup;
  return next;
}

function closeOpenRun(runs: readonly RunRecord[], close: Pick<RunRecord, 'outcome' | 'finishedAt'>): RunRecord[] {
  return runs.map((run) => {
    if (run.outcome !== 'running') return run;
    const closed: RunRecord = { ...run, outcome: close.outcome };
    if (close.finishedAt) closed.finishedAt = close.finishedAt;
    return closed;
  });
}

function without<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
