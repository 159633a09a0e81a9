// Infers a service's facts (container id, hostname, IP, port, URL) from the defaults of the
// role that deploys it, following the repo convention `<prefix>_container_id`, `<prefix>_ip_address`…

import type { Finding } from '../core/findings';
import type { Fact, ServiceFacts } from '../core/service';
import { maskUrlCredentials, SECRET_MARK } from '../core/urlCredentials';
import { isTemplate, resolveTemplate } from './jinja';
import type { ScopedVar, VarScope } from './varScope';
import { isProxmoxVmid, refusedVmid, VMID_MAX, VMID_MIN } from './refusedValues';

/** Suffixes per fact, most conventional first. */
const SUFFIXES = {
  containerId: ['container_id', 'vmid', 'ct_id'],
  hostname: ['hostname'],
  ipAddress: ['ip_address', 'ip'],
  servicePort: ['service_port', 'port', 'http_port'],
  externalUrl: ['external_url', 'url'],
  domain: ['domain', 'fqdn'],
  database: ['db_name', 'database', 'db'],
} as const;

export interface RoleFacts {
  prefix?: string;
  facts: ServiceFacts;
  /** Database names the service owns (for matching backup coverage). */
  databases: string[];
  findings: Finding[];
}

/**
 * Picks the variable prefix for a service: the one named after the service or its role when
 * such a `<prefix>_container_id` exists, else the only prefix that has one.
 */
export function choosePrefix(serviceName: string, roleName: string, names: string[]): string | undefined {
  const candidates = new Set<string>();
  for (const name of names) {
    for (const suffix of SUFFIXES.containerId) {
      if (name.endsWith(`_${suffix}`)) candidates.add(name.slice(0, -suffix.length - 1));
    }
  }
  const preferred = [serviceName.replace(/-/g, '_'), roleName.replace(/_api$/, ''), roleName];
  for (const prefix of preferred) if (candidates.has(prefix)) return prefix;
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

export function inferRoleFacts(serviceName: string, roleName: string, scope: VarScope): RoleFacts {
  const result: RoleFacts = { facts: {}, databases: [], findings: [] };
  const prefix = choosePrefix(serviceName, roleName, scope.roleDefaultNames());
  if (!prefix) return result;
  result.prefix = prefix;
  const vars = scope.withPrefix(prefix);
  const find = (suffixes: readonly string[]): ScopedVar | undefined => {
    for (const suffix of suffixes) {
      const found = vars.get(suffix);
      if (found !== undefined && found.value !== null && found.value !== undefined) return found;
    }
    return undefined;
  };

  result.facts.containerId = containerIdFact(find(SUFFIXES.containerId), scope, result.findings);
  result.facts.hostname = stringFact(find(SUFFIXES.hostname), scope);
  result.facts.ipAddress = stringFact(find(SUFFIXES.ipAddress), scope);
  result.facts.servicePort = numberFact(find(SUFFIXES.servicePort), scope, result.findings, 'port', 1, 65_535);
  const url = stringFact(find(SUFFIXES.externalUrl), scope);
  const domain = stringFact(find(SUFFIXES.domain), scope);
  result.facts.externalUrl = url ?? (domain?.kind === 'known' ? { ...domain, value: withScheme(domain.value) } : domain);

  const database = stringFact(find(SUFFIXES.database), scope);
  if (database?.kind === 'known') result.databases.push(database.value);
  for (const [key, fact] of Object.entries(result.facts)) if (fact === undefined) delete result.facts[key as keyof ServiceFacts];
  return result;
}

function withScheme(domain: string): string {
  return /^[a-z]+:\/\//i.test(domain) ? domain : `https://${domain}`;
}

export function stringFact(entry: ScopedVar | undefined, scope: VarScope): Fact<string> | undefined {
  if (!entry) return undefined;
  const { value, source, origin } = entry;
  // A vault variable is a fact Certify cannot state: shown as the mark, never as its value.
  if (entry.secret) return { kind: 'unresolved', expression: SECRET_MARK, origin, source };
  if (typeof value === 'number') return { kind: 'known', value: String(value), origin, source };
  if (typeof value !== 'string') return undefined;
  if (!isTemplate(value)) return { kind: 'known', value, origin, source };
  const resolved = resolveTemplate(value, scope.lookup);
  return resolved.resolved
    ? { kind: 'known', value: resolved.value, origin, source, template: value }
    : { kind: 'unresolved', expression: value, origin, source };
}

/**
 * A whole number Proxmox refuses as a VMID is still the id the repo states: kept, so the
 * backup and definition comparisons still see it, and flagged as an error.
 */
function containerIdFact(entry: ScopedVar | undefined, scope: VarScope, findings: Finding[]): Fact<number> | undefined {
  const text = stringFact(entry, scope);
  if (entry && text?.kind === 'known' && /^[+-]?\d+$/.test(text.value.trim())) {
    const value = Number(text.value);
    if (!isProxmoxVmid(value)) {
      findings.push(refusedVmid(value, entry.source, 'discovery/refused-by-proxmox'));
      return { ...text, value };
    }
  }
  return numberFact(entry, scope, findings, 'container id', VMID_MIN, VMID_MAX);
}

function numberFact(
  entry: ScopedVar | undefined,
  scope: VarScope,
  findings: Finding[],
  what: string,
  min: number,
  max: number,
): Fact<number> | undefined {
  const text = stringFact(entry, scope);
  if (!entry || !text) return undefined;
  if (text.kind === 'unresolved') return text;
  const value = Number(text.value);
  if (Number.isInteger(value) && value >= min && value <= max) return { ...text, value };
  findings.push({
    ...entry.source,
    ruleId: 'discovery/invalid-value',
    severity: 'warning',
    message: `${maskUrlCredentials(JSON.stringify(text.value))} is not a valid ${what} (a whole number from ${min} to ${max}); Certify ignores it.`,
  });
  return undefined;
}

