// The workflow's completion report, as text, from a certification record: each step's result,
// the recovery metrics graded against the targets, the data verification (each kind of test
// data before and after), the external access, and "PRODUCTION READY" only when all nine steps
// passed with no metric in warning — otherwise what is missing, in plain words.

import { gradeMetrics, type GradedMetric } from '../core/grading';
import type { CertificationRecord } from '../core/record';
import { STEPS, stepLabel } from '../core/steps';
import { DEFAULT_TARGETS, METRICS, type Targets } from '../core/targets';

const RULE = '========================================';

export function completionReportText(record: CertificationRecord, containerId?: number, targets: Targets = DEFAULT_TARGETS): string {
  const graded = gradeMetrics(record.metrics, targets);
  const verdict = readiness(record, graded);
  const lines: string[] = [
    RULE,
    verdict.ready ? 'Service Deployment Workflow - COMPLETE' : 'Service Deployment Workflow - NOT COMPLETE',
    RULE,
    '',
    `Service: ${record.service}`,
    `Container ID: ${containerId ?? 'unknown'}`,
    `Completion Date: ${record.steps['restore-verify'].finishedAt ?? record.updatedAt}`,
    '',
    'Test Results:',
    ...STEPS.map((step) => {
      const state = record.steps[step.id];
      const mark = state.status === 'passed' ? '✅' : state.status === 'not-started' ? '⬜' : '❌';
      const why = state.status === 'passed' ? '' : ` — ${state.status}${state.reason ? `: ${state.reason}` : ''}`;
      return `${mark} Step ${step.number}: ${step.title}${why}`;
    }),
    '',
    'Recovery Metrics:',
    ...(graded.length > 0 ? graded.map((m) => `- ${METRICS[m.metric].label}: ${m.formatted} — ${m.grade.toUpperCase()} (${boundText(m)})`) : ['- none measured yet']),
    '',
    'Data Verification:',
    ...dataLines(record),
    '',
    'External Access:',
    ...externalLines(record),
    '',
    verdict.ready ? 'Service Status: PRODUCTION READY ✓' : `Service Status: NOT PRODUCTION READY — ${verdict.missing.join('; ')}`,
    '',
  ];
  if (record.backup) lines.push(`Backup Timestamp: ${record.backup.timestamp}`, `Backup Location: ${record.backup.location}`, '');
  if (!verdict.ready && verdict.next) lines.push(`Next: ${verdict.next}`, '');
  return lines.join('\n');
}

export interface Readiness {
  ready: boolean;
  missing: string[];
  next?: string;
}

/** All nine passed and no metric in warning; anything else is said plainly. */
export function readiness(record: CertificationRecord, graded: readonly GradedMetric[] = gradeMetrics(record.metrics)): Readiness {
  const missing: string[] = [];
  const notPassed = STEPS.filter((step) => record.steps[step.id].status !== 'passed');
  if (notPassed.length > 0) missing.push(`${notPassed.length} of 9 steps not passed (${notPassed.map((s) => stepLabel(s.id)).join(', ')})`);
  const warnings = graded.filter((m) => m.grade === 'warning');
  if (warnings.length > 0) missing.push(`in warning: ${warnings.map((m) => `${METRICS[m.metric].label} ${m.formatted}`).join(', ')}`);
  // Step 9 itself waits for this report: its other criteria decide.
  const first = notPassed[0];
  const next = first ? `run ${stepLabel(first.id)} (certify run ${record.service} --step ${first.number})` : warnings.length > 0 ? 'bring the metrics in warning within their acceptable range, then certify again' : undefined;
  const onlyStep9Pending = notPassed.length === 1 && notPassed[0].id === 'restore-verify' && step9Ready(record);
  const ready = (notPassed.length === 0 || onlyStep9Pending) && warnings.length === 0;
  return { ready, missing: ready ? [] : missing, ...(ready || !next ? {} : { next }) };
}

/** Step 9 is running with everything met but this report and the declaration it enables. */
function step9Ready(record: CertificationRecord): boolean {
  const step = record.steps['restore-verify'];
  if (step.status !== 'running') return false;
  const needed = STEPS[8].criteria.filter((c) => c.id !== 'report' && c.id !== 'production-ready' && c.condition === undefined);
  return needed.every((c) => step.criteria[c.id]?.state === 'met') && step.criteria['production-ready']?.state === 'met';
}

/** "target < 5m", "warning: acceptable is < 30m": the bound that decided the grade. */
function boundText(metric: GradedMetric): string {
  return metric.summary.replace(/^[^(]*\(/, '').replace(/\)$/, '');
}

function dataLines(record: CertificationRecord): string[] {
  const before = record.testData?.fingerprint;
  if (!before) return ['- no test data recorded'];
  const matched = record.steps['restore-verify'].criteria['test-data-matches']?.state === 'met';
  return Object.entries(before).map(
    ([kind, value]) => `- ${kind}: ${value.count} items, ${value.bytes} bytes${value.sha256 ? `, sha256 ${value.sha256.slice(0, 12)}…` : ''} (${matched ? '✓ matches after restore' : 'not yet compared after a restore'})`,
  );
}

function externalLines(record: CertificationRecord): string[] {
  const lines: string[] = [];
  for (const [step, id, label] of [
    ['test-external', 'https-access', 'HTTPS'],
    ['test-external', 'tls-valid', 'TLS certificate'],
    ['test-external', 'dns-external', 'DNS'],
    ['restore-verify', 'https-access', 'HTTPS after restore'],
    ['restore-verify', 'external-tests', 'External tests after restore'],
  ] as const) {
    const criterion = record.steps[step].criteria[id];
    if (criterion) lines.push(`- ${label}: ${criterion.state === 'met' ? '✓' : '✗'} ${criterion.evidence?.[0]?.summary ?? ''}`.trimEnd());
  }
  return lines.length > 0 ? lines : ['- not tested yet'];
}
