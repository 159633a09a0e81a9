// Reads what discovery needs from a service definition (services/<name>.yml). Full schema
// validation is the validator's job; here a wrong-typed field is skipped with a finding.

import type { Node } from 'yaml';
import type { Finding } from '../core/findings';
import { SERVICE_NAME_PATTERN } from '../core/record';
import type { Fact, RoleRef, ServiceFacts } from '../core/service';
import type { ParsedYaml } from '../yaml/parse';
import { astTree, lightTree, type Tree } from '../yaml/tree';
import { isProxmoxVmid, refusedVmid, VMID_MAX, VMID_MIN } from './refusedValues';

export interface DefinitionFacts {
  name: string;
  facts: ServiceFacts;
  roles: RoleRef[];
  deployPlaybook?: string;
  databases: string[];
  populateScript?: string;
  verifyScript?: string;
  findings: Finding[];
}


export function readDefinition(file: ParsedYaml, fileStem: string): DefinitionFacts {
  // The fast reader's nodes give the same values at the same positions, without building the AST.
  if (file.light) return readDefinitionTree(file, lightTree(file.light), file.light.root, fileStem);
  return readDefinitionTree(file, astTree(file), (file.ast?.contents as Node | null | undefined) ?? undefined, fileStem);
}

function readDefinitionTree<N>(file: ParsedYaml, tree: Tree<N>, root: N | undefined, fileStem: string): DefinitionFacts {
  const result: DefinitionFacts = { name: fileStem, facts: {}, roles: [], databases: [], findings: [] };
  if (root === undefined || !tree.isMap(root)) {
    if (file.findings.length === 0) {
      result.findings.push({
        file: file.file,
        line: 1,
        ruleId: 'definition/not-a-mapping',
        severity: 'error',
        message: 'A service definition is a mapping of keys (name, container_id, …); this file is not.',
      });
    }
    return result;
  }
  const node = (path: string[]): N | undefined => {
    let current: N | undefined = root;
    for (const key of path) current = current !== undefined && tree.isMap(current) ? tree.get(current, key) : undefined;
    return current;
  };
  const warn = (at: N | undefined, message: string): void => {
    result.findings.push({ ...tree.locate(at), ruleId: 'definition/invalid-field', severity: 'warning', message });
  };
  const text = (path: string[]): { value: string; node: N } | undefined => {
    const at = node(path);
    if (at === undefined) return undefined;
    const scalar = tree.scalar(at);
    if (scalar && (typeof scalar.value === 'string' || typeof scalar.value === 'number')) return { value: String(scalar.value), node: at };
    warn(at, `${path.join('.')} should be a single value; Certify ignores it.`);
    return undefined;
  };
  const fact = <T>(path: string[], convert: (value: string) => T | undefined, what: string): Fact<T> | undefined => {
    const found = text(path);
    if (!found) return undefined;
    const value = convert(found.value);
    if (value === undefined) {
      warn(found.node, `${path.join('.')}: ${JSON.stringify(found.value)} is not ${what}; Certify ignores it.`);
      return undefined;
    }
    return { kind: 'known', value, origin: 'definition', source: tree.locate(found.node) };
  };
  const integer = (min: number, max: number) => (value: string) => {
    const number = Number(value);
    return Number.isInteger(number) && number >= min && number <= max ? number : undefined;
  };

  const name = text(['name']);
  if (name) {
    if (SERVICE_NAME_PATTERN.test(name.value)) result.name = name.value;
    else warn(name.node, `name ${JSON.stringify(name.value)} must be lowercase letters, digits, dashes and underscores; using "${fileStem}".`);
  }
  const facts: ServiceFacts = {
    containerId: fact(['container_id'], (v) => integer(VMID_MIN, VMID_MAX)(v) ?? wholeNumber(v), 'a container id (a whole number)'),
    hostname: fact(['hostname'], (v) => v, 'a hostname'),
    ipAddress: fact(['ip_address'], (v) => v, 'an IP address'),
    servicePort: fact(['service_port'], integer(1, 65_535), 'a port (1–65535)'),
    externalUrl: fact(['external', 'url'], (v) => (/^https?:\/\//.test(v) ? v : undefined), 'an http(s) URL'),
  };
  for (const [key, value] of Object.entries(facts)) if (value) result.facts[key as keyof ServiceFacts] = value as never;
  // The schema check reports an id Proxmox refuses where validation runs; the value stays the fact.
  const id = facts.containerId;
  if (id?.kind === 'known' && !isProxmoxVmid(id.value)) result.findings.push(refusedVmid(id.value, id.source, 'definition/refused-by-proxmox'));

  const roles = node(['roles']);
  if (roles !== undefined && tree.isSeq(roles)) {
    for (const item of tree.items(roles)) {
      const value = tree.scalar(item)?.value;
      if (typeof value === 'string') result.roles.push({ name: value, via: 'definition', source: tree.locate(item) });
    }
  }
  result.deployPlaybook = text(['deploy_playbook'])?.value;
  result.populateScript = text(['test_data', 'populate'])?.value;
  result.verifyScript = text(['test_data', 'verify'])?.value;
  const backup = node(['backup']);
  if (backup !== undefined && tree.isSeq(backup)) {
    for (const item of tree.items(backup)) {
      // YAMLMap.get without keepScalar: a scalar's value, a collection's node (never a string).
      const database = tree.isMap(item) ? tree.scalar(tree.get(item, 'database'))?.value : undefined;
      if (typeof database === 'string') result.databases.push(database);
    }
  }
  return result;
}

/** A plain decimal whole number, whatever its range. */
function wholeNumber(value: string): number | undefined {
  return /^[+-]?\d+$/.test(value.trim()) ? Number(value) : undefined;
}
