// Step 1 (Implement): the deploy playbook runs without errors, timed; the container runs and is
// set to start on boot; the health URL answers. Role files and the API module are static checks.

import type { PlannedAction, StepPlan } from '../action';
import { parsePctConfig } from '../probeParsers';
import { pct, type PlanContext } from '../planContext';
import { deployAction, endedText, healthAction, lastError, runningAction, succeeded } from '../sharedActions';

/** What the Proxmox API says of the container: the same answer the deploy's proxmox module relies on. */
function apiStatusAction(context: PlanContext, node: string): PlannedAction {
  const vmid = context.facts.containerId ?? '<container id>';
  return {
    id: 'api-status',
    title: `The Proxmox API reports container ${vmid} running`,
    target: 'api',
    command: () => ({ argv: ['GET', `/nodes/${node}/lxc/${vmid}/status/current`], timeoutMs: 30_000 }),
    judge: (outcome) => {
      let status: string | undefined;
      try {
        status = (JSON.parse(outcome.result.stdout) as { data?: { status?: string } }).data?.status;
      } catch {
        status = undefined;
      }
      const ok = succeeded(outcome) && status === 'running';
      return ok
        ? { figures: { 'api.status': status ?? '' } }
        : { stop: `The Proxmox API does not report container ${vmid} running (${status ?? endedText(outcome)}${lastError(outcome)}).` };
    },
  };
}

export function implementPlan(context: PlanContext): StepPlan {
  const vmid = context.facts.containerId;
  return {
    step: 'implement',
    ...(context.facts.deployPlaybook ? {} : { blocked: `${context.facts.name} has no deploy playbook (playbooks/${context.facts.name}-deploy.yml).` }),
    actions: [
      deployAction(context, 'deploy', 'Run the deploy playbook (timed)', 'playbook-runs', 'deployMs'),
      runningAction(context, 'running', []),
      ...(context.targets.api ? [apiStatusAction(context, context.targets.api.node)] : []),
      {
        id: 'onboot',
        title: 'The container starts with the host (pct config: onboot)',
        target: 'proxmox',
        command: () => pct('config', vmid ?? '<container id>'),
        judge: (outcome, figures) => {
          const config = parsePctConfig(outcome.result.stdout);
          const running = figures['running.status'] === 'running';
          const onboot = config.onboot === '1';
          const met = succeeded(outcome) && running && onboot;
          const evidence = succeeded(outcome)
            ? `container ${vmid}: ${running ? 'running' : `not running (${figures['running.status']})`}, onboot ${onboot ? '1' : 'not set'}`
            : `pct config ${vmid}: ${endedText(outcome)}`;
          return { criteria: [{ id: 'auto-start', met, evidence }] };
        },
      },
      healthAction(context, 'health', ['health-check']),
    ],
  };
}
