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

/**
 * Which node of the cluster holds the container, by the API's cluster-wide list. Certify runs
 * `pct` on one node (the inventory's proxmox_admin host): a container on another node would read
 * there as missing, so a run against the wrong node stops here, naming the right one.
 */
function clusterNodeAction(context: PlanContext, node: string): PlannedAction {
  const vmid = context.facts.containerId;
  return {
    id: 'api-node',
    title: `The cluster places container ${vmid ?? '<container id>'} on ${node}, where Certify runs pct`,
    target: 'api',
    command: () => ({ argv: ['GET', '/cluster/resources', 'type=vm'], timeoutMs: 30_000 }),
    judge: (outcome) => {
      if (!succeeded(outcome)) return { stop: `The Proxmox API did not list the cluster's guests (${endedText(outcome)}${lastError(outcome)}).` };
      const guest = vmid === undefined ? undefined : guestIn(outcome.result.stdout, vmid);
      if (!guest) return { stop: `The Proxmox API knows no container ${vmid} anywhere in the cluster after the deploy.` };
      if (guest.node !== node) {
        return {
          stop:
            `Container ${vmid} is on node ${guest.node}, but Certify runs pct on ${node} (${context.targets.proxmox.host}): ` +
            `point it at ${guest.node} (CERTIFY_PROXMOX_SSH=root@<${guest.node}'s address>, CERTIFY_PROXMOX_NODE=${guest.node}).`,
        };
      }
      return { figures: { 'api.node': guest.node } };
    },
  };
}

/** The entry of container `vmid` in a /cluster/resources answer ({data: [{vmid, node, type, …}]}). */
export function guestIn(body: string, vmid: number): { node: string; status?: string } | undefined {
  let data: unknown;
  try {
    data = (JSON.parse(body) as { data?: unknown }).data;
  } catch {
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  const entry = data.find((item) => typeof item === 'object' && item !== null && Number((item as { vmid?: unknown }).vmid) === vmid && (item as { type?: unknown }).type === 'lxc') as
    | { node?: unknown; status?: unknown }
    | undefined;
  if (!entry || typeof entry.node !== 'string') return undefined;
  return { node: entry.node, ...(typeof entry.status === 'string' ? { status: entry.status } : {}) };
}

export function implementPlan(context: PlanContext): StepPlan {
  const vmid = context.facts.containerId;
  return {
    step: 'implement',
    ...(context.facts.deployPlaybook ? {} : { blocked: `${context.facts.name} has no deploy playbook (playbooks/${context.facts.name}-deploy.yml).` }),
    actions: [
      deployAction(context, 'deploy', 'Run the deploy playbook (timed)', 'playbook-runs', 'deployMs'),
      ...(context.targets.api ? [clusterNodeAction(context, context.targets.api.node)] : []),
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
