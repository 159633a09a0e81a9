// Backup/restore config written as a map keyed by service rather than a list:
// `restore_databases: {gitea: {...}}` (by service name) or `container_backups: {160: [...]}`
// (by container id). Which variables are such maps and what their keys name, decided once
// for discovery's coverage and the consistency rules alike. Pure.

/** Words that make a map data to back up or restore (a map of health checks is not). */
const DATA_WORDS = new Set(['database', 'databases', 'db', 'dbs', 'dump', 'dumps', 'backup', 'backups', 'restore', 'restores', 'container', 'containers', 'volume', 'volumes', 'data']);

/** `backup_containers`, `restore_databases`, `container_backups`: a variable of `side`'s role naming data. */
export function isDataVariable(variable: string, side: 'backup' | 'restore'): boolean {
  const rest = variable.toLowerCase().replace(new RegExp(`^${side}_`), '');
  return rest.split('_').some((word) => DATA_WORDS.has(word));
}

/** A container id: a whole number (one Proxmox would refuse is still compared, as the repo states it). */
export function asContainerId(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

/** A map key that can be a service's name. */
export function isNameKey(key: unknown): key is string {
  return typeof key === 'string' && /^[A-Za-z][\w-]*$/.test(key);
}

/**
 * What a data map's keys name: container ids when every key is one, names when every key
 * could be a service's; nothing for any other map.
 */
export function dataMapKeys(keys: readonly unknown[]): { ids: number[] } | { names: string[] } | undefined {
  if (keys.length === 0) return undefined;
  const ids = keys.map(asContainerId);
  if (ids.every((id) => id !== undefined)) return { ids: ids as number[] };
  if (keys.every(isNameKey)) return { names: keys as string[] };
  return undefined;
}
