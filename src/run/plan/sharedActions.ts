// Actions more than one step runs: the deploy playbook (timed), the container's state on the
// Proxmox host, the health URL from the controller, and the probes from the vantage host.

import { summarisePlaybook, type PlaybookSummary } from '../ansible/idempotence';
import type { ActionOutcome, CriterionVerdict, Figures, Judgement, PlannedAction } from './action';
import { controller, curlStatusArgv, pct, playbook, PROBE_TIMEOUT_MS, type PlanContext } from './planContext';
import { parseCurlStatus, parseDigAddresses, parseNotAfter, parsePctStatus } from './probeParsers';
import { healthUrl } from './serviceRunFacts';

/** One line: "exit 2 after 14.0 s", "timed out after 600 s", "could not start: …". */
export function endedText(outcome: ActionOutcome): string {
  const { result } = outcome;
  const seconds = `${(result.durationMs / 1000).toFixed(1)} s`;
  switch (result.ended) {
    case 'exited':
      return `exit ${result.exitCode} after ${seconds}`;
    case 'timeout':
      return `timed out after ${seconds}`;
    case 'cancelled':
      return `cancelled after ${seconds}`;
    case 'disconnected':
      return `connection lost after ${seconds}${result.problem ? `: ${result.problem}` : ''}`;
    default:
      return `could not start${result.problem ? `: ${result.problem}` : ''}`;
  }
}

export const succeeded = (outcome: ActionOutcome): boolean => outcome.result.ended === 'exited' && outcome.result.exitCode === 0;

/** An ansible-playbook run that exited 0 with no failed or unreachable host in Ansible's own results. */
export function playbookRan(outcome: ActionOutcome): { ok: boolean; summary?: PlaybookSummary } {
  const summary = outcome.ansible ? summarisePlaybook(outcome.ansible) : undefined;
  const ok = succeeded(outcome) && summary !== undefined && summary.failed === 0 && summary.unreachable === 0;
  return summary ? { ok, summary } : { ok };
}

/** The last stderr line, for a failure reason. */
export function lastError(outcome: ActionOutcome): string {
  const line = outcome.result.stderr.trim().split('\n').pop()?.trim();
  return line ? `: ${line.slice(0, 300)}` : '';
}

/**
 * The deploy playbook, timed. `criterion` is met when it ran without errors (exit 0 and no
 * failed or unreachable host in Ansible's own results); `figure` keeps the time in ms.
 */
export function deployAction(context: PlanContext, id: string, title: string, criterion: string | undefined, figure: string): PlannedAction {
  const file = context.facts.deployPlaybook ?? 'playbooks/<service>-deploy.yml';
  return {
    id,
    title,
    target: 'local',
    ansible: true,
    command: () => playbook(context, file),
    judge: (outcome) => {
      const { ok, summary } = playbookRan(outcome);
      const seen = summary ? `ok=${summary.ok} changed=${summary.changed} failed=${summary.failed} unreachable=${summary.unreachable}` : 'no results from Ansible';
      const evidence = `${file}: ${endedText(outcome)}; ${seen}`;
      const figures: Figures = { [figure]: outcome.result.durationMs };
      if (summary) figures[`${figure}.changed`] = summary.changed;
      return {
        criteria: criterion ? [{ id: criterion, met: ok, evidence }] : [],
        figures,
        ...(ok ? {} : { stop: `${file} did not run cleanly (${evidence})${lastError(outcome)}` }),
      };
    },
  };
}

/** `pct status <id>` on the Proxmox host; `criterion` met when it reports running. */
export function runningAction(context: PlanContext, id: string, criteria: readonly string[], title = 'The container runs (pct status)'): PlannedAction {
  const vmid = context.facts.containerId;
  return {
    id,
    title,
    target: 'proxmox',
    command: () => pct('status', vmid ?? '<container id>'),
    judge: (outcome) => {
      const status = parsePctStatus(outcome.result.stdout);
      const met = succeeded(outcome) && status === 'running';
      const evidence = `pct status ${vmid}: ${status ?? endedText(outcome)}`;
      return { criteria: criteria.map((c) => ({ id: c, met, evidence })), figures: { [`${id}.status`]: status ?? 'unknown' } };
    },
  };
}

/** The health URL from the controller; `criteria` met when it answers the expected status. */
export function healthAction(context: PlanContext, id: string, criteria: readonly string[], title = 'The health URL answers'): PlannedAction {
  const url = healthUrl(context.facts) ?? '<external url>';
  const expected = context.facts.expectedStatus;
  return {
    id,
    title: `${title} (${url} → ${expected})`,
    target: 'local',
    command: () => controller(context, curlStatusArgv(url), PROBE_TIMEOUT_MS),
    judge: (outcome) => {
      const answer = parseCurlStatus(outcome.result.stdout);
      const met = answer?.status === expected;
      const evidence = answer ? `${url} answered ${answer.status} from ${answer.remoteIp}` : `${url}: no answer (${endedText(outcome)}${lastError(outcome)})`;
      return { criteria: criteria.map((c) => ({ id: c, met, evidence })), figures: { [`${id}.status`]: answer?.status ?? 0 } };
    },
  };
}

