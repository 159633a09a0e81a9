// What every record transition shares: the result (a new record or a refusal a person can act
// on), the common argument checks, and the wording of "that step is not running".

import type { Refusal, RefusalCode } from './gates';
import { toIso, type CertificationRecord, type StepRecord, type StepStatus, type Timestamp } from './record';
import { isStepId, stepLabel, type StepId } from './steps';

export type TransitionResult = { ok: true; record: CertificationRecord } | ({ ok: false } & Refusal);

export const refuse = (code: RefusalCode, reason: string): TransitionResult => ({ ok: false, code, reason });

/** Runs the common argument checks, then `body` with the ISO time. */
export function guarded(stepId: StepId, now: Timestamp, body: (at: string) => TransitionResult): TransitionResult {
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

export function notRunning(record: CertificationRecord, stepId: StepId, doing: string): TransitionResult {
  const status = record.steps[stepId].status;
  const phrase = status === 'running' ? 'is running' : NOT_RUNNING[status];
  return refuse('invalid-transition', `${stepLabel(stepId)} ${phrase} before ${doing}.`);
}

/** The record with one step replaced. */
export function ok(record: CertificationRecord, stepId: StepId, step: StepRecord, at: string): TransitionResult {
  return { ok: true, record: { ...record, steps: { ...record.steps, [stepId]: step }, updatedAt: at } };
}

/** A string with something in it: reasons, locations. */
export function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
