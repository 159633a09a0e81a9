// restore-missing: data that is backed up but never restored fails Step 9 (and the reverse:
// a restore with no backup restores nothing). Reported on the service's toggle or entry.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Finding, Fix, FixEdit, RuleInfo } from '../../core/findings';
import { isCovered, type Service } from '../../core/service';
import { serviceToken, type BackupSide, type Side } from './backupDefaults';
import { findingAt, rangeOf, where, type ConsistencyContext, type Span } from './context';
import { appendToList } from './yamlEdit';

export const RESTORE_MISSING: RuleInfo = {
  id: 'restore-missing',
  severity: 'warning',
  category: 'consistency',
  summary: 'What backup_infrastructure backs up, restore_infrastructure must restore (and the reverse), or Step 9 cannot pass.',
};

export function checkRestoreMissing(ctx: ConsistencyContext, sides: Record<Side, BackupSide>): Finding[] {
  const findings: Finding[] = [];
  // Coverage read from a file that does not parse is empty, not absent: its syntax error comes first.
  if (sides.backup.broken || sides.restore.broken) return findings;
  // A restore that loops over the backup directory restores all it holds; a map entry naming
  // the service covers it as a list entry would (coverage, read by discovery, knows neither).
  for (const service of ctx.model.services) {
    const backedUp = isCovered(service.backup) || sides.backup.mapped.has(service);
    // The loop restores what was backed up, so it never makes a service "restored but never backed up".
    const restored = isCovered(service.restore) || (backedUp && sides.restore.loop !== undefined) || sides.restore.mapped.has(service);
    if (backedUp && !restored) findings.push(...missing(ctx, service, sides.backup, sides.restore));
    if (restored && !backedUp) findings.push(...missing(ctx, service, sides.restore, sides.backup));
  }
  return findings;
}

/** One finding on `from`'s toggle or entry for a service `to` does not cover. */
function missing(ctx: ConsistencyContext, service: Service, from: BackupSide, to: BackupSide): Finding[] {
  const coverage = service[from.side];
  const toggle = coverage.toggle && coverage.toggle.enabled !== false ? coverage.toggle : undefined;
  const entry = toggle ?? coverage.entries[0];
  if (!entry) return [];
  const span = anchor(ctx, from, entry.variable, service, toggle !== undefined) ?? ctx.spanOf(entry.source);
  const toggleName = toggle ? toggle.variable.replace(new RegExp(`^${from.side}_`), `${to.side}_`) : `${to.side}_${serviceToken(service.name)}_enabled`;
  const target = to.file ?? `roles/${to.role}/defaults/main.yml`;
  const off = service[to.side].toggle;
  const verb = from.side === 'backup' ? 'backed up but never restored' : 'restored but never backed up';
  const message =
    off?.enabled === false
      ? `${service.name} is ${verb}: ${off.variable} is off (${where(off.source)}); turn it on so Step 9 can pass.`
      : `${service.name} is ${verb}: add ${toggleName} and its parameters to ${target}` +
        (from.side === 'backup' ? ' so Step 9 can restore it.' : ', or the restore has nothing to restore.');
  return [findingAt(RESTORE_MISSING, span, message, mirrorFix(ctx, service, from, to, toggleName))];
}

function tokensOf(service: Service): string[] {
  return [service.name.toLowerCase(), serviceToken(service.name)];
}

/** The exact node that ties `variable` to the service: the toggle's key, or the list item naming it. */
function anchor(ctx: ConsistencyContext, side: BackupSide, variable: string, service: Service, isToggle: boolean): Span | undefined {
  const pair = side.pairs.get(variable);
  if (!pair || !side.file) return undefined;
  const node = isToggle ? pair.key : (mentionNode(pair.value, service, 0) ?? pair.key);
  return ctx.span(side.file, node);
}

