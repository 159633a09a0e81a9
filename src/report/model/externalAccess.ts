// External access: what the outside probes found — Step 2's, Step 3's after the rebuild, and
// Step 9's after the restore (each probe's own verdict when the run kept it).

import type { CertificationRecord, CriterionState } from '../../core/record';
import type { StepId } from '../../core/steps';
import type { ExternalCheck } from './reportTypes';

const CRITERIA: ReadonlyArray<readonly [StepId, string, string]> = [
  ['test-external', 'https-access', 'HTTPS'],
  ['test-external', 'responds', 'HTTP response'],
  ['test-external', 'tls-valid', 'TLS certificate'],
  ['test-external', 'dns-external', 'DNS'],
  ['test-external', 'external-service', 'External testing service'],
  ['test-external', 'mobile-data', 'Mobile data test'],
  ['recreate', 'external-access', 'External access after recreate'],
  ['restore-verify', 'https-access', 'HTTPS after restore'],
  ['restore-verify', 'external-tests', 'External tests after restore'],
];

/** Step 9's repeated Step 2 probes: the action id and how the report names it. */
const RESTORE_PROBES: ReadonlyArray<readonly [string, string]> = [
  ['external-https', 'HTTPS from outside after restore'],
  ['external-tls', 'TLS certificate after restore'],
  ['external-dns', 'DNS after restore'],
];

export function externalAccess(record: CertificationRecord): ExternalCheck[] {
  const checks: ExternalCheck[] = CRITERIA.map(([step, criterion, label]) => {
    const state = record.steps[step].criteria[criterion];
    const evidence = state?.evidence?.[0];
    return {
      step,
      criterion,
      label,
      state: state?.state ?? 'unknown',
      ...(evidence ? { evidence: evidence.summary } : {}),
      ...(evidence?.ref !== undefined ? { ref: evidence.ref } : {}),
    };
  });
  // Only while Step 9's external criterion stands: a restarted step clears it, and the old probes with it.
  if (record.steps['restore-verify'].criteria['external-tests'] === undefined) return checks;
  const run = record.steps['restore-verify'].runs.at(-1);
  for (const [id, label] of RESTORE_PROBES) {
    const action = run?.actions.find((a) => a.id === id);
    const passed = action?.figures?.[`${id}.passed`];
    if (!action || passed === undefined) continue;
    const evidence = action.figures?.[`${id}.evidence`];
    const state: CriterionState = passed === 1 ? 'met' : 'not-met';
    checks.push({
      step: 'restore-verify',
      criterion: 'external-tests',
      label,
      state,
      ...(evidence !== undefined && evidence !== '' ? { evidence: String(evidence) } : {}),
      ...(action.transcript !== undefined ? { ref: action.transcript } : {}),
    });
  }
  return checks;
}
