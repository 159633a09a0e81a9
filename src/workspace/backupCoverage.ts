// Decides whether the backup_infrastructure and restore_infrastructure roles cover a service,
// from their defaults: a toggle named after it, variables named after it, or list entries
// that name its container id, database, or paths.

import type { Coverage } from '../core/service';
import type { YamlEntry } from './yamlText';

export const BACKUP_ROLE = 'backup_infrastructure';
export const RESTORE_ROLE = 'restore_infrastructure';

export interface ServiceKeys {
  /** Names the service goes by: its name and its variable prefix. */
  tokens: string[];
  containerId?: number;
  databases: string[];
}

export function coverageOf(defaults: Map<string, YamlEntry>, varPrefix: 'backup' | 'restore', keys: ServiceKeys): Coverage {
  const coverage: Coverage = { entries: [] };
  const tokens = [...new Set(keys.tokens.map((token) => token.replace(/-/g, '_').toLowerCase()))];
  for (const [variable, entry] of defaults) {
    const lower = variable.toLowerCase();
    const toggle = tokens.some((token) => lower === `${varPrefix}_${token}_enabled`);
    if (toggle) {
      const enabled = toBoolean(entry.value);
      coverage.toggle = { variable, enabled, source: entry.source };
      if (enabled === true) coverage.entries.push({ variable, detail: 'enabled', source: entry.source });
      continue;
    }
    const segments = lower.split('_');
    if (tokens.some((token) => containsSegments(segments, token.split('_')))) {
      coverage.entries.push({ variable, detail: 'named after the service', source: entry.source });
      continue;
    }
    const detail = mention(entry.value, tokens, keys, 0);
    if (detail) coverage.entries.push({ variable, detail, source: entry.source });
  }
  return coverage;
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

function containsSegments(segments: string[], wanted: string[]): boolean {
  for (let i = 0; i + wanted.length <= segments.length; i++) {
    if (wanted.every((part, j) => segments[i + j] === part)) return true;
  }
  return false;
}

/** Describes how a value names the service, or undefined. */
function mention(value: unknown, tokens: string[], keys: ServiceKeys, depth: number): string | undefined {
  if (depth > 8 || value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (keys.databases.includes(value)) return `database ${value}`;
    if (tokens.includes(lower)) return `names ${value}`;
    if (tokens.some((token) => new RegExp(`/${escape(token)}(/|\\.|$)`).test(lower))) return `path ${value}`;
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = mention(item, tokens, keys, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const id = Number(record.container_id ?? record.vmid);
    if (keys.containerId !== undefined && id === keys.containerId) return `container ${id}`;
    for (const item of Object.values(record)) {
      const found = mention(item, tokens, keys, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
