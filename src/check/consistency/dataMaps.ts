// Backup/restore config written as a map keyed by service rather than a list:
// `restore_databases: {gitea: {...}}` (by service name) or `container_backups: {160: [...]}`
// (by container id). Each entry names a service by its key, and may name it again inside
// (`name:`/`service:`, `container_id:`/`vmid:`), which is how a wrong id can be shown. Which
// maps count is decided in repo/dataMapKeys, so discovery's coverage reads them the same way.

import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Service } from '../../core/service';
import type { BackupSide } from './backupDefaults';
import { servicesByToken } from './backupMismatch';
import { asContainerId, dataMapKeys, isDataVariable } from '../../repo/dataMapKeys';

export interface MapEntry {
  variable: string;
  /** The key node: a service name or a container id. */
  key: Node;
  /** The container id the entry states: its key (id map) or its `container_id`/`vmid` field. */
  id?: { value: number; node: Node };
  /** The service name the entry states: its key (name map) or its `name`/`service` field. */
  name?: { value: string; node: Node };
}

/** The entries of every map keyed by service name or container id in the side's defaults. */
export function readDataMaps(side: BackupSide, services: readonly Service[]): MapEntry[] {
  const entries: MapEntry[] = [];
  const known = servicesByToken(services);
  for (const [variable, pair] of side.pairs) {
    if (!isMap(pair.value) || !isDataVariable(variable, side.side)) continue;
    const items = pair.value.items as Pair<Node, Node | null>[];
    const keyed = dataMapKeys(items.map((item) => (isScalar(item.key) ? item.key.value : undefined)));
    const byId = keyed !== undefined && 'ids' in keyed;
    // A map keyed by names counts only when one of them is a service's.
    const byName = keyed !== undefined && 'names' in keyed && keyed.names.some((key) => known.has(key.toLowerCase()));
    if (!byId && !byName) continue;
    for (const item of items) {
      const key = item.key as Node;
      const entry: MapEntry = { variable, key };
      const keyValue = (key as { value?: unknown }).value;
      if (byId) entry.id = { value: asContainerId(keyValue) as number, node: key };
      else entry.name = { value: String(keyValue), node: key };
      const fields = fieldsOf(item.value);
      if (fields) {
        const name = fields.get('name', true) ?? fields.get('service', true);
        if (!entry.name && isScalar(name) && typeof name.value === 'string') entry.name = { value: name.value, node: name };
        const id = fields.get('container_id', true) ?? fields.get('vmid', true);
        const idValue = isScalar(id) ? asContainerId(id.value) : undefined;
        if (!entry.id && id && idValue !== undefined) entry.id = { value: idValue, node: id as Node };
      }
      entries.push(entry);
    }
  }
  return entries;
}

/** The services the entries name, each by its container id first, then by its name (indexed once: linear in both). */
export function mappedServices(entries: readonly MapEntry[], services: readonly Service[]): Set<Service> {
  const mapped = new Set<Service>();
  if (entries.length === 0) return mapped;
  const byId = new Map<number, Service>();
  for (const service of services) if (service.facts.containerId?.kind === 'known' && !byId.has(service.facts.containerId.value)) byId.set(service.facts.containerId.value, service);
  const byName = servicesByToken(services);
  for (const entry of entries) {
    const service = (entry.id && byId.get(entry.id.value)) || (entry.name && byName.get(entry.name.value.toLowerCase()));
    if (service) mapped.add(service);
  }
  return mapped;
}

/** An entry's fields: its own map, or the first map of its list (`160: [{name: gitea, ...}]`). */
function fieldsOf(value: Node | null): YAMLMap | undefined {
  if (isMap(value)) return value;
  if (isSeq(value)) return value.items.find((item): item is YAMLMap => isMap(item));
  return undefined;
}
