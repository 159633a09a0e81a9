// Reads an inventory in INI form as Ansible's `ini` inventory plugin does, into the same facts
// a YAML inventory gives (see inventory.ts): the Proxmox admin host and `all` vars, each
// variable with the line it stands on. Pure; a line Ansible would refuse becomes one finding.

import type { Finding, SourceRef } from '../core/findings';
import type { YamlEntry } from '../yaml/parse';
import { PROXMOX_GROUP, proxmoxHostOf, type InventoryFacts } from './inventory';
import { mergeEntries } from './varScope';

export interface IniGroup {
  hosts: string[];
  children: string[];
  vars: Map<string, YamlEntry>;
}

export interface IniHost {
  name: string;
  vars: Map<string, YamlEntry>;
  source: SourceRef;
}

export interface IniInventory {
  /** Every group, `all` and `ungrouped` included (Ansible's implicit groups). */
  groups: Map<string, IniGroup>;
  hosts: Map<string, IniHost>;
  /** At most one: Ansible stops at the first line it cannot read, so one finding says all. */
  findings: Finding[];
}

/** A range wider than this is kept as written: no real inventory lists that many hosts on one line. */
const MAX_RANGE_HOSTS = 10_000;
const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;

export function readIniInventory(file: string, text: string): InventoryFacts {
  const inventory = parseIniInventory(file, text);
  const facts: InventoryFacts = { allVars: inventory.groups.get('all')?.vars ?? new Map(), findings: inventory.findings };
  const name = firstHostOf(inventory, PROXMOX_GROUP, new Set());
  const host = name === undefined ? undefined : inventory.hosts.get(name);
  // Ansible gives a host its group's vars, and its own line's vars over them.
  if (host) facts.proxmoxHost = proxmoxHostOf(host.name, mergeEntries(inventory.groups.get(PROXMOX_GROUP)?.vars ?? new Map(), host.vars), host.source);
  return facts;
}

