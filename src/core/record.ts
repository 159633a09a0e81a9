// The certification record: what has been proven about one service, step by step, stored as
// .certify/<service>/record.json. Plain JSON data; changed only through core/transitions.

import { STEP_IDS, stepById, type StepId } from './steps';
import type { MetricId } from './targets';
import { isIsoTimestamp } from './shapeCheck';

/** Bumped when a record written by this version could be misread by an older one. */
export const RECORD_SCHEMA_VERSION = 1 as const;

/** Same rule as service definitions: the name becomes a folder and reaches command lines. */
export const SERVICE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const STEP_STATUSES = ['not-started', 'running', 'passed', 'failed', 'interrupted', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** 'unknown' also stands for "not applicable" on a conditional criterion. */
export const CRITERION_STATES = ['unknown', 'met', 'not-met'] as const;
export type CriterionState = (typeof CRITERION_STATES)[number];

/** 'run': ref is a transcript path; 'file': a repo path ("roles/x/README.md:12"); 'metric': a metric id. */
export const EVIDENCE_KINDS = ['run', 'file', 'metric', 'note'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export interface Evidence {
  kind: EvidenceKind;
  /** One line a person can read in a report. */
  summary: string;
  ref?: string;
}

export interface CriterionRecord {
  state: CriterionState;
  evidence?: Evidence[];
  /** Who said so; required for a manual criterion that is met or not met. */
  by?: string;
  at?: string;
}

/** 'vantage': the outside host the external probes run from; 'api': the Proxmox API over HTTPS. */
export const ACTION_TARGETS = ['local', 'proxmox', 'container', 'vantage', 'api'] as const;
export type ActionTarget = (typeof ACTION_TARGETS)[number];

export interface RunAction {
  /** The plan's id for the action ("deploy", "inspect"): a resumed run skips the ones that finished. */
  id?: string;
  description: string;
  argv?: string[];
  target: ActionTarget;
  exitCode?: number;
  durationMs?: number;
  /** How it ended when it did not simply exit: 'timeout', 'cancelled', 'disconnected', 'not-started'. */
  ended?: string;
  /** What the engine read from its output: "changed" → 0, "size" → 1234567, "status" → "200". */
  figures?: Record<string, string | number>;
  /** Relative to the repo root: .certify/<service>/runs/<file>. */
  transcript?: string;
}

/** 'running' marks the one run still open; an interrupted run never got a finish time. */
export const RUN_OUTCOMES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface RunRecord {
  startedAt: string;
  finishedAt?: string;
  /** Who started the run ("alice@admin01": the login and machine the front end ran as). */
  by?: string;
  actions: RunAction[];
  outcome: RunOutcome;
}

export interface StepRecord {
  status: StepStatus;
  /** Why a step was skipped (required), failed or interrupted. */
  reason?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Keyed by criterion id; an absent criterion is 'unknown'. */
  criteria: Partial<Record<string, CriterionRecord>>;
  /** Every run of this step, kept as history even when the step is reset. */
  runs: RunRecord[];
}

export interface MetricRecord {
  value: number;
  measuredAt: string;
  step: StepId;
}

/** One file of a backup, as Step 6/7 validated it. */
export interface BackupArtefact {
  /** Relative to the backup's folder: "postgresql/notes_20261204_231500.dump". */
  path: string;
  /** How it was validated: 'postgresql-dump' (pg_restore --list), 'tar' (tar -tzf), 'redis-rdb', 'manifest', 'file'. */
  type: string;
  bytes: number;
  sha256?: string;
  valid: boolean;
  /** Why it is not valid, or what validation saw ("312 entries"). */
  detail?: string;
}

/** The Step 7 baseline; the wipe guard needs it verified and newer than the test data. */
export interface BackupRecord {
  /** The backup's own timestamp id, as the backup tool names its folder. */
  timestamp: string;
  location: string;
  verified: boolean;
  verifiedAt?: string;
  /** When the backup was taken (its folder's time on the backup host): the start of RPO. */
  takenAt?: string;
  sizeBytes?: number;
  artefacts?: BackupArtefact[];
}

/** Per kind of test data (tags, notes, attachments…): what Step 5's verify script counted. */
export interface DataKindFingerprint {
  count: number;
  bytes: number;
  sha256?: string;
}

/** Step 5's test data: Step 9 must find the same fingerprint after the restore. */
export interface TestDataRecord {
  fingerprint: Record<string, DataKindFingerprint>;
  recordedAt: string;
}

export interface CertificationRecord {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  service: string;
  createdAt: string;
  updatedAt: string;
  steps: Record<StepId, StepRecord>;
  metrics: Partial<Record<MetricId, MetricRecord>>;
  backup?: BackupRecord;
  testData?: TestDataRecord;
}

/** Transitions take `now` as a Date or an ISO string, whichever the caller holds. */
export type Timestamp = Date | string;

/** The ISO form of `now`, or undefined when it is not a valid point in time. */
export function toIso(now: Timestamp): string | undefined {
  if (now instanceof Date) return Number.isNaN(now.getTime()) ? undefined : now.toISOString();
  return isIsoTimestamp(now) ? now : undefined;
}

export function emptyStepRecord(): StepRecord {
  return { status: 'not-started', criteria: {}, runs: [] };
}

/** Throws on a bad name or time: both are the caller's bug, not a user's refused action. */
export function createEmptyRecord(service: string, now: Timestamp): CertificationRecord {
  if (!SERVICE_NAME_PATTERN.test(service)) {
    throw new RangeError(`"${service}" is not a valid service name (lowercase letters, digits, dashes, underscores).`);
  }
  const at = toIso(now);
  if (at === undefined) throw new RangeError(`createEmptyRecord: ${String(now)} is not a valid time.`);
  const steps = Object.fromEntries(STEP_IDS.map((id) => [id, emptyStepRecord()])) as Record<StepId, StepRecord>;
  return { schemaVersion: RECORD_SCHEMA_VERSION, service, createdAt: at, updatedAt: at, steps, metrics: {} };
}

export function criterionState(record: CertificationRecord, stepId: StepId, criterionId: string): CriterionState {
  return record.steps[stepId].criteria[criterionId]?.state ?? 'unknown';
}

/** A step may record a metric only when one of its criteria names that metric. */
export function measures(stepId: StepId, metric: MetricId): boolean {
  return stepById(stepId).criteria.some((criterion) => criterion.metric === metric);
}

/** Who ran the record's steps: each run's "user@host", in the order of the runs' starts, once each. */
export function runners(record: CertificationRecord): string[] {
  const runs = Object.values(record.steps).flatMap((step) => step.runs);
  runs.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return [...new Set(runs.flatMap((run) => (run.by !== undefined ? [run.by] : [])))];
}
