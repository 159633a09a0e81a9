// Reads what discovery needs from a service definition (services/<name>.yml). Full schema
// validation is the validator's job; here a wrong-typed field is skipped with a finding.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Finding } from '../core/findings';
import { SERVICE_NAME_PATTERN } from '../core/record';
import type { Fact, RoleRef, ServiceFacts } from '../core/service';
import type { ParsedYaml } from './yamlText';

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
  const result: DefinitionFacts = { name: fileStem, facts: {}, roles: [], databases: [], findings: [] };
  const root = file.ast?.contents;
  if (!isMap(root)) {
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
  const node = (path: string[]): Node | undefined => {
    let current: unknown = root;
    for (const key of path) current = isMap(current) ? current.get(key, true) : undefined;
    return current as Node | undefined;
  };
  const warn = (at: Node | undefined, message: string): void => {
    result.findings.push({ ...file.locate(at), ruleId: 'definition/invalid-field', severity: 'warning', message });
  };
  const text = (path: string[]): { value: string; node: Node } | undefined => {
    const at = node(path);
    if (at === undefined) return undefined;
    if (isScalar(at) && (typeof at.value === 'string' || typeof at.value === 'number')) return { value: String(at.value), node: at };
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
    return { kind: 'known', value, origin: 'definition', source: file.locate(found.node) };
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
    containerId: fact(['container_id'], integer(100, 999_999_999), 'a container id (100 or more)'),
    hostname: fact(['hostname'], (v) => v, 'a hostname'),
    ipAddress: fact(['ip_address'], (v) => v, 'an IP address'),
    servicePort: fact(['service_port'], integer(1, 65_535), 'a port (1–65535)'),
    externalUrl: fact(['external', 'url'], (v) => (/^https?:\/\//.test(v) ? v : undefined), 'an http(s) URL'),
  };
  for (const [key, value] of Object.entries(facts)) if (value) result.facts[key as keyof ServiceFacts] = value as never;

  const roles = node(['roles']);
  if (isSeq(roles)) {
    for (const item of roles.items) {
      if (isScalar(item) && typeof item.value === 'string') result.roles.push({ name: item.value, via: 'definition', source: file.locate(item) });
    }
  }
  result.deployPlaybook = text(['deploy_playbook'])?.value;
  result.populateScript = text(['test_data', 'populate'])?.value;
  result.verifyScript = text(['test_data', 'verify'])?.value;
  const backup = node(['backup']);
  if (isSeq(backup)) {
    for (const item of backup.items) {
      const database = isMap(item) ? item.get('database') : undefined;
      if (typeof database === 'string') result.databases.push(database);
    }
  }
  return result;
}