/** The health URL from the vantage host, over HTTPS, trusting only what the vantage host trusts. */
export function vantageHttpsAction(context: PlanContext, id: string, verdict: (status: number | undefined, evidence: string) => CriterionVerdict[]): PlannedAction {
  const url = healthUrl(context.facts) ?? '<external url>';
  return {
    id,
    title: `HTTPS from the vantage host (${url})`,
    target: 'vantage',
    command: () => ({ argv: curlStatusArgv(url, context.targets.vantage?.caFile), timeoutMs: PROBE_TIMEOUT_MS }),
    judge: (outcome) => {
      const answer = parseCurlStatus(outcome.result.stdout);
      const evidence = answer
        ? `from ${context.targets.vantage?.ssh.host}: ${url} answered ${answer.status} (${answer.remoteIp})`
        : `from ${context.targets.vantage?.ssh.host}: ${url} failed (${endedText(outcome)}${lastError(outcome)})`;
      // The address it reached: what public DNS must answer when the definition states none.
      const reached = answer?.remoteIp ? { [`${id}.remoteIp`]: answer.remoteIp } : {};
      return { criteria: verdict(answer?.status, evidence), figures: { [`${id}.status`]: answer?.status ?? 0, ...reached } };
    },
  };
}

/** The certificate the vantage host is served, verified against its trust store, and its days to expiry. */
export function vantageTlsAction(context: PlanContext, id: string, criterion: string, now: () => Date): PlannedAction {
  const host = context.facts.dnsName ?? '<dns name>';
  const port = portOf(context.facts.externalUrl);
  const ca = context.targets.vantage?.caFile;
  const script =
    `echo | openssl s_client -connect "$1:$2" -servername "$1" -verify_return_error ${ca ? '-CAfile "$3"' : ''} 2>/dev/null ` +
    `| openssl x509 -noout -enddate -subject`;
  return {
    id,
    title: `TLS certificate of ${host} (verified, days to expiry)`,
    target: 'vantage',
    command: () => ({ argv: ['sh', '-c', script, 'certify-tls', host, String(port), ...(ca ? [ca] : [])], timeoutMs: PROBE_TIMEOUT_MS }),
    judge: (outcome) => {
      const notAfter = parseNotAfter(outcome.result.stdout);
      if (!succeeded(outcome) || !notAfter) {
        return { criteria: [{ id: criterion, met: false, evidence: `${host}:${port}: the certificate did not verify from the vantage host (${endedText(outcome)})` }] };
      }
      const days = Math.floor((notAfter.getTime() - now().getTime()) / 86_400_000);
      const met = days > 0;
      return {
        criteria: [{ id: criterion, met, evidence: `${host}:${port}: certificate trusted, valid until ${notAfter.toISOString().slice(0, 10)} (${days} days left)` }],
        figures: { 'tls.daysLeft': days },
      };
    },
  };
}

/** dig at each public resolver, from the vantage host; met when every one answers the expected address. */
/**
 * DNS of the service's name through each public resolver, from the vantage host. Every resolver
 * must answer the address public DNS should give: the one the definition states
 * (external.address), else the one the HTTPS probe from outside (action `httpsId`, earlier in
 * the same step) reached, else the service's own address. A homelab behind NAT is reached at its
 * router's public address, never at the container's private one: that is why the probe comes first.
 */
export function vantageDnsAction(context: PlanContext, id: string, criterion: string, httpsId: string): PlannedAction {
  const name = context.facts.dnsName ?? '<dns name>';
  const resolvers = context.targets.resolvers;
  const script = 'name=$1; shift; for r in "$@"; do echo "@$r"; dig +short +time=3 +tries=2 "@$r" "$name" A || echo "dig-failed $?"; done';
  return {
    id,
    title: `DNS of ${name} through ${resolvers.join(', ')}`,
    target: 'vantage',
    command: () => ({ argv: ['sh', '-c', script, 'certify-dns', name, ...resolvers], timeoutMs: PROBE_TIMEOUT_MS }),
    judge: (outcome, figures) => {
      const { address: expected, from } = expectedPublicAddress(context, figures[`${httpsId}.remoteIp`]);
      const answers = splitByResolver(outcome.result.stdout);
      const wrong = resolvers.filter((r) => !(answers.get(r) ?? []).includes(expected ?? '\u0000'));
      const seen = resolvers.map((r) => `${r} → ${(answers.get(r) ?? []).join(' ') || 'nothing'}`).join('; ');
      const met = resolvers.length > 0 && expected !== undefined && succeeded(outcome) && wrong.length === 0;
      const why = resolvers.length === 0 ? 'no public resolvers configured' : expected === undefined ? 'the service has no address to expect' : seen;
      return { criteria: [{ id: criterion, met, evidence: `${name} (expected ${expected ?? '?'}${from ? `, ${from}` : ''}): ${why}` }] };
    },
  };
}

/** The address public DNS must answer, and where that expectation comes from. */
export function expectedPublicAddress(context: PlanContext, reached: number | string | undefined): { address?: string; from?: string } {
  const stated = context.facts.publicAddress;
  if (stated !== undefined) return { address: stated, from: 'as the definition states (external.address)' };
  if (typeof reached === 'string' && reached !== '') return { address: reached, from: 'the address HTTPS from outside reached' };
  const own = context.facts.ipAddress;
  return own === undefined ? {} : { address: own, from: "the service's own address" };
}

function splitByResolver(stdout: string): Map<string, string[]> {
  const answers = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('@')) {
      current = line.slice(1).trim();
      answers.set(current, []);
    } else if (current) answers.get(current)?.push(...parseDigAddresses(line));
  }
  return answers;
}

function portOf(url: string | undefined): number {
  if (!url) return 443;
  try {
    const parsed = new URL(url);
    return parsed.port ? Number(parsed.port) : parsed.protocol === 'http:' ? 80 : 443;
  } catch {
    return 443;
  }
}

/** A judgement that only records figures. */
export const noted = (figures: Figures): Judgement => ({ figures });
