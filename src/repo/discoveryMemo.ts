// What discovery remembers between builds of the same repo (one memo per parse cache): each
// service's description and the shared pieces it was built from, keyed by the identity of
// their inputs. A file's parse keeps its identity while its text is unchanged, so after one
// edit only the services that read the edited file are described again.

import type { Finding } from '../core/findings';
import type { RoleRef, Service } from '../core/service';
import { indexCoverage, type CoverageIndex } from './backupCoverage';
import { readDefinition, type DefinitionFacts } from './definition';
import { rolesOfPlaybook } from './playbookRoles';
import type { ParsedYaml, YamlEntry } from '../yaml/parse';

export interface RememberedService {
  inputs: unknown[];
  service: Service;
  findings: Finding[];
  /** What the description was made from, so one role's edit can re-describe just this service. */
  redescribe: () => { service: Service; findings: Finding[] };
  /** Roles whose defaults the description read. */
  roles: string[];
}

export class DiscoveryMemo {
  readonly services = new Map<string, RememberedService>();
  private readonly slots = new Map<string, { inputs: unknown[]; value: unknown }>();
  private readonly definitions = new WeakMap<ParsedYaml, Map<string, DefinitionFacts>>();
  private readonly playbooks = new WeakMap<ParsedYaml, RoleRef[]>();
  private readonly indexes = new WeakMap<Map<string, YamlEntry>, CoverageIndex>();

  /** `compute()`'s value, reused while `inputs` are the same objects as last time. */
  remember<T>(slot: string, inputs: unknown[], compute: () => T): T {
    const previous = this.slots.get(slot);
    if (previous && sameInputs(previous.inputs, inputs)) return previous.value as T;
    const value = compute();
    this.slots.set(slot, { inputs, value });
    return value;
  }

  definition(source: ParsedYaml, stem: string): DefinitionFacts {
    let byStem = this.definitions.get(source);
    if (!byStem) this.definitions.set(source, (byStem = new Map()));
    let facts = byStem.get(stem);
    if (!facts) byStem.set(stem, (facts = readDefinition(source, stem)));
    return facts;
  }

  playbookRoles(source: ParsedYaml): RoleRef[] {
    let refs = this.playbooks.get(source);
    if (!refs) this.playbooks.set(source, (refs = rolesOfPlaybook(source)));
    return refs;
  }

  coverageIndex(defaults: Map<string, YamlEntry>, prefix: 'backup' | 'restore'): CoverageIndex {
    let index = this.indexes.get(defaults);
    if (!index || index.prefix !== prefix) this.indexes.set(defaults, (index = indexCoverage(defaults, prefix)));
    return index;
  }
}

export function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

const memos = new WeakMap<object, DiscoveryMemo>();

/** The memo that lives as long as this parse cache. */
export function memoFor(cache: object): DiscoveryMemo {
  let memo = memos.get(cache);
  if (!memo) memos.set(cache, (memo = new DiscoveryMemo()));
  return memo;
}
