// Backup/restore config written as a map keyed by service rather than a list:
// `restore_databases: {gitea: {...}}` (by service name) or `container_backups: {160: [...]}`
// (by container id). Each entry names a service by its key, and may name it again inside
// (`name:`/`service:`, `container_id:`/`vmid:`), which is how a wrong id can be shown.

import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Service } from '../../core/service';
import type { BackupSide } from './backupDefaults';
import { servicesByToken } from './backupMismatch';

export interface MapEntry {
  variable: string;
  /** The key node: a service name or a container id. */
  key: Node;
  /** The container id the entry states: its key (id map) or its `container_id`/`vmid` field. */
  id?: { value: number; node: Node };
  /** The service name the entry states: its key (name map) or its `name`/`service` field. */
  name?: { value: string; node: Node };
}

/** Words that make a map data to back up or restore (a map of health checks is not). */
const DATA_WORDS = new Set(['database', 'databases', 'db', 'dbs', 'dump', 'dumps', 'backup', 'backups', 'restore', 'restores', 'container', 'containers', 'volume', 'volumes', 'data']);

/** The entries of every map keyed by service name or container id in the side's defaults. */
export function readDataMaps(side: BackupSide, services: readonly Service[]): MapEntry[] {
  const entries: MapEntry[] = [];
  const known = servicesByToken(services);
  for (const [variable, pair] of side.pairs) {
    if (!isMap(pair.value) || !isDataVariable(variable, side.side)) continue;
    const items = pair.value.items as Pair<Node, Node | null>[];
    const keys = items.map((item) => (isScalar(item.key) ? item.key.value : undefined));
    const byId = keys.length > 0 && keys.every((key) => asId(key) !== undefined);
    // A map keyed by names counts only when its keys are names and one of them is a service's.
    const byName = !byId && keys.length > 0 && keys.every((key) => typeof key === 'string' && /^[A-Za-z][\w-]*$/.test(key)) && keys.some((key) => known.has(String(key).toLowerCase()));
    if (!byId && !byName) continue;
    for (const item of items) {
      const key = item.key as Node;
      const entry: MapEntry = { variable, key };
      const keyValue = (key as { value?: unknown }).value;
      if (byId) entry.id = { value: asId(keyValue) as number, node: key };
      else entry.name = { value: String(keyValue), node: key };
      const fields = fieldsOf(item.value);
      if (fields) {
        const name = fields.get('name', true) ?? fields.get('service', true);
        if (!entry.name && isScalar(name) && typeof name.value === 'string') entry.name = { value: name.value, node: name };
        const id = fields.get('container_id', true) ?? fields.get('vmid', true);
        const idValue = isScalar(id) ? asId(id.value) : undefined;
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

function isDataVariable(variable: string, side: string): boolean {
  const rest = variable.toLowerCase().replace(new RegExp(`^${side}_`), '');
  return rest.split('_').some((word) => DATA_WORDS.has(word));
}

/** An entry's fields: its own map, or the first map of its list (`160: [{name: gitea, ...}]`). */
function fieldsOf(value: Node | null): YAMLMap | undefined {
  if (isMap(value)) return value;
  if (isSeq(value)) return value.items.find((item): item is YAMLMap => isMap(item));
  return undefined;
}

/** A container id: a whole number (one Proxmox would refuse is still compared, as the repo states it). */
function asId(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}
