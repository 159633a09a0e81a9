// The completion report as plain data: everything every renderer (text, Markdown, HTML, JSON,
// JUnit) shows, worked out once from the record so the formats can never disagree. The JSON
// renderer writes this shape as it is; schemas/report.schema.json describes it.

import type { Freshness } from '../../core/freshness';
import type { Grade } from '../../core/grading';
import type { ActionTarget, BackupArtefact, BackupRecord, CriterionState, EvidenceKind, RunOutcome, StepStatus } from '../../core/record';
import type { CriterionKind, StepId, StepNumber } from '../../core/steps';
import type { MetricId } from '../../core/targets';

/** Bumped when a field changes meaning or goes away; new optional fields do not bump it. */
export const REPORT_SCHEMA_VERSION = 1 as const;

export interface CertificationReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  service: string;
  containerId?: number;
  dates: ReportDates;
  /** Everyone whose word the record holds, with what each confirmed. */
  attestedBy: Attester[];
  /** Who ran the steps (each run's "user@host"), in the order they first ran one. */
  ranBy: string[];
  summary: ReportSummary;
  steps: StepReport[];
  /** The six Success Metrics in the workflow's order, measured or not. */
  metrics: MetricReport[];
  dataVerification: DataVerification;
  externalAccess: ExternalCheck[];
  backup?: BackupReport;
  readiness: Readiness;
  freshness?: Freshness;
  /** Past completed certifications, oldest first. */
  history?: HistoryEntry[];
}

export interface ReportDates {
  /** The first step's start; absent before any step ran. */
  started?: string;
  /** When the certification completed (Step 9 passed, or is passing as this report is written). */
  completed?: string;
  /** The record's last change. */
  updated: string;
  /** When this report was made. */
  generated: string;
}

export interface ReportSummary {
  stepsPassed: number;
  stepsTotal: number;
  criteriaMet: number;
  criteriaTotal: number;
  /** The worst grade among the measured metrics; absent when none is measured. */
  worstGrade?: Grade;
}

export interface Attester {
  name: string;
  confirmed: Array<{ step: StepId; criterion: string; text: string; at?: string }>;
}

export interface StepReport {
  id: StepId;
  number: StepNumber;
  title: string;
  shortTitle: string;
  status: StepStatus;
  reason?: string;
  startedAt?: string;
  finishedAt?: string;
  criteria: CriterionReport[];
  runs: RunReport[];
}

export interface CriterionReport {
  id: string;
  text: string;
  kind: CriterionKind;
  /** An acceptance criterion or a documentation item of the workflow. */
  group: 'acceptance' | 'documentation';
  state: CriterionState;
  /** Applies only under this condition ("Complete wipe (Option B)"); unknown then means not applicable. */
  condition?: string;
  by?: string;
  at?: string;
  evidence: EvidenceReport[];
}

export interface EvidenceReport {
  kind: EvidenceKind;
  summary: string;
  /** A transcript path, a repo file ("roles/x/README.md:12") or a metric id. */
  ref?: string;
}

export interface RunReport {
  startedAt: string;
  finishedAt?: string;
  /** Who started the run, when the record says (runs recorded before it did have none). */
  by?: string;
  outcome: RunOutcome;
  /** The distinct transcripts of this run's actions, in the order they were written. */
  transcripts: string[];
  actions: ActionReport[];
}

export interface ActionReport {
  id?: string;
  description: string;
  target: ActionTarget;
  exitCode?: number;
  durationMs?: number;
  ended?: string;
  transcript?: string;
}

export interface MetricReport {
  metric: MetricId;
  /** The workflow's name: "RTO (Recovery Time)". */
  label: string;
  /** The bounds in force (the workflow's table with the repo's overrides): "< 15m". */
  target: string;
  acceptable: string;
  /** The same bounds in the metric's unit (seconds, bytes, changes, percent), for charts and tools. */
  limits: { target: number; acceptable: number };
  measured?: MeasuredMetric;
}

export interface MeasuredMetric {
  value: number;
  /** "4m12s", "1.2 GB". */
  formatted: string;
  grade: Grade;
  /** The bound that decided the grade: "target < 5m", "warning: acceptable is < 30m". */
  bound: string;
  measuredAt: string;
  step: StepId;
}

export type MatchState = 'matches' | 'differs' | 'not-compared';

export interface DataVerification {
  /** When Step 5 recorded the test data; absent when it has not. */
  recordedAt?: string;
  /** Step 9's comparison of the restored data with Step 5's, as a whole. */
  afterRestore: MatchState;
  /** What the comparison said ("same as Step 5: tags 20, notes 200"). */
  detail?: string;
  kinds: DataKindReport[];
}

export interface DataKindReport {
  kind: string;
  count: number;
  bytes: number;
  sha256?: string;
  /** Counted again after the restore, when Step 9's verify run kept its figures. */
  restored?: { count: number; bytes: number; sha256?: string };
  afterRestore: MatchState;
}

export interface ExternalCheck {
  step: StepId;
  criterion: string;
  /** "HTTPS", "TLS certificate", "HTTPS after restore". */
  label: string;
  state: CriterionState;
  evidence?: string;
  ref?: string;
}

/** The record's baseline backup, with its sizes also in words. */
export interface BackupReport extends Omit<BackupRecord, 'artefacts'> {
  /** "1.2 GB". */
  size?: string;
  artefacts: ArtefactReport[];
}

export interface ArtefactReport extends BackupArtefact {
  size: string;
}

export interface Readiness {
  /** "PRODUCTION READY": all nine steps passed and no metric in warning. */
  ready: boolean;
  /** What is missing, in plain words; empty when ready. */
  missing: string[];
  /** The one thing to do next; absent when ready. */
  next?: string;
}

export interface HistoryEntry {
  certifiedAt: string;
  metrics: Partial<Record<MetricId, number>>;
}
