// Step 9 (Restore & Verify): deploy from nothing, restore the recorded backup with the repo's
// restore playbook (other services' restores off), health, the verify script's fingerprint
// against Step 5's, Step 2's external probes again; RTO (wipe end → verified) and RPO (backup
// time → wipe) graded against the targets.

import type { MetricId } from '../../../core/targets';
import { pending, type PlannedAction, type StepPlan } from '../action';
import { controller, othersOff, playbook, type PlanContext } from '../planContext';
import { fingerprintDifferences, fingerprintSummary, parseFingerprint } from '../probeParsers';
import { deployAction, endedText, healthAction, lastError, playbookRan, runningAction, succeeded, vantageDnsAction, vantageHttpsAction, vantageTlsAction } from '../sharedActions';

const RTO_LIMIT_S = 30 * 60;
const RPO_LIMIT_S = 24 * 3600;
const EXTERNAL_PROBES = ['external-https', 'external-tls', 'external-dns'];

export function restoreVerifyPlan(context: PlanContext, now: () => Date): StepPlan {
  const { record, facts } = context;
  const backup = record.backup;
  const restoreFile = facts.restorePlaybook ?? 'playbooks/restore-infrastructure.yml';
  const expected = facts.expectedStatus;
  // A missing backup or test data is the gate's to refuse (Step 9 needs Step 8, which needs both).
  const blocked = !facts.restorePlaybook ? 'The repo has no restore playbook (playbooks/restore-infrastructure.yml).' : undefined;
  const actions: PlannedAction[] = [
      deployAction(context, 'deploy', 'Deploy the service from nothing', undefined, 'deployMs'),
      runningAction(context, 'running', ['container-restored'], 'The container runs again (pct status)'),
      {
        id: 'restore',
        title: `Restore backup ${backup?.timestamp ?? pending('backup timestamp')} (${restoreFile}, ${facts.name} only)`,
        target: 'local',
        ansible: true,
        command: () => playbook(context, restoreFile, [`restore_backup_timestamp=${backup?.timestamp ?? pending('backup timestamp')}`, ...othersOff(context, 'restore')]),
        judge: (outcome) => {
          const { ok, summary } = playbookRan(outcome);
          const evidence = `${restoreFile} -e restore_backup_timestamp=${backup?.timestamp}: ${endedText(outcome)}${summary ? `; changed=${summary.changed}` : '; no results from Ansible'}`;
          return { criteria: [{ id: 'data-restored', met: ok, evidence }], ...(ok ? {} : { stop: `${evidence}${lastError(outcome)}` }) };
        },
      },
      healthAction(context, 'health', ['https-access'], 'The restored service answers'),
      {
        id: 'verify',
        title: `Verify the restored data against Step 5 (${facts.verifyScript})`,
        target: 'local',
        command: () => controller(context, [`./${facts.verifyScript ?? 'scripts/verify-testdata.sh'}`]),
        judge: (outcome) => {
          const after = parseFingerprint(outcome.result.stdout);
          const before = record.testData?.fingerprint ?? {};
          const differences = after ? fingerprintDifferences(before, after) : ['the verify script printed no fingerprint'];
          const met = succeeded(outcome) && differences.length === 0;
          const evidence = met ? `same as Step 5: ${fingerprintSummary(before)} (counts, sizes and checksums)` : `${endedText(outcome)}; ${differences.join('; ')}`;
          return { criteria: [{ id: 'test-data-matches', met, evidence }], figures: { restored: after ? JSON.stringify(after) : '' } };
        },
      },
      vantageHttpsAction(context, 'external-https', (status, evidence) => [{ id: 'https-access', met: status === expected, evidence }]),
      vantageTlsAction(context, 'external-tls', 'tls-ok', now),
      vantageDnsAction(context, 'external-dns', 'dns-ok', 'external-https'),
  ];
  return {
    step: 'restore-verify',
    ...(blocked ? { blocked } : {}),
    actions: actions.map((action) => (action.id.startsWith('external-') ? externalOnly(action) : action)),
    finish: (figures) => {
      const verifiedAt = now().getTime();
      const wipedAt = Date.parse(record.steps.wipe.finishedAt ?? '');
      const takenAt = Date.parse(backup?.takenAt ?? '');
      const passed = EXTERNAL_PROBES.filter((id) => figures[`${id}.passed`] === 1).length;
      const success = Math.round((passed / EXTERNAL_PROBES.length) * 100);
      const rto = Math.round((verifiedAt - wipedAt) / 1000);
      const rpo = Math.round((wipedAt - takenAt) / 1000);
      const metrics: { id: MetricId; value: number }[] = [{ id: 'external-test-success', value: success }];
      const criteria = [{ id: 'external-tests', met: passed === EXTERNAL_PROBES.length, evidence: `${passed} of ${EXTERNAL_PROBES.length} external probes passed (HTTPS, TLS, DNS)` }];
      if (Number.isFinite(rto) && rto >= 0) {
        metrics.push({ id: 'rto', value: rto });
        criteria.push({ id: 'rto', met: rto < RTO_LIMIT_S, evidence: `wipe ended ${record.steps.wipe.finishedAt}; verified ${new Date(verifiedAt).toISOString()}: ${rto} s` });
      }
      if (Number.isFinite(rpo) && rpo >= 0) {
        metrics.push({ id: 'rpo', value: rpo });
        criteria.push({ id: 'rpo', met: rpo < RPO_LIMIT_S, evidence: `backup taken ${backup?.takenAt}; wipe ended ${record.steps.wipe.finishedAt}: ${rpo} s of data at risk` });
      }
      return { metrics, criteria };
    },
  };
}

/**
 * Step 2's probes repeated: their verdicts count towards the external-tests metric instead of
 * criteria of their own (Step 9 has one criterion for all of them).
 */
function externalOnly(action: PlannedAction): PlannedAction {
  return {
    ...action,
    judge: (outcome, figures) => {
      const judged = action.judge(outcome, figures);
      const ok = (judged.criteria ?? []).every((c) => c.met) && (judged.criteria ?? []).length > 0;
      return { figures: { ...judged.figures, [`${action.id}.passed`]: ok ? 1 : 0, [`${action.id}.evidence`]: (judged.criteria ?? []).map((c) => c.evidence).join('; ') } };
    },
  };
}
