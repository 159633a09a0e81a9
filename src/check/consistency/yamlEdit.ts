// Text for quick fixes: a value written the way the replaced one was (quoted stays quoted),
// and a new item appended to a block list with the indentation the list already uses.

import { isScalar, stringify, type Node } from 'yaml';
import type { FixEdit } from '../../core/findings';
import { appendToBlockList, YamlLines } from '../../yaml/insertions';
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

/** appendToBlockList (yaml/insertions) for a file of the consistency context, through its cached parse. */
export function appendToList(ctx: ConsistencyContext, file: string, list: Node | null | undefined, items: string[]): FixEdit | undefined {
  const text = ctx.text(file);
  return text === undefined ? undefined : appendToBlockList(new YamlLines(file, text), list, items);
}
