// Ansible variables visible to a role, with where each was stated. group_vars override role
// defaults, as in Ansible's precedence, so a fact is read from the place that really wins.


import type { FactOrigin } from '../core/service';
import type { YamlEntry } from '../yaml/parse';

export interface ScopedVar extends YamlEntry {
  origin: FactOrigin;
}

export class VarScope {
  constructor(
    private readonly roleDefaults: Map<string, YamlEntry>,
    private readonly groupVars: Map<string, YamlEntry>,
  ) {}

  get(name: string): ScopedVar | undefined {
    const group = this.groupVars.get(name);
    if (group) return { ...group, origin: 'group-vars' };
    const role = this.roleDefaults.get(name);
    if (role) return { ...role, origin: 'role-defaults' };
    return undefined;
  }

  /** Plain value lookup, for Jinja resolution: the entry `get` gives, without making a ScopedVar of it. */
  readonly lookup = (name: string): unknown => (this.groupVars.get(name) ?? this.roleDefaults.get(name))?.value;

  /**
   * The variables named `<prefix>_<suffix>`, by suffix, as `get` gives them: one pass over the
   * role's defaults and group_vars instead of a lookup per name a fact might have.
   */
  withPrefix(prefix: string): Map<string, ScopedVar> {
    const start = `${prefix}_`;
    const found = new Map<string, ScopedVar>();
    for (const [name, entry] of this.roleDefaults) if (name.startsWith(start)) found.set(name.slice(start.length), { ...entry, origin: 'role-defaults' });
    for (const [name, entry] of this.groupVars) if (name.startsWith(start)) found.set(name.slice(start.length), { ...entry, origin: 'group-vars' });
    return found;
  }

  /** Names of the role's own defaults, in file order. */
  roleDefaultNames(): string[] {
    return [...this.roleDefaults.keys()];
  }
}

export function mergeEntries(...maps: Map<string, YamlEntry>[]): Map<string, YamlEntry> {
  const merged = new Map<string, YamlEntry>();
  for (const map of maps) for (const [key, entry] of map) merged.set(key, entry);
  return merged;
}

