// Ansible variables visible to a role, with where each was stated. group_vars override role
// defaults, as in Ansible's precedence, so a fact is read from the place that really wins.


import type { FactOrigin } from '../core/service';
import type { YamlEntry } from './yamlText';

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

  /** Plain value lookup, for Jinja resolution. */
  readonly lookup = (name: string): unknown => this.get(name)?.value;

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

