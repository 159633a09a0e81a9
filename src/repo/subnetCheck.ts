// Flags a container address outside the network the repo itself states for it. Only where the
// files make it certain: the site's `network_prefix` (three octets, narrowed by `network_cidr`
// when that is wider than /24), or an address written with its own /prefix next to a gateway
// stated for the same container. Anything less certain says nothing.

import type { Finding, SourceRef } from '../core/findings';
import type { Fact } from '../core/service';
import { stringFact } from './roleFacts';
import type { VarScope } from './varScope';

interface Ipv4 {
  address: number;
  /** The /prefix written after the address, if any. */
  bits?: number;
}

const OWN_NETWORK = ['network_prefix', 'network', 'bridge', 'gateway', 'gw'];

export function subnetFindings(service: string, ip: Fact<string> | undefined, scope: VarScope, prefix: string | undefined): Finding[] {
  if (ip?.kind !== 'known') return [];
  const parsed = parseIpv4(ip.value);
  if (!parsed) return [];
  // A container stating its own network or gateway may live elsewhere than the site's network.
  const ownNetwork = prefix !== undefined && OWN_NETWORK.some((suffix) => scope.get(`${prefix}_${suffix}`) !== undefined);
  const outside = (ownNetwork ? undefined : outsideNetworkPrefix(service, ip, parsed, scope)) ?? unreachableGateway(service, ip, parsed, scope, prefix);
  return outside ? [outside] : [];
}

/** `network_prefix: "172.16.10"` names a /24 (or, with a wider `network_cidr`, that network). */
function outsideNetworkPrefix(service: string, ip: Fact<string> & { kind: 'known' }, parsed: Ipv4, scope: VarScope): Finding | undefined {
  const stated = known(scope, 'network_prefix');
  const octets = stated?.value.split('.');
  if (!stated || octets?.length !== 3 || !octets.every(isOctet)) return undefined;
  const cidr = known(scope, 'network_cidr');
  const cidrBits = cidr && /^\d+$/.test(cidr.value) ? Number(cidr.value) : undefined;
  if (cidrBits !== undefined && cidrBits > 32) return undefined;
  // A narrower network_cidr (/25…) lies inside the /24 the prefix names: outside the /24 is outside it too.
  const bits = Math.min(cidrBits ?? 24, 24);
  const network = (octets.reduce((sum, octet) => sum * 256 + Number(octet), 0) * 256) >>> 0;
  if (sameNetwork(parsed.address, network, bits)) return undefined;
  const named = `${formatIpv4(masked(network, bits))}/${bits}`;
  return finding(
    ip.source,
    `${service}: ${ip.value} (${where(ip.source)}) is outside ${named}, the network network_prefix "${stated.value}" states (${where(stated.source)}); use an address in ${named}.`,
  );
}

/** An address written with its /prefix, and a gateway outside that network: the container cannot reach it. */
function unreachableGateway(
  service: string,
  ip: Fact<string> & { kind: 'known' },
  parsed: Ipv4,
  scope: VarScope,
  prefix: string | undefined,
): Finding | undefined {
  if (parsed.bits === undefined) return undefined;
  // The container's own gateway wins over the site's, as the role would use it.
  const names = [...(prefix ? [`${prefix}_gateway`, `${prefix}_gw`] : []), 'network_gateway'];
  for (const name of names) {
    const gateway = known(scope, name);
    if (!gateway) continue;
    const address = parseIpv4(gateway.value);
    if (!address || address.bits !== undefined) return undefined;
    if (sameNetwork(parsed.address, address.address, parsed.bits)) return undefined;
    const named = `${formatIpv4(masked(parsed.address, parsed.bits))}/${parsed.bits}`;
    return finding(
      ip.source,
      `${service}: ${ip.value} (${where(ip.source)}) is in ${named}, but its gateway ${name} ${gateway.value} (${where(gateway.source)}) is not; put both in one network.`,
    );
  }
  return undefined;
}

function known(scope: VarScope, name: string): { value: string; source: SourceRef } | undefined {
  const fact = stringFact(scope.get(name), scope);
  return fact?.kind === 'known' ? { value: fact.value.trim(), source: fact.source } : undefined;
}

function finding(at: SourceRef, message: string): Finding {
  return { ...at, ruleId: 'discovery/ip-outside-subnet', severity: 'error', message };
}

function parseIpv4(text: string): Ipv4 | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5);
  if (!octets.every(isOctet)) return undefined;
  const bits = match[5] === undefined ? undefined : Number(match[5]);
  if (bits !== undefined && bits > 32) return undefined;
  return { address: octets.reduce((sum, octet) => sum * 256 + Number(octet), 0) >>> 0, bits };
}

function isOctet(text: string): boolean {
  return /^\d{1,3}$/.test(text) && Number(text) <= 255;
}

function masked(address: number, bits: number): number {
  return bits === 0 ? 0 : (address & (~0 << (32 - bits))) >>> 0;
}

function sameNetwork(a: number, b: number, bits: number): boolean {
  return masked(a, bits) === masked(b, bits);
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

function where(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}
