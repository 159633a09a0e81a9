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
    for (const expression of jinjaExpressions(value, key)) {
      for (const name of vaultNamesIn(expression)) uses.push({ name, span: nameSpan(file, node, name) });
    }
  });
  return uses;
}

function nameSpan(file: LintedFile, node: Node, name: string): [number, number] {
  const [start, end] = nodeSpan(file, node);
  const source = file.text.slice(start, end);
  const match = new RegExp(`(?<![\\w.])${name}(?!\\w)`).exec(source);
  return match ? [start + match.index, start + match.index + name.length] : [start, end];
}
