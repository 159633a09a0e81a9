// The Jinja parts of Ansible values: where expressions are (`{{ }}`, `{% %}`, and the bare
// expressions of `when:`-like keys) and which `vault_*` variables they reference.

import type { Node } from 'yaml';
import { nodeSpan, type LintedFile } from './lintedFile';
import { forEachStringValue } from './tasks';

/** Keys whose values Ansible evaluates as Jinja expressions without `{{ }}`. */
const BARE_EXPRESSION_KEYS = new Set(['when', 'changed_when', 'failed_when', 'until', 'that', 'var']);
const TEMPLATE_PARTS = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const VAULT_NAME = /(?<![\w.])vault_[A-Za-z0-9_]+/g;

/** The expression texts of a value (`{# comments #}` and literal text excluded). */
export function jinjaExpressions(value: string, key: string | undefined): string[] {
  if (key !== undefined && BARE_EXPRESSION_KEYS.has(key)) return [value];
  const expressions: string[] = [];
  for (const match of value.matchAll(TEMPLATE_PARTS)) expressions.push(match[1] ?? match[2] ?? '');
  return expressions;
}

export function vaultNamesIn(expression: string): string[] {
  return [...expression.matchAll(VAULT_NAME)].map((match) => match[0]);
}

export interface VaultUse {
  name: string;
  /** Offsets of the name in the file (the whole value when it is not written verbatim). */
  span: [number, number];
}

/** Every `vault_*` variable a file's values reference, in document order. */
export function vaultUses(file: LintedFile): VaultUse[] {
  const uses: VaultUse[] = [];
  forEachStringValue(file.root, ({ node, value, key }) => {
    // Where each name first stands in this node's source, found in one scan of it on the first use.
    let firstAt: Map<string, number> | undefined;
    for (const expression of jinjaExpressions(value, key)) {
      for (const name of vaultNamesIn(expression)) {
        firstAt ??= namesWritten(file, node);
        uses.push({ name, span: nameSpan(file, node, firstAt, name) });
      }
    }
  });
  return uses;
}

/** Each vault name written in the node's source, with the offset of its first occurrence. */
function namesWritten(file: LintedFile, node: Node): Map<string, number> {
  const [start, end] = nodeSpan(file, node);
  const firstAt = new Map<string, number>();
  // A name standing alone (not inside a longer word or after a dot), as each use is looked up.
  for (const match of file.text.slice(start, end).matchAll(VAULT_NAME)) if (!firstAt.has(match[0])) firstAt.set(match[0], start + match.index);
  return firstAt;
}

function nameSpan(file: LintedFile, node: Node, firstAt: ReadonlyMap<string, number>, name: string): [number, number] {
  const at = firstAt.get(name);
  return at === undefined ? nodeSpan(file, node) : [at, at + name.length];
}
