// duplicate-container-id / duplicate-ip: two services that claim one Proxmox container id or
// one address would destroy or shadow each other on deploy; each claimant hears of the other.

import type { Finding, RuleInfo } from '../../core/findings';
import type { Fact, Service } from '../../core/service';
import { findingAt, where, type ConsistencyContext } from './context';

export const DUPLICATE_CONTAINER_ID: RuleInfo = {
  id: 'duplicate-container-id',
  severity: 'error',
  category: 'consistency',
  summary: 'Every service needs its own Proxmox container id; two services with one id overwrite each other.',
};

export const DUPLICATE_IP: RuleInfo = {
  id: 'duplicate-ip',
  severity: 'error',
  category: 'consistency',
  summary: 'Every service needs its own IP address; two containers with one address shadow each other.',
};

/** Other services named in one finding; the rest are counted. */
const MAX_OTHERS_NAMED = 5;

interface Claim {
  service: Service;
  fact: Fact<unknown> & { kind: 'known' };
}

export function checkDuplicates(ctx: ConsistencyContext): Finding[] {
  return [
    ...duplicates(ctx, DUPLICATE_CONTAINER_ID, (s) => s.facts.containerId, String, 'container id', 'a free container id'),
    // "10.0.0.5/24" and "10.0.0.5" are one address.
    ...duplicates(ctx, DUPLICATE_IP, (s) => s.facts.ipAddress, (v) => String(v).trim().replace(/\/\d+$/, ''), 'IP address', 'a free address'),
  ];
}

function duplicates(
  ctx: ConsistencyContext,
  rule: RuleInfo,
  factOf: (service: Service) => Fact<unknown> | undefined,
  key: (value: unknown) => string,
  what: string,
  remedy: string,
): Finding[] {
  const claims = new Map<string, Claim[]>();
  for (const service of ctx.model.services) {
    const fact = factOf(service);
    if (fact?.kind !== 'known') continue;
    const value = key(fact.value);
    if (value === '') continue;
    const group = claims.get(value);
    if (group) group.push({ service, fact });
    else claims.set(value, [{ service, fact }]);
  }
  const findings: Finding[] = [];
  for (const [value, group] of claims) {
    if (group.length < 2) continue;
    for (const claim of group) {
      // A few others by name: every finding naming every other service would grow with the square of them.
      const others: string[] = [];
      for (const other of group) {
        if (others.length === MAX_OTHERS_NAMED) break;
        if (other !== claim) others.push(`${other.service.name} (${where(other.fact.source)})`);
      }
      const unnamed = group.length - 1 - others.length;
      const more = unnamed > 0 ? ` and ${unnamed.toLocaleString('en-US')} more` : '';
      findings.push(
        findingAt(rule, ctx.spanOf(claim.fact.source), `${claim.service.name} has ${what} ${value}, as does ${others.join(', ')}${more}; give one of them ${remedy}.`),
      );
    }
  }
  return findings;
}
