// Whether a service is PRODUCTION READY: all nine steps passed and no metric in warning. When
// it is not, what is missing in plain words and the one thing to do next.

import type { GradedMetric } from '../../core/grading';
import type { CertificationRecord } from '../../core/record';
import { STEP_IDS, STEPS, stepById, stepLabel, type StepId } from '../../core/steps';
import { stepsText, type Freshness } from '../../core/freshness';
import { formatThreshold, METRICS } from '../../core/targets';
import type { Readiness } from './reportTypes';

/**
 * `freshness`, when the caller knows it: a certification whose inputs changed since (stale) or
 * that is older than the repo's interval (due) no longer vouches for the service as it is now.
 */
export function readiness(record: CertificationRecord, graded: readonly GradedMetric[], freshness?: Freshness): Readiness {
  const notPassed = STEPS.filter((step) => record.steps[step.id].status !== 'passed');
  const warnings = graded.filter((metric) => metric.grade === 'warning');
  const step9Pending = notPassed.length === 1 && notPassed[0].id === 'restore-verify' && step9Ready(record);
  const lapsed = notPassed.length === 0 && (freshness?.state === 'stale' || freshness?.state === 'due') ? freshness : undefined;
  if ((notPassed.length === 0 || step9Pending) && warnings.length === 0 && !lapsed) return { ready: true, missing: [] };
  if (lapsed) {
    const steps = lapsed.rerun.length > 0 ? lapsed.rerun : [...STEP_IDS];
    const first = stepById(steps[0]);
    return {
      ready: false,
      missing: [lapsed.summary.replace(/\.\s*$/, '')],
      next: `re-run ${stepsText(steps)} from ${stepLabel(first.id)} (certify run ${record.service} --from ${first.number})`,
    };
  }

  const missing: string[] = [];
  for (const step of notPassed) {
    const state = record.steps[step.id];
    if (state.status === 'failed' || state.status === 'interrupted' || state.status === 'skipped') {
      // The reason is a sentence of its own; its full stop would end the list item early.
      missing.push(`${stepLabel(step.id)} ${state.status}${state.reason ? `: ${state.reason.replace(/\.\s*$/, '')}` : ''}`);
    }
  }
  if (notPassed.length > 0 && !step9Pending) {
    missing.push(`${notPassed.length} of ${STEPS.length} steps not passed (${notPassed.map((s) => stepLabel(s.id)).join(', ')})`);
  }
  if (warnings.length > 0) {
    missing.push(`in warning: ${warnings.map((m) => `${METRICS[m.metric].label} ${m.formatted} (acceptable is ${formatThreshold(m.metric, m.acceptable)})`).join(', ')}`);
  }
  const first = step9Pending ? undefined : notPassed[0];
  return { ready: false, missing, next: first ? nextAction(record, first.id) : 'bring the metrics in warning within their acceptable range, then certify again' };
}

function nextAction(record: CertificationRecord, stepId: StepId): string {
  const step = stepById(stepId);
  const command = `certify run ${record.service} --step ${step.number}`;
  switch (record.steps[stepId].status) {
    case 'failed':
      return `${step.failure.action.toLowerCase()}, then run ${stepLabel(stepId)} again (${command})`;
    case 'interrupted':
      return `run ${stepLabel(stepId)} again to resume it (${command})`;
    case 'skipped':
      return `a skipped step is never certified: run ${stepLabel(stepId)} (${command})`;
    default:
      return `run ${stepLabel(stepId)} (${command})`;
  }
}

/**
 * Step 9 is running with everything met but the completion report (which this readiness is
 * written into) and the declaration it enables: the report is written before the step passes.
 */
function step9Ready(record: CertificationRecord): boolean {
  const step = record.steps['restore-verify'];
  if (step.status !== 'running') return false;
  const needed = stepById('restore-verify').criteria.filter((c) => c.id !== 'report' && c.id !== 'production-ready' && c.condition === undefined);
  return needed.every((c) => step.criteria[c.id]?.state === 'met') && step.criteria['production-ready']?.state === 'met';
}
