// Ansible variables visible to a role, with where each was stated. group_vars override role
// defaults, as in Ansible's precedence, so a fact is read from the place that really wins.
// A secret variable (repo/secretVars) is visible by name, never by value.

import type { FactOrigin } from '../core/service';
import type { YamlEntry } from '../yaml/parse';
import { SECRET_VALUE } from './jinja';
import { isSecretVar } from './secretVars';

export interface ScopedVar extends YamlEntry {
  origin: FactOrigin;
  /** A vault variable: its value must not become a fact nor be shown. */
  secret?: true;
}

export class VarScope {
  constructor(
    private readonly roleDefaults: Map<string, YamlEntry>,
    private readonly groupVars: Map<string, YamlEntry>,
  ) {}

  get(name: string): ScopedVar | undefined {
    const group = this.groupVars.get(name);
    if (group) return scoped(name, group, 'group-vars');
    const role = this.roleDefaults.get(name);
    if (role) return scoped(name, role, 'role-defaults');
    return undefined;
  }

  /** Plain value lookup, for Jinja resolution: the entry `get` gives, without making a ScopedVar of it; SECRET_VALUE for a secret. */
  readonly lookup = (name: string): unknown => {
    const entry = this.groupVars.get(name) ?? this.roleDefaults.get(name);
    return entry && isSecretVar(name, entry) ? SECRET_VALUE : entry?.value;
  };

  /**
   * The variables named `<prefix>_<suffix>`, by suffix, as `get` gives them: one pass over the
   * role's defaults and group_vars instead of a lookup per name a fact might have.
   */
  withPrefix(prefix: string): Map<string, ScopedVar> {
    const start = `${prefix}_`;
    const found = new Map<string, ScopedVar>();
    for (const [name, entry] of this.roleDefaults) if (name.startsWith(start)) found.set(name.slice(start.length), scoped(name, entry, 'role-defaults'));
    for (const [name, entry] of this.groupVars) if (name.startsWith(start)) found.set(name.slice(start.length), scoped(name, entry, 'group-vars'));
    return found;
  }

  /** Names of the role's own defaults, in file order. */
  roleDefaultNames(): string[] {
    return [...this.roleDefaults.keys()];
  }
}

function scoped(name: string, entry: YamlEntry, origin: FactOrigin): ScopedVar {
  return isSecretVar(name, entry) ? { ...entry, origin, secret: true } : { ...entry, origin };
}

export function mergeEntries(...maps: Map<string, YamlEntry>[]): Map<string, YamlEntry> {
  const merged = new Map<string, YamlEntry>();
  for (const map of maps) for (const [key, entry] of map) merged.set(key, entry);
  return merged;
}

