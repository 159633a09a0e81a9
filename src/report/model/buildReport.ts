// Builds the completion report's model from a certification record: pure, so the CLI, the
// extension's panel, the step engine and the tests all render the same facts. The caller gives
// what the record does not hold: the container id, the targets in force, the time, and (when
// the repo keeps them) the freshness of the certification and its history.

import type { Freshness } from '../../core/freshness';
import { gradeMetrics, worstGrade } from '../../core/grading';
import { runners, type CertificationRecord } from '../../core/record';
import { STEPS } from '../../core/steps';
import { DEFAULT_TARGETS, type Targets } from '../../core/targets';
import { backupReport } from './backupReport';
import { dataVerification } from './dataVerification';
import { externalAccess } from './externalAccess';
import { metricReports } from './metricReports';
import { readiness } from './readiness';
import { REPORT_SCHEMA_VERSION, type CertificationReport, type HistoryEntry, type StepReport } from './reportTypes';
import { attesters, stepReports } from './stepReports';

export interface ReportInput {
  record: CertificationRecord;
  /** When the report is made (ISO): the caller's clock keeps this pure. */
  generatedAt: string;
  containerId?: number;
  /** The targets in force; the workflow's table when not given. */
  targets?: Targets;
  freshness?: Freshness;
  /** Past completed certifications; sorted oldest first here whatever order they come in. */
  history?: readonly HistoryEntry[];
}

export function buildReport(input: ReportInput): CertificationReport {
  const { record } = input;
  const targets = input.targets ?? DEFAULT_TARGETS;
  const graded = gradeMetrics(record.metrics, targets);
  const verdict = readiness(record, graded, input.freshness);
  const steps = stepReports(record);
  const criteria = steps.flatMap((step) => step.criteria);
  const worst = worstGrade(graded);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    service: record.service,
    ...(input.containerId !== undefined ? { containerId: input.containerId } : {}),
    dates: dates(record, steps, verdict.ready, input.generatedAt),
    attestedBy: attesters(steps),
    ranBy: runners(record),
    summary: {
      stepsPassed: steps.filter((step) => step.status === 'passed').length,
      stepsTotal: STEPS.length,
      criteriaMet: criteria.filter((c) => c.state === 'met').length,
      criteriaTotal: criteria.length,
      ...(worst !== undefined ? { worstGrade: worst } : {}),
    },
    steps,
    metrics: metricReports(graded, targets),
    dataVerification: dataVerification(record),
    externalAccess: externalAccess(record),
    ...(record.backup ? { backup: backupReport(record.backup) } : {}),
    readiness: verdict,
    ...(input.freshness ? { freshness: input.freshness } : {}),
    ...(input.history ? { history: [...input.history].sort((a, b) => Date.parse(a.certifiedAt) - Date.parse(b.certifiedAt)) } : {}),
  };
}

function dates(record: CertificationRecord, steps: readonly StepReport[], ready: boolean, generated: string): CertificationReport['dates'] {
  const started = steps
    .map((step) => step.startedAt)
    .filter((at): at is string => at !== undefined)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const step9 = record.steps['restore-verify'];
  // Step 9 writes this report before it passes: a ready service completes now, at its last change.
  const completed = step9.status === 'passed' ? (step9.finishedAt ?? record.updatedAt) : ready ? record.updatedAt : undefined;
  return {
    ...(started !== undefined ? { started } : {}),
    ...(completed !== undefined ? { completed } : {}),
    updated: record.updatedAt,
    generated,
  };
}

