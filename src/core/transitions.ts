// Pure transitions of a certification record: a step's life (start, pass, fail, interrupt, skip,
// reset) here, what an attempt proved in evidenceTransitions.ts. Each returns a new record or a
// refusal with a reason a person can act on; none throws on a refused change, none mutates its input.
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
// - Re-starting a step clears its criteria, its metrics, (Step 5) the test data and (Step 7) the backup, and resets
//   every later step: re-proving a link re-opens the chain after it. Resuming an interrupted step
//   keeps what it had. Runs are history and are never dropped.

import { busy, gateRefusal, runningStep, startRefusal, unmetCriteria } from './gates';
import { emptyStepRecord, type CertificationRecord, type RunRecord, type StepRecord, type Timestamp } from './record';
import { laterSteps, stepById, stepLabel, type StepId } from './steps';
import { guarded, nonEmpty, notRunning, ok, refuse, type TransitionResult } from './transitionResult';

export {
  canStart,
  serviceProgress,
  stepsResetBy,
  unmetCriteria,
  type ProgressState,
  type RefusalCode,
  type ServiceProgress,
} from './gates';

export type { TransitionResult };

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
  if (ids.includes('populate')) delete next.testData;
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
