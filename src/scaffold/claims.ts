// Which container ids and IP addresses the repo already uses, and by whom: the services Certify
// knows, inventory hosts, role defaults, group_vars and the backup/restore entries. Read from the
// YAML texts as well as the model, because a service's address may be a template the model
// cannot resolve while the inventory states it plainly.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceRef } from '../core/findings';
import type { RepoModel } from '../core/service';
import { isIniInventory, isRoleDefaultsMain, repoFileKind, yamlDialectOf } from '../repo/layout';
import { parseYaml, type ParsedYaml } from '../yaml/parse';

export interface Claim {
  /** Who uses the value, for messages: "gitea (services/gitea.yml:5)". */
  by: string;
}

export interface RepoClaims {
  ids: Map<number, Claim>;
  /** Plain addresses (no /prefix). */
  ips: Map<string, Claim>;
  /** Container id and address stated together (a service, an inventory host, a role's defaults). */
  pairs: { id: number; ip: string }[];
  /** `network_prefix` from group_vars when it is three octets ("172.16.10"). */
  networkPrefix?: string;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/\d{1,2})?$/;
const PREFIX = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){2}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ID_KEY = /^(?:container_id|vmid|.+_container_id|.+_vmid)$/;
const IP_KEY = /^(?:ansible_host|ip_address|ip|.+_ip_address|.+_ip)$/;
/** Files that may claim a container id or address: YAML inventories, vars, role defaults, definitions. */
const scanned = (file: string): boolean => {
  if (isIniInventory(file)) return false;
  const kind = repoFileKind(file);
  return kind === 'inventory' || kind === 'vars' || kind === 'definition' || isRoleDefaultsMain(file);
};

export function collectClaims(model: RepoModel, texts: ReadonlyMap<string, string>): RepoClaims {
  const claims: RepoClaims = { ids: new Map(), ips: new Map(), pairs: [] };
  const claimId = (id: number, by: string): void => {
    if (Number.isInteger(id) && id >= 100 && !claims.ids.has(id)) claims.ids.set(id, { by });
  };
  const claimIp = (ip: string, by: string): void => {
    const plain = ip.trim().replace(/\/\d+$/, '');
    if (!claims.ips.has(plain)) claims.ips.set(plain, { by });
  };
  const pair = (id: number, ip: string): void => {
    const plain = ip.trim().replace(/\/\d+$/, '');
    if (!claims.pairs.some((p) => p.id === id && p.ip === plain)) claims.pairs.push({ id, ip: plain });
  };

  for (const service of model.services) {
    const { containerId, ipAddress } = service.facts;
    if (containerId?.kind === 'known') claimId(containerId.value, `${service.name} (${at(containerId.source)})`);
    if (ipAddress?.kind === 'known' && IPV4.test(ipAddress.value)) claimIp(ipAddress.value, `${service.name} (${at(ipAddress.source)})`);
    if (containerId?.kind === 'known' && ipAddress?.kind === 'known' && IPV4.test(ipAddress.value)) pair(containerId.value, ipAddress.value);
  }
  if (model.proxmoxHost?.address && IPV4.test(model.proxmoxHost.address)) {
    claimIp(model.proxmoxHost.address, `the Proxmox host ${model.proxmoxHost.name} (${at(model.proxmoxHost.source)})`);
  }

  for (const file of [...texts.keys()].sort()) {
    if (!scanned(file)) continue;
    const parsed = parseYaml(file, texts.get(file) ?? '', yamlDialectOf(file));
    if (parsed.findings.length > 0 || !parsed.ast) continue;
    walk(parsed, parsed.ast.contents as Node | null, [], 0, { claimId, claimIp, pair });
    if (/group_vars\//.test(file)) {
      const prefix = parsed.entries.get('network_prefix')?.value;
      if (typeof prefix === 'string' && PREFIX.test(prefix.trim())) claims.networkPrefix ??= prefix.trim();
    }
  }
  return claims;
}

interface Sink {
  claimId(id: number, by: string): void;
  claimIp(ip: string, by: string): void;
  pair(id: number, ip: string): void;
}

/**
 * Every id-like key and IPv4 value in a YAML tree; a mapping holding exactly one of each is a
 * pair. `path` is the keys leading here, for messages ("gitea_container.container_id").
 */
function walk(file: ParsedYaml, node: Node | null, path: string[], depth: number, sink: Sink): void {
  if (node === null || depth > 32) return;
  const key = path[path.length - 1];
  if (isScalar(node)) {
    const by = `${path.slice(-2).join('.') || 'a value'} (${file.file}:${file.locate(node).line})`;
    if (key !== undefined && ID_KEY.test(key)) {
      const id = Number(node.value);
      if (typeof node.value !== 'boolean' && String(node.value).trim() !== '') sink.claimId(id, by);
    }
    if (typeof node.value === 'string' && IPV4.test(node.value.trim())) sink.claimIp(node.value, by);
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) walk(file, item as Node | null, path, depth + 1, sink);
    return;
  }
  if (!isMap(node)) return;
  const ids: number[] = [];
  const ips: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item.key)) continue;
    const name = String(item.key.value);
    const value = item.value as Node | null;
    walk(file, value, [...path, name], depth + 1, sink);
    if (!isScalar(value)) continue;
    if (ID_KEY.test(name) && Number.isInteger(Number(value.value))) ids.push(Number(value.value));
    if (IP_KEY.test(name) && typeof value.value === 'string' && IPV4.test(value.value.trim())) ips.push(value.value);
  }
  if (ids.length === 1 && ips.length === 1) sink.pair(ids[0], ips[0]);
}

function at(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}
