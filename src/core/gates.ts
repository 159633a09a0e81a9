// The gates between steps and the wipe guard, read off a record: why a step may not start
// (in words a person can act on), what re-running a step would reset, and overall progress.

import type { CertificationRecord, StepStatus } from './record';
import {
  allCriteria,
  laterSteps,
  requiredSteps,
  STEP_IDS,
  stepById,
  stepLabel,
  type CriterionDefinition,
  type StepId,
} from './steps';

export type RefusalCode =
  /** A required earlier step has not passed. */
  | 'gate'
  /** Step 8 without a passed Step 7 and a verified backup. */
  | 'wipe-guard'
  /** Another step is running; steps run one at a time. */
  | 'busy'
  /** The step's status does not allow this (e.g. passing a step that is not running). */
  | 'invalid-transition'
  /** Passing a step whose criteria are not all met. */
  | 'criteria-unmet'
  /** Passing Step 7 without a verified backup. */
  | 'backup-unverified'
  /** Marking a metric's criterion met before the metric was recorded. */
  | 'missing-metric'
  | 'not-skippable'
  | 'invalid-argument'
  | 'unknown-step'
  | 'unknown-criterion';

export interface Refusal {
  code: RefusalCode;
  /** User-facing: what blocks, and what to do next. */
  reason: string;
}

export function runningStep(record: CertificationRecord): StepId | undefined {
  return STEP_IDS.find((id) => record.steps[id].status === 'running');
}

/** The gate alone: required steps (and, for the wipe, the verified backup). */
export function gateRefusal(record: CertificationRecord, stepId: StepId): Refusal | undefined {
  const def = stepById(stepId);
  const label = stepLabel(stepId);
  const blocker = requiredSteps(stepId).find((id) => {
    const status = record.steps[id].status;
    return !(status === 'passed' || (status === 'skipped' && def.gate.acceptsSkipped));
  });
  if (def.gate.needsVerifiedBackup) {
    const backupStep = stepLabel('execute-backup');
    if (blocker === 'execute-backup') {
      return { code: 'wipe-guard', reason: `${label} needs a verified backup: pass ${backupStep} first.` };
    }
    if (blocker) {
      return {
        code: 'wipe-guard',
        reason: `${label} needs a verified backup from ${backupStep}: pass ${stepLabel(blocker)} first.`,
      };
    }
    if (!record.backup?.verified) {
      return {
        code: 'wipe-guard',
        reason: `${label} needs a verified backup: the backup from ${backupStep} is not verified; re-run ${backupStep}.`,
      };
    }
    return staleBackupRefusal(record, label, backupStep);
  }
  if (!blocker) return undefined;
  return { code: 'gate', reason: `${label} is locked: ${blockerText(blocker, record.steps[blocker].status)}` };
}

/**
 * The backup must hold the test data it is about to be judged against: taken after Step 5
 * recorded that data. A backup with no time, or no recorded test data, cannot show that.
 */
function staleBackupRefusal(record: CertificationRecord, label: string, backupStep: string): Refusal | undefined {
  const populate = stepLabel('populate');
  const { backup, testData } = record;
  if (!testData) {
    return { code: 'wipe-guard', reason: `${label} needs the test data of ${populate} recorded, to prove the backup holds it; re-run ${populate}.` };
  }
  const takenAt = backup?.takenAt === undefined ? NaN : Date.parse(backup.takenAt);
  if (Number.isNaN(takenAt)) {
    return { code: 'wipe-guard', reason: `${label} needs to know when the backup was taken; re-run ${backupStep}.` };
  }
  if (takenAt <= Date.parse(testData.recordedAt)) {
    return {
      code: 'wipe-guard',
      reason: `${label} needs a backup newer than the test data: the backup (${backup?.takenAt}) is older than ${populate}'s data (${testData.recordedAt}); re-run ${backupStep}.`,
    };
  }
  return undefined;
}

function blockerText(blocker: StepId, status: StepStatus): string {
  const other = stepLabel(blocker);
  switch (status) {
    case 'failed':
      return `${other} failed; fix it and re-run it until it passes.`;
    case 'interrupted':
      return `${other} was interrupted; resume it and let it pass first.`;
    case 'running':
      return `${other} is still running; let it finish and pass first.`;
    case 'skipped':
      return `${other} was skipped, but this step needs it passed; run ${other} first.`;
    default:
      return `pass ${other} first.`;
  }
}

/** Everything that stops `stepId` from starting now: already running, another step busy, the gate. */
export function startRefusal(record: CertificationRecord, stepId: StepId): Refusal | undefined {
  const running = runningStep(record);
  if (running === stepId) return { code: 'invalid-transition', reason: `${stepLabel(stepId)} is already running.` };
  if (running) return busy(running, stepId, 'starting');
  return gateRefusal(record, stepId);
}

export function busy(running: StepId, stepId: StepId, doing: string): Refusal {
  return {
    code: 'busy',
    reason:
      `${stepLabel(running)} is running; let it finish, or mark it interrupted if its process died, ` +
      `before ${doing} ${stepLabel(stepId)}.`,
  };
}

/** Why `stepId` cannot start now, for the tree to show; undefined when it can. */
export function canStart(record: CertificationRecord, stepId: StepId): string | undefined {
  return startRefusal(record, stepId)?.reason;
}

/** What still stands between a running step and a pass, in definition order. */
export function unmetCriteria(record: CertificationRecord, stepId: StepId): CriterionDefinition[] {
  const criteria = record.steps[stepId].criteria;
  return allCriteria(stepId).filter((c) => {
    const state = criteria[c.id]?.state ?? 'unknown';
    return c.condition === undefined ? state !== 'met' : state === 'not-met';
  });
}

/**
 * Later steps with results that starting or resetting `stepId` would discard. Certification is
 * a chain: each step proves something about what the earlier ones built, so re-opening a link
 * re-opens everything after it. Front ends show this list before asking to re-run.
 */
export function stepsResetBy(record: CertificationRecord, stepId: StepId): StepId[] {
  return laterSteps(stepId).filter((id) => record.steps[id].status !== 'not-started');
}

export type ProgressState = 'not-started' | 'in-progress' | 'failed' | 'certified';

export interface ServiceProgress {
  passed: number;
  total: 9;
  skipped: number;
  /** certified only with all nine passed: a skipped step never counts. */
  state: ProgressState;
  /** The first step not yet passed: what certification still needs. */
  next?: StepId;
}

export function serviceProgress(record: CertificationRecord): ServiceProgress {
  const statuses = STEP_IDS.map((id) => record.steps[id].status);
  const passed = statuses.filter((s) => s === 'passed').length;
  const skipped = statuses.filter((s) => s === 'skipped').length;
  const next = STEP_IDS.find((id) => record.steps[id].status !== 'passed');
  const state: ProgressState =
    passed === STEP_IDS.length
      ? 'certified'
      : statuses.includes('failed')
        ? 'failed'
        : statuses.every((s) => s === 'not-started')
          ? 'not-started'
          : 'in-progress';
  return next === undefined ? { passed, total: 9, skipped, state } : { passed, total: 9, skipped, state, next };
}