/** A group's hosts are its own, then its children's, as Ansible lists them. */
function firstHostOf(inventory: IniInventory, group: string, seen: Set<string>): string | undefined {
  const entry = inventory.groups.get(group);
  if (!entry || seen.has(group)) return undefined;
  seen.add(group);
  if (entry.hosts.length > 0) return entry.hosts[0];
  for (const child of entry.children) {
    const found = firstHostOf(inventory, child, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function parseIniInventory(file: string, text: string): IniInventory {
  const inventory: IniInventory = { groups: new Map(), hosts: new Map(), findings: [] };
  const groupOf = (name: string): IniGroup => {
    let group = inventory.groups.get(name);
    if (!group) inventory.groups.set(name, (group = { hosts: [], children: [], vars: new Map() }));
    return group;
  };
  groupOf('all');
  groupOf('ungrouped');
  // Groups a hosts or children section declares (or a children line names); a vars section alone declares none.
  const declared = new Set(['all', 'ungrouped']);
  const varsSections: { group: string; line: number }[] = [];
  const fail = (line: number, column: number, problem: string): void => {
    if (inventory.findings.length === 0) inventory.findings.push({ file, line, column, ruleId: 'inventory-syntax', severity: 'error', message: `${problem}; Ansible refuses this inventory until it is fixed.` });
  };

  let group = 'ungrouped';
  let state: 'hosts' | 'vars' | 'children' = 'hosts';
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    const line = raw.trim();
    const lineNo = index + 1;
    const column = raw.length - raw.trimStart().length + 1;
    if (line === '' || line[0] === '#' || line[0] === ';') continue;
    if (line.startsWith('[')) {
      const section = SECTION.exec(line);
      if (!section) {
        if (line.endsWith(']')) {
          fail(lineNo, column, `Invalid section ${line}: a section is [group], [group:vars] or [group:children], without spaces`);
          continue;
        }
      } else {
        const tag = section[2] ?? 'hosts';
        if (tag !== 'hosts' && tag !== 'vars' && tag !== 'children') {
          fail(lineNo, column, `Section [${section[1]}:${tag}] has an unknown type; use :vars or :children`);
          // Ansible stops here; the lines below belong to no known section, so they are skipped.
          state = 'vars';
          group = '';
          continue;
        }
        group = section[1];
        state = tag;
        groupOf(group);
        if (state === 'vars') varsSections.push({ group, line: lineNo });
        else declared.add(group);
        continue;
      }
    }
    if (group === '') continue;
    if (state === 'vars') {
      // A vars line is read whole (no comment stripped), as Ansible reads it.
      const equals = line.indexOf('=');
      if (equals < 0) {
        fail(lineNo, column, `Expected key=value, got: ${line}`);
        continue;
      }
      const key = line.slice(0, equals).trim();
      groupOf(group).vars.set(key, { value: pythonValue(line.slice(equals + 1).trim()), source: { file, line: lineNo, column } });
    } else if (state === 'children') {
      const child = GROUP_NAME.exec(line);
      if (!child) {
        fail(lineNo, column, `Expected a group name, got: ${line}`);
        continue;
      }
      declared.add(child[1]);
      groupOf(child[1]);
      if (!groupOf(group).children.includes(child[1])) groupOf(group).children.push(child[1]);
    } else {
      readHostLine(raw, lineNo, group, { file, inventory, groupOf, fail });
    }
  }
  for (const section of varsSections) if (!declared.has(section.group)) fail(section.line, 1, `Section [${section.group}:vars] is for a group no section or host line declares`);
  // Ansible's implicit groups: every host is in `all`; one in no other group is in `ungrouped`.
  const grouped = new Set<string>();
  for (const [name, entry] of inventory.groups) if (name !== 'all' && name !== 'ungrouped') for (const host of entry.hosts) grouped.add(host);
  const ungrouped = groupOf('ungrouped');
  ungrouped.hosts = ungrouped.hosts.filter((host) => !grouped.has(host));
  groupOf('all').hosts = [...inventory.hosts.keys()];
  return inventory;
}

interface HostLineContext {
  file: string;
  inventory: IniInventory;
  groupOf(name: string): IniGroup;
  fail(line: number, column: number, problem: string): void;
}

/** `name[:port] key=value …`: split as a shell would (quotes, `#` comments), values read as Python literals. */
function readHostLine(raw: string, line: number, group: string, context: HostLineContext): void {
  const tokens = shellSplit(raw);
  if (typeof tokens === 'string') return context.fail(line, 1, `Error parsing host definition: ${tokens}`);
  if (tokens.length === 0) return;
  const [pattern, ...assignments] = tokens;
  const vars = new Map<string, YamlEntry>();
  for (const token of assignments) {
    const equals = token.text.indexOf('=');
    if (equals < 0) return context.fail(line, token.start + 1, `Expected key=value host variable assignment, got: ${token.text}`);
    vars.set(token.text.slice(0, equals), { value: pythonValue(token.text.slice(equals + 1)), source: { file: context.file, line, column: token.start + 1 } });
  }
  const address = splitPort(pattern.text);
  if (address === undefined) return context.fail(line, pattern.start + 1, `Invalid host pattern ${pattern.text}: it must not end in ':'`);
  if (address.port !== undefined) vars.set('ansible_port', { value: address.port, source: { file: context.file, line, column: pattern.start + 1 } });
  const names = expandRange(address.host);
  if (typeof names === 'string') return context.fail(line, pattern.start + 1, `Invalid host range ${address.host}: ${names}`);
  for (const name of names) {
    let host = context.inventory.hosts.get(name);
    if (!host) context.inventory.hosts.set(name, (host = { name, vars: new Map(), source: { file: context.file, line, column: pattern.start + 1 } }));
    for (const [key, entry] of vars) host.vars.set(key, entry);
    const members = context.groupOf(group).hosts;
    if (!members.includes(name)) members.push(name);
  }
}

/** `host:port`; a colon inside a range (`web[1:3]`) or an IPv6 address is not a port. */
function splitPort(pattern: string): { host: string; port?: number } | undefined {
  if (pattern.endsWith(':')) return undefined;
  const match = /^(.+):(\d+)$/.exec(pattern);
  if (!match || match[1].replace(/\[[^\]]*\]/g, '').includes(':')) return { host: pattern };
  return { host: match[1], port: Number(match[2]) };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Expands `web[01:03]` (numbers keep a leading zero's width) and `db-[a:c]`, as Ansible does; a name with no range is itself. */
export function expandRange(pattern: string): string[] | string {
  const match = /^([^[]*)\[([^\]]*:[^\]]*)\](.*)$/.exec(pattern);
  if (!match) return [pattern];
  const [, head, range, tail] = match;
  const bounds = range.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) return 'a range is begin:end or begin:end:step';
  const begin = bounds[0] === '' ? '0' : bounds[0];
  const end = bounds[1];
  const step = bounds.length === 3 ? Number(bounds[2]) : 1;
  if (end === '') return 'a range needs an end';
  if (!Number.isInteger(step) || step < 1) return 'the step must be a positive whole number';
  const width = begin[0] === '0' && begin.length > 1 ? begin.length : 0;
  if (width > 0 && width !== end.length) return 'a zero-padded range needs begin and end of equal length';
  const values: string[] = [];
  if (LETTERS.includes(begin) && LETTERS.includes(end) && begin.length === 1 && end.length === 1) {
    if (LETTERS.indexOf(begin) > LETTERS.indexOf(end)) return 'the beginning comes after the end';
    for (let i = LETTERS.indexOf(begin); i <= LETTERS.indexOf(end); i += step) values.push(LETTERS[i]);
  } else {
    if (!/^\d+$/.test(begin) || !/^\d+$/.test(end)) return 'bounds are numbers or single letters';
    const from = Number(begin);
    const to = Number(end);
    if ((to - from) / step + 1 > MAX_RANGE_HOSTS) return `it names more than ${MAX_RANGE_HOSTS} hosts`;
    for (let i = from; i <= to; i += step) values.push(String(i).padStart(width, '0'));
  }
  const hosts: string[] = [];
  for (const value of values) {
    const expanded = expandRange(`${head}${value}${tail}`);
    if (typeof expanded === 'string') return expanded;
    hosts.push(...expanded);
    if (hosts.length > MAX_RANGE_HOSTS) return `it names more than ${MAX_RANGE_HOSTS} hosts`;
  }
  return hosts;
}

/** Splits a line as Python's shlex.split(comments=True) does; returns the problem when a quote is left open. */
function shellSplit(line: string): { text: string; start: number }[] | string {
  const tokens: { text: string; start: number }[] = [];
  let token: { text: string; start: number } | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (/\s/.test(char)) {
      if (token) tokens.push(token);
      token = undefined;
      continue;
    }
    if (char === '#') break;
    token ??= { text: '', start: i };
    if (char === '\\') {
      if (i + 1 >= line.length) return 'no character after the backslash';
      token.text += line[++i];
    } else if (char === '"' || char === "'") {
      const close = closingQuote(line, i);
      if (close < 0) return 'a quotation mark is not closed';
      const inner = line.slice(i + 1, close);
      token.text += char === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
      i = close;
    } else {
      token.text += char;
    }
  }
  if (token) tokens.push(token);
  return tokens;
}

function closingQuote(line: string, open: number): number {
  for (let i = open + 1; i < line.length; i++) {
    if (line[i] === '\\' && line[open] === '"') i++;
    else if (line[i] === line[open]) return i;
  }
  return -1;
}

const PYTHON_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/**
 * A value as Ansible reads it (Python's ast.literal_eval, else the text itself): quoted strings,
 * whole numbers, decimals, True/False/None. Lists and dicts are kept as their text: no fact
 * Certify reads from an inventory is one.
 */
export function pythonValue(text: string): unknown {
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text === 'None') return null;
  if (/^[-+]?(?:0|[1-9]\d*(?:_\d+)*)$/.test(text)) return Number(text.replace(/_/g, ''));
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text, 16);
  if (/^[-+]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
  const quoted = /^(['"])((?:\\.|(?!\1)[^\\])*)\1$/.exec(text);
  if (quoted) return quoted[2].replace(/\\(.)/g, (all, char: string) => PYTHON_ESCAPES[char] ?? all);
  return text;
}
