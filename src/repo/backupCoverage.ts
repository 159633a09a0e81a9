// Decides whether the backup_infrastructure and restore_infrastructure roles cover a service,
// from their defaults: a toggle named after it, variables named after it, list entries that
// name its container id, database, or paths, or the keys of a map by container id or service
// (read as the consistency rules read them: repo/dataMapKeys). The defaults are indexed once
// per model build, so each service's lookup costs the same with 5 services or 1,000.

import type { Coverage } from '../core/service';
import type { YamlEntry } from '../yaml/parse';
import { dataMapKeys, isDataVariable } from './dataMapKeys';


export interface ServiceKeys {
  /** Names the service goes by: its name and its variable prefix. */
  tokens: string[];
  containerId?: number;
  databases: string[];
}

/** What one defaults variable names, by kind, keeping the first value that named it for the detail. */
interface Mentions {
  containerIds: Map<number, number>;
  strings: Map<string, string>;
  pathParts: Map<string, string>;
}

interface IndexedVariable {
  /** Position in the file, so results keep the file's order. */
  order: number;
  variable: string;
  entry: YamlEntry;
  mentions: Mentions;
}

export interface CoverageIndex {
  prefix: 'backup' | 'restore';
  /** `<prefix>_<token>_enabled` → the toggle. */
  toggles: Map<string, IndexedVariable>;
  /** Every run of `_`-separated name segments → variables whose name contains it. */
  bySegments: Map<string, IndexedVariable[]>;
  /** What values mention → the variables that mention it: container ids, strings, path parts. */
  byMention: Map<string | number, IndexedVariable[]>;
  /** Variables in file order. */
  variables: IndexedVariable[];
}

const MAX_DEPTH = 8;

export function indexCoverage(defaults: Map<string, YamlEntry>, prefix: 'backup' | 'restore'): CoverageIndex {
  const index: CoverageIndex = { prefix, toggles: new Map(), bySegments: new Map(), byMention: new Map(), variables: [] };
  const add = <K>(map: Map<K, IndexedVariable[]>, key: K, indexed: IndexedVariable): void => {
    const list = map.get(key) ?? [];
    if (list[list.length - 1] !== indexed) list.push(indexed);
    map.set(key, list);
  };
  for (const [variable, entry] of defaults) {
    const lower = variable.toLowerCase();
    const indexed: IndexedVariable = { order: index.variables.length, variable, entry, mentions: { containerIds: new Map(), strings: new Map(), pathParts: new Map() } };
    if (lower.startsWith(`${prefix}_`) && lower.endsWith('_enabled')) index.toggles.set(lower, indexed);
    const segments = lower.split('_');
    for (let start = 0; start < segments.length; start++) {
      for (let end = start + 1; end <= segments.length; end++) {
        add(index.bySegments, segments.slice(start, end).join('_'), indexed);
      }
    }
    collectMentions(entry.value, indexed.mentions, 0);
    if (isDataVariable(variable, prefix)) collectKeyMentions(entry.value, indexed.mentions);
    const { containerIds, strings, pathParts } = indexed.mentions;
    for (const key of [...containerIds.keys(), ...strings.keys(), ...pathParts.keys()]) add(index.byMention, key, indexed);
    index.variables.push(indexed);
  }
  return index;
}

export function coverageFromIndex(index: CoverageIndex, keys: ServiceKeys): Coverage {
  const coverage: Coverage = { entries: [] };
  const tokens = [...new Set(keys.tokens.map((token) => token.replace(/-/g, '_').toLowerCase()))];
  const toggles = new Set(tokens.map((token) => `${index.prefix}_${token}_enabled`));
  const named = new Set<IndexedVariable>(tokens.flatMap((token) => index.bySegments.get(token) ?? []));
  // Only variables that could name the service are looked at, in file order.
  const candidates = new Set<IndexedVariable>(named);
  for (const token of toggles) {
    const toggle = index.toggles.get(token);
    if (toggle) candidates.add(toggle);
  }
  const mentionKeys: (string | number)[] = [...tokens, ...keys.databases, ...(keys.containerId !== undefined ? [keys.containerId] : [])];
  for (const key of mentionKeys) for (const indexed of index.byMention.get(key) ?? []) candidates.add(indexed);
  const ordered = [...candidates].sort((a, b) => a.order - b.order);
  for (const indexed of ordered) {
    const { variable, entry } = indexed;
    if (toggles.has(variable.toLowerCase())) {
      const enabled = toBoolean(entry.value);
      coverage.toggle = { variable, enabled, source: entry.source };
      if (enabled === true) coverage.entries.push({ variable, detail: 'enabled', source: entry.source });
      continue;
    }
    if (named.has(indexed)) {
      coverage.entries.push({ variable, detail: 'named after the service', source: entry.source });
      continue;
    }
    const detail = mentionDetail(indexed.mentions, tokens, keys);
    if (detail) coverage.entries.push({ variable, detail, source: entry.source });
  }
  return coverage;
}

/** One-off coverage without an index (tests and callers with a single service). */
export function coverageOf(defaults: Map<string, YamlEntry>, prefix: 'backup' | 'restore', keys: ServiceKeys): Coverage {
  return coverageFromIndex(indexCoverage(defaults, prefix), keys);
}

/** Ansible's truthiness for toggles; a template cannot be decided statically. */
function toBoolean(value: unknown): boolean | 'unresolved' {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (/\{\{|\{%/.test(value)) return 'unresolved';
    return ['true', 'yes', 'on', '1'].includes(value.trim().toLowerCase());
  }
  if (typeof value === 'number') return value !== 0;
  return false;
}

function collectMentions(value: unknown, mentions: Mentions, depth: number): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (!mentions.strings.has(value)) mentions.strings.set(value, value);
    if (!mentions.strings.has(lower)) mentions.strings.set(lower, value);
    // A path names a service by a segment: /opt/<svc>/data, /etc/<svc>.conf.
    if (lower.includes('/')) {
      for (const segment of lower.split('/').slice(1)) {
        for (const part of [segment, segment.split('.')[0]]) if (part && !mentions.pathParts.has(part)) mentions.pathParts.set(part, value);
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectMentions(item, mentions, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const id = Number(record.container_id ?? record.vmid);
    if (Number.isInteger(id) && !mentions.containerIds.has(id)) mentions.containerIds.set(id, id);
    for (const item of Object.values(record)) collectMentions(item, mentions, depth + 1);
  }
}

/** A map by container id names each id by its key; a map by service, each name. */
function collectKeyMentions(value: unknown, mentions: Mentions): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const keyed = dataMapKeys(Object.keys(value));
  if (keyed && 'ids' in keyed) for (const id of keyed.ids) if (!mentions.containerIds.has(id)) mentions.containerIds.set(id, id);
  if (keyed && 'names' in keyed) {
    for (const name of keyed.names) for (const text of [name, name.toLowerCase()]) if (!mentions.strings.has(text)) mentions.strings.set(text, name);
  }
}

/** How a variable's value names the service, or undefined. */
function mentionDetail(mentions: Mentions, tokens: string[], keys: ServiceKeys): string | undefined {
  if (keys.containerId !== undefined && mentions.containerIds.has(keys.containerId)) return `container ${keys.containerId}`;
  for (const database of keys.databases) if (mentions.strings.has(database)) return `database ${database}`;
  for (const token of tokens) {
    const named = mentions.strings.get(token);
    if (named !== undefined && named.toLowerCase() === token) return `names ${named}`;
  }
  for (const token of tokens) {
    const path = mentions.pathParts.get(token);
    if (path !== undefined) return `path ${path}`;
  }
  return undefined;
}
