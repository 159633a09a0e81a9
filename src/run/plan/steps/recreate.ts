// Step 3 (Recreate): delete the container (never a protected one), prove it is gone, deploy
// again timed, health, then a second deploy whose changes are read from Ansible's own results:
// changed=0 is idempotent, anything else names the tasks that changed, no results fails.

import { judgeIdempotence } from '../../ansible/idempotence';
import type { PlannedAction, StepPlan } from '../action';
import { parsePctConfig } from '../probeParsers';
import { pct, type PlanContext } from '../planContext';
import { deployAction, endedText, healthAction, lastError, succeeded, vantageHttpsAction } from '../sharedActions';
import { containerGoneAction } from './containerGone';

/** The workflow: "Deployment time < 10 minutes". */
const DEPLOY_LIMIT_S = 600;

export function recreatePlan(context: PlanContext): StepPlan {
  const vmid = context.facts.containerId;
  const expected = context.facts.expectedStatus;
  const blocked = vmid === undefined ? `${context.facts.name} has no container id.` : !context.facts.deployPlaybook ? `${context.facts.name} has no deploy playbook.` : undefined;
  return {
    step: 'recreate',
    ...(blocked ? { blocked } : {}),
    actions: [
      protectionAction(context),
      {
        id: 'delete',
        title: `Delete container ${vmid} (pct destroy --force)`,
        target: 'proxmox',
        destructive: { containerId: vmid ?? 0, what: `delete container ${vmid} (${context.facts.name}) and rebuild it from ${context.facts.deployPlaybook}` },
        command: () => pct('destroy', vmid ?? '<container id>', '--force', 1),
        judge: (outcome) => (succeeded(outcome) ? {} : { stop: `pct destroy ${vmid} failed (${endedText(outcome)})${lastError(outcome)}` }),
      },
      containerGoneAction(context, 'gone', 'container-deleted'),
      deployAction(context, 'redeploy', 'Deploy again from nothing (timed)', 'recreated', 'deployMs'),
      healthAction(context, 'health', ['functional'], 'The recreated service answers'),
      {
        ...deployAction(context, 'second-run', 'Deploy a second time: nothing may change', undefined, 'secondRunMs'),
        judge: (outcome) => {
          if (!outcome.ansible) {
            return { criteria: [{ id: 'idempotent', met: false, evidence: `no results from Ansible (${endedText(outcome)}): idempotence cannot be shown` }] };
          }
          const verdict = judgeIdempotence(outcome.ansible);
          return {
            criteria: [{ id: 'idempotent', met: verdict.passed && succeeded(outcome), evidence: verdict.summary }],
            ...(verdict.problem === undefined ? { metrics: [{ id: 'idempotency' as const, value: verdict.changed }] } : {}),
            figures: { 'second-run.changed': verdict.changed },
          };
        },
      },
      vantageHttpsAction(context, 'external', (status, evidence) => [{ id: 'external-access', met: status === expected, evidence }]),
    ],
    finish: (figures) => {
      const seconds = Math.round(Number(figures.deployMs ?? NaN) / 1000);
      if (!Number.isFinite(seconds)) return {};
      return {
        metrics: [{ id: 'deploy-time', value: seconds }],
        criteria: [
          { id: 'deploy-time', met: seconds < DEPLOY_LIMIT_S, evidence: `deployed from nothing in ${seconds} s` },
          // Certify deleted and rebuilt it with no one's hands on it: the run is the proof.
          { id: 'no-manual-steps', met: true, evidence: `container ${vmid} deleted and rebuilt by ${context.facts.deployPlaybook} alone` },
        ],
      };
    },
  };
}

/** Reads the container's config first: a protected container is never deleted. */
export function protectionAction(context: PlanContext): PlannedAction {
  const vmid = context.facts.containerId;
  return {
    id: 'protection',
    title: `Container ${vmid} is not protected (pct config)`,
    target: 'proxmox',
    command: () => pct('config', vmid ?? '<container id>'),
    judge: (outcome) => {
      if (!succeeded(outcome)) return { stop: `pct config ${vmid} failed (${endedText(outcome)})${lastError(outcome)}` };
      const config = parsePctConfig(outcome.result.stdout);
      if (config.protection === '1') {
        return { stop: `Container ${vmid} is protected (protection: 1). Certify never deletes a protected container; remove the flag yourself (pct set ${vmid} --protection 0) if this is really the one to delete.` };
      }
      return { figures: { hostname: config.hostname ?? '' } };
    },
  };
}

