// Text for quick fixes: a value written the way the replaced one was (quoted stays quoted),
// and a new item appended to a block list with the indentation the list already uses.

import { isScalar, isSeq, stringify, type Node } from 'yaml';
import type { FixEdit } from '../../core/findings';
import { rangeOf, type ConsistencyContext } from './context';

/** YAML text for `value` in place of `like` (keeps its quoting; quotes when YAML would misread it). */
export function scalarText(value: string | number, like?: Node): string {
  if (typeof value === 'number') return String(value);
  if (isScalar(like) && like.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (isScalar(like) && like.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  // YAML 1.1 quotes more (yes/no/on/off); quoting too much is harmless in 1.2 files.
  return stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd();
}

/** An edit replacing `node`'s text with `newText`, or undefined when the node has no position. */
export function replaceNode(ctx: ConsistencyContext, file: string, node: Node, newText: string): FixEdit | undefined {
  const span = ctx.span(file, node);
  return span ? { kind: 'replace', file, range: rangeOf(span), newText } : undefined;
}

/**
 * An edit inserting `lines` (already indented as list items, without the list's own indent)
 * after the last item of the block list `list`; undefined for flow lists (`[a, b]`) and empty ones.
 */
export function appendToBlockList(ctx: ConsistencyContext, file: string, list: Node | null | undefined, lines: string[]): FixEdit | undefined {
  if (!isSeq(list) || list.flow || list.items.length === 0) return undefined;
  const text = ctx.text(file);
  const first = list.items[0] as Node;
  const firstSpan = ctx.span(file, first);
  const listSpan = ctx.span(file, list);
  if (text === undefined || !firstSpan || !listSpan) return undefined;
  const firstLine = text.split('\n')[firstSpan.line - 1] ?? '';
  const dash = /^(\s*)-\s/.exec(firstLine)?.[1];
  if (dash === undefined) return undefined;
  const insert = lines.map((line) => `${dash}${line}\n`).join('');
  const allLines = text.split('\n');
  if (listSpan.endLine >= allLines.length) {
    // The list ends the file without a final newline: start a new line after it.
    const position = { line: listSpan.endLine, column: (allLines[listSpan.endLine - 1] ?? '').length + 1 };
    return { kind: 'replace', file, range: { start: position, end: position }, newText: `\n${insert.replace(/\n$/, '')}` };
  }
  const position = { line: listSpan.endLine + 1, column: 1 };
  return { kind: 'replace', file, range: { start: position, end: position }, newText: insert };
}
