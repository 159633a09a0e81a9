// The report as the workflow's completion-report text: each step's result, the recovery metrics
// graded, the data verification, the external access, the service status and, when ready, the
// workflow's next steps. Every value from the record is one display-safe line (displayText).

import { displayText } from '../../core/displayText';
import type { CertificationReport, DataKindReport } from '../model/reportTypes';
import { COMPLETION_LINES, GRADE_WORDS, MATCH_WORDS, NEXT_STEPS, READY_TEXT, STATE_MARKS, STEP_MARKS, stepNumbers, stepSuffix } from './reportWords';

const RULE = '========================================';
const t = displayText;

export function renderText(report: CertificationReport): string {
  const { readiness } = report;
  // The workflow is complete once its nine steps passed; whether that still makes the service
  // production ready (no metric in warning, nothing changed since) is the status line's to say.
  const complete = readiness.ready || report.summary.stepsPassed === report.summary.stepsTotal;
  const lines: string[] = [
    RULE,
    complete ? 'Service Deployment Workflow - COMPLETE' : 'Service Deployment Workflow - NOT COMPLETE',
    RULE,
    '',
    `Service: ${t(report.service)}`,
    `Container ID: ${report.containerId ?? 'unknown'}`,
    `Started: ${t(report.dates.started ?? 'not yet')}`,
    `Completion Date: ${t(report.dates.completed ?? `not complete (last change ${report.dates.updated})`)}`,
    ...(report.ranBy.length > 0 ? [`Run by: ${report.ranBy.map(t).join(', ')}`] : []),
    ...(report.attestedBy.length > 0 ? [`Attested by: ${report.attestedBy.map((a) => `${t(a.name)} (${a.confirmed.length})`).join(', ')}`] : []),
    '',
    'Test Results:',
    ...report.steps.map(
      (step) => `${STEP_MARKS[step.status]} Step ${step.number}: ${step.status === 'passed' ? COMPLETION_LINES[step.id] : step.title}${t(stepSuffix(step.status, step.reason))}`,
    ),
    '',
    'Recovery Metrics:',
    ...metricLines(report),
    '',
    'Data Verification:',
    ...dataLines(report),
    '',
    'External Access:',
    ...externalLines(report),
    '',
    readiness.ready ? `Service Status: ${READY_TEXT} ✓` : `Service Status: NOT ${READY_TEXT} — ${t(readiness.missing.join('; '))}`,
    '',
  ];
  if (readiness.ready) lines.push('Next Steps:', ...NEXT_STEPS.map((step, i) => `${i + 1}. ${step}`), '');
  if (report.backup) {
    lines.push(`Backup Timestamp: ${t(report.backup.timestamp)}`, `Backup Location: ${t(report.backup.location)}`);
    if (report.backup.size) lines.push(`Backup Size: ${report.backup.size}`);
    lines.push('');
  }
  if (report.freshness) lines.push(...freshnessLines(report), '');
  if (report.history && report.history.length > 0) lines.push(`Past certifications: ${report.history.length} (latest ${t(report.history[report.history.length - 1].certifiedAt)})`, '');
  if (!readiness.ready && readiness.next) lines.push(`Next: ${t(readiness.next)}`, '');
  lines.push(`Generated: ${t(report.dates.generated)}`, '');
  return lines.join('\n');
}

function metricLines(report: CertificationReport): string[] {
  const lines = report.metrics.flatMap(({ label, measured }) => (measured ? [`- ${label}: ${measured.formatted} — ${GRADE_WORDS[measured.grade]} (${measured.bound})`] : []));
  return lines.length > 0 ? lines : ['- none measured yet'];
}

function dataLines(report: CertificationReport): string[] {
  const { kinds } = report.dataVerification;
  if (kinds.length === 0) return ['- no test data recorded'];
  return kinds.map((kind) => `- ${t(kind.kind)}: ${kindFigures(kind)} (${MATCH_WORDS[kind.afterRestore]}${restoredText(kind)})`);
}

function kindFigures(kind: Pick<DataKindReport, 'count' | 'bytes' | 'sha256'>): string {
  return `${kind.count} items, ${kind.bytes} bytes${kind.sha256 ? `, sha256 ${t(kind.sha256.slice(0, 12))}…` : ''}`;
}

/** What Step 9 counted, when it is not what Step 5 recorded. */
function restoredText(kind: DataKindReport): string {
  return kind.afterRestore === 'differs' && kind.restored ? `: ${kindFigures(kind.restored)}` : '';
}

function externalLines(report: CertificationReport): string[] {
  const tested = report.externalAccess.filter((check) => check.state !== 'unknown');
  if (tested.length === 0) return ['- not tested yet'];
  return tested.map((check) => `- ${check.label}: ${STATE_MARKS[check.state]} ${t(check.evidence ?? '')}`.trimEnd());
}

function freshnessLines(report: CertificationReport): string[] {
  const freshness = report.freshness;
  if (!freshness) return [];
  const lines = [`Freshness: ${t(freshness.summary)}`];
  for (const change of freshness.changed) lines.push(`- ${t(change.name)} (${change.change})`);
  if (freshness.rerun.length > 0) {
    const numbers = freshness.rerun.map((id) => report.steps.find((step) => step.id === id)?.number ?? 0);
    lines.push(`Re-run: ${stepNumbers(numbers)}`);
  }
  if (freshness.state === 'due' && freshness.dueAt) lines.push(`Due since: ${t(freshness.dueAt)}`);
  return lines;
}