/** Mirrors coverageOf's matching (workspace/backupCoverage), returning the node that names the service. */
function mentionNode(node: unknown, service: Service, depth: number): Node | undefined {
  if (depth > 8) return undefined;
  const tokens = tokensOf(service);
  if (isScalar(node)) {
    if (typeof node.value !== 'string') return undefined;
    const value = node.value.toLowerCase();
    const named = tokens.includes(value) || (service.databases ?? []).includes(node.value);
    // A path segment named after the service (/opt/<name>/data, /etc/<name>.conf), as coverageOf matches it.
    return named || tokens.some((token) => new RegExp(`/${escapeRegExp(token)}(/|\\.|$)`).test(value)) ? node : undefined;
  }
  if (isSeq(node)) {
    for (const item of node.items) {
      const found = mentionNode(item, service, depth + 1);
      if (found) return found;
    }
  }
  if (isMap(node)) {
    const id = service.facts.containerId?.kind === 'known' ? service.facts.containerId.value : undefined;
    const name = mentionNode(node.get('name', true), service, depth + 1);
    if (name) return name;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if ((key === 'container_id' || key === 'vmid') && isScalar(pair.value) && Number(pair.value.value) === id) return pair.value;
      const found = mentionNode(pair.key, service, depth + 1) ?? mentionNode(pair.value, service, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * When the service's data is a Docker entry, the other role handles it generically (it loops
 * over `<side>_docker_containers`), so copying the entry and adding the toggle is the whole fix.
 * Otherwise, only switching an existing toggle back on is obvious.
 */
function mirrorFix(ctx: ConsistencyContext, service: Service, from: BackupSide, to: BackupSide, toggleName: string): Fix[] {
  if (!to.file || !from.file) return [];
  const toFile = to.file;
  const toggle = to.pairs.get(toggleName);
  if (toggle?.value) {
    const span = ctx.span(toFile, toggle.value);
    if (!span || service[to.side].toggle?.enabled !== false) return [];
    return [{ title: `Set ${toggleName}: true`, edits: [{ kind: 'replace', file: toFile, range: rangeOf(span), newText: 'true' }] }];
  }
  const entry = from.docker.find((item) => item.name && tokensOf(service).includes(item.name.value.toLowerCase()));
  const itemLines = entry ? copyItem(ctx, from, entry.item) : undefined;
  if (!itemLines) return [];
  const list = to.pairs.get(`${to.side}_docker_containers`);
  const edits: FixEdit[] = [];
  if (list) {
    const append = appendToList(ctx, toFile, list.value, itemLines);
    const keySpan = ctx.span(toFile, list.key);
    if (!append || !keySpan) return [];
    const at = { line: keySpan.line, column: 1 };
    edits.push({ kind: 'replace', file: toFile, range: { start: at, end: at }, newText: `${toggleName}: true\n` }, append);
  } else {
    const block = [`${toggleName}: true`, `${to.side}_docker_containers:`, ...itemLines.map((line) => `  ${line}`)];
    edits.push(appendAtEnd(ctx, toFile, block));
  }
  return [{ title: `Add ${toggleName} and ${service.name}'s Docker volumes to ${toFile}`, edits }];
}

/** The item's lines, its list indentation removed (first line starts with "- "); undefined when not copyable. */
function copyItem(ctx: ConsistencyContext, side: BackupSide, item: Node): string[] | undefined {
  const file = side.file as string;
  const span = ctx.span(file, item);
  const text = ctx.text(file);
  if (!span || text === undefined) return undefined;
  const lines = text.split('\n').slice(span.line - 1, span.endLine);
  const indent = /^(\s*)-\s/.exec(lines[0] ?? '')?.[1];
  // A value that refers to the other role's variables would be wrong once copied.
  if (indent === undefined || lines.some((line) => line.includes(`${side.side}_`))) return undefined;
  return lines.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart())).map((line) => line.replace(/\s+$/, ''));
}

function appendAtEnd(ctx: ConsistencyContext, file: string, lines: string[]): FixEdit {
  const text = ctx.text(file) ?? '';
  const all = text.split('\n');
  const last = all.length;
  const endsWithNewline = text.endsWith('\n') || text === '';
  const position = endsWithNewline ? { line: last, column: 1 } : { line: last, column: all[last - 1].length + 1 };
  const body = `${lines.join('\n')}\n`;
  return { kind: 'replace', file, range: { start: position, end: position }, newText: endsWithNewline ? body : `\n${body}` };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
