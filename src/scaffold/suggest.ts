// Suggests a container id and address for a new service that continue what the repo does.
//
// Rules (in this order):
//  1. Id: the first free id after the repo's largest block of consecutive ids in use (ties: the
//     highest block). Homelabs group services by decade (150 databases, 160-162 apps, 170
//     monitoring), and the busiest group is where a new service most likely belongs:
//     150,160,161,162,170 → 163. No ids at all → 100, Proxmox's first guest id.
//  2. Network: group_vars' `network_prefix` when it is three octets, else the /24 most of the
//     repo's containers use. None → no address is suggested ('').
//  3. Address: when at least two containers pair id and address with one fixed offset
//     (160 → .60, 162 → .62: last octet = id − 100), the id's own address, moving to the next
//     id whose address is free too. Otherwise the first free last octet after the highest in use
//     (2–254).
// "In use" means stated anywhere: a service, an inventory host, role defaults, group_vars
// (gateway, DNS) or a backup/restore entry.

import type { RepoModel } from '../core/service';
import { collectClaims, type RepoClaims } from './claims';

export const MAX_CONTAINER_ID = 999_999_999;
const FIRST_CONTAINER_ID = 100;
const MIN_OCTET = 2;
const MAX_OCTET = 254;

export function suggestNext(model: RepoModel, texts: ReadonlyMap<string, string>): { containerId: number; ipAddress: string } {
  return suggestFromClaims(collectClaims(model, texts));
}

export function suggestFromClaims(claims: RepoClaims): { containerId: number; ipAddress: string } {
  const start = afterLargestBlock([...claims.ids.keys()]);
  const prefix = networkPrefix(claims);
  if (prefix === undefined) return { containerId: nextFreeId(claims, start), ipAddress: '' };

  const offset = addressOffset(claims, prefix);
  if (offset !== undefined) {
    for (let id = start; id <= MAX_CONTAINER_ID; id++) {
      const octet = id + offset;
      if (octet > MAX_OCTET) break;
      if (octet < MIN_OCTET) {
        id = MIN_OCTET - offset - 1; // jump to the first id with a usable octet
        continue;
      }
      if (claims.ids.has(id)) continue;
      const ip = `${prefix}.${octet}`;
      if (!claims.ips.has(ip)) return { containerId: id, ipAddress: ip };
    }
  }
  return { containerId: nextFreeId(claims, start), ipAddress: nextFreeAddress(claims, prefix) };
}

/** The first id after the largest run of consecutive ids (ties: the highest run). */
function afterLargestBlock(ids: number[]): number {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return FIRST_CONTAINER_ID;
  let best = { length: 0, end: sorted[0] };
  let runStart = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] !== sorted[i - 1] + 1) runStart = i;
    const length = i - runStart + 1;
    if (length >= best.length) best = { length, end: sorted[i] };
  }
  return Math.min(best.end + 1, MAX_CONTAINER_ID);
}

function nextFreeId(claims: RepoClaims, from: number): number {
  for (let id = from; id <= MAX_CONTAINER_ID; id++) if (!claims.ids.has(id)) return id;
  for (let id = FIRST_CONTAINER_ID; id < from; id++) if (!claims.ids.has(id)) return id;
  return from;
}

/** The repo's container network: network_prefix, else the /24 most paired addresses share. */
export function networkPrefix(claims: RepoClaims): string | undefined {
  if (claims.networkPrefix !== undefined) return claims.networkPrefix;
  const counts = new Map<string, number>();
  for (const { ip } of claims.pairs) {
    const prefix = ip.split('.').slice(0, 3).join('.');
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (best === undefined || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** last octet − id, when at least two pairs in the network agree on it and none disagrees. */
function addressOffset(claims: RepoClaims, prefix: string): number | undefined {
  const offsets = new Set<number>();
  const ids = new Set<number>();
  for (const { id, ip } of claims.pairs) {
    if (!ip.startsWith(`${prefix}.`)) continue;
    offsets.add(Number(ip.split('.')[3]) - id);
    ids.add(id);
  }
  return offsets.size === 1 && ids.size >= 2 ? [...offsets][0] : undefined;
}

function nextFreeAddress(claims: RepoClaims, prefix: string): string {
  const used = [...claims.ips.keys()].filter((ip) => ip.startsWith(`${prefix}.`)).map((ip) => Number(ip.split('.')[3]));
  const highest = used.length > 0 ? Math.max(...used) : MIN_OCTET - 1;
  const free = (octet: number): boolean => !claims.ips.has(`${prefix}.${octet}`);
  for (let octet = Math.max(highest + 1, MIN_OCTET); octet <= MAX_OCTET; octet++) if (free(octet)) return `${prefix}.${octet}`;
  for (let octet = MIN_OCTET; octet <= MAX_OCTET; octet++) if (free(octet)) return `${prefix}.${octet}`;
  return '';
}
