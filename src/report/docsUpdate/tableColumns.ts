// What each column of a services table holds, read from its header, and the cell the service
// gets in it: a known fact, the record's verdict, or "—" where Certify knows nothing.

import { plainText } from './entryMatch';
import type { DocFacts } from './types';

export type ColumnKind =
  | 'id'
  | 'name'
  | 'description'
  | 'ip'
  | 'endpoint'
  | 'port'
  | 'hostname'
  | 'url'
  | 'dns'
  | 'role'
  | 'playbook'
  | 'automation'
  | 'backup'
  | 'other';

/** Header words → column kind, first match wins ("IP:Port" is an endpoint before it is an IP). */
const HEADERS: [RegExp, ColumnKind][] = [
  [/^(#|id|vmid|ct ?id|container ?id|lxc ?id|vm ?id)$/, 'id'],
  [/^(service|services|service name|name|app|application)$/, 'name'],
  [/^(description|purpose|what it does|what)$/, 'description'],
  [/^(network|endpoint|address:port|ip:port|listen|listens on)$/, 'endpoint'],
  [/^(ip|ips|ip address|ipv4|address)$/, 'ip'],
  [/^ports?$/, 'port'],
  [/^(hostname|host ?name)$/, 'hostname'],
  [/\b(url|urls|link|web)\b/, 'url'],
  [/^(dns|dns name|domain|fqdn|public name)$/, 'dns'],
  [/^(ansible )?roles?$/, 'role'],
  [/^(deploy )?playbooks?$/, 'playbook'],
  [/automat/, 'automation'],
  [/backup/, 'backup'],
];

export const NO_VALUE = '—';

export function columnKind(header: string): ColumnKind {
  const words = plainText(header).toLowerCase();
  return HEADERS.find(([pattern]) => pattern.test(words))?.[1] ?? 'other';
}

/**
 * The service's cell in a column of this kind, as plain text (the caller marks it up), or
 * undefined when Certify does not know it. Automation and backup are the record's verdict: a
 * completed certification proved both (Steps 1 and 3, Steps 4 to 9); they are written in the
 * workflow's words unless the column's other cells use a bare mark.
 */
export function cellValue(kind: ColumnKind, facts: DocFacts, others: readonly string[]): string | undefined {
  switch (kind) {
    case 'id':
      return facts.containerId === undefined ? undefined : String(facts.containerId);
    case 'name':
      return facts.name;
    case 'description':
      return facts.description;
    case 'ip':
      return facts.ipAddress;
    case 'endpoint':
      if (facts.ipAddress === undefined) return undefined;
      return facts.port === undefined ? facts.ipAddress : `${facts.ipAddress}:${facts.port}`;
    case 'port':
      return facts.ports.length === 0 ? undefined : facts.ports.join(', ');
    case 'hostname':
      return facts.hostname;
    case 'url':
      return facts.url;
    case 'dns':
      return facts.dnsName;
    case 'role':
      return facts.roles.length === 0 ? undefined : facts.roles.join(', ');
    case 'playbook':
      return facts.deployPlaybook;
    case 'automation': {
      const automated = written(others).filter((cell) => cell.startsWith('✅ Automated'));
      if (automated.length === 0 && written(others).length > 0) return '✅';
      // "✅ Automated (`gitea_api`)": the other rows name their role, so this one does too.
      const namesRole = automated.length > 0 && automated.every((cell) => /\(`[^`]+`\)/.test(cell));
      return namesRole && facts.roles.length > 0 ? `✅ Automated (${facts.roles.map((role) => `\`${role}\``).join(', ')})` : '✅ Automated';
    }
    case 'backup':
      return written(others).length === 0 || written(others).some((cell) => cell.startsWith('Backup:')) ? 'Backup: ✅' : '✅';
    case 'other':
      return undefined;
  }
}

/** Kinds whose values are identifiers or paths a table may write as code. */
const CODE_KINDS = new Set<ColumnKind>(['role', 'playbook', 'ip', 'endpoint', 'port', 'hostname', 'dns', 'id']);

/**
 * The cell as the column writes its other cells: in backticks when they all are; a
 * table cell cannot hold a bare pipe or a line break.
 */
export function markUp(kind: ColumnKind, value: string, others: readonly string[]): string {
  const escaped = value.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
  const cells = written(others);
  const coded = CODE_KINDS.has(kind) && cells.length > 0 && cells.every((cell) => /^`[^`]+`$/.test(cell));
  if (!coded) return escaped;
  return kind === 'role' || kind === 'port' ? escaped.split(', ').map((part) => `\`${part}\``).join(', ') : `\`${escaped}\``;
}

/** The cells of a column that hold a value ("—" and empty cells do not). */
function written(cells: readonly string[]): string[] {
  return cells.filter((cell) => cell !== '' && !/^[—–-]/.test(cell));
}
