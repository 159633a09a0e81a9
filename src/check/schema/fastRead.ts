// The fast reader: js-yaml (about 10× faster than building the `yaml` package's AST) turns
// the text into plain values. The `yaml` package stays the reference: wherever js-yaml's
// answer might differ from it, the result is marked untrusted and the caller takes the slow path.

import { load, YAMLException, type LoadOptions } from 'js-yaml';
import { hasShallowContinuation } from './continuationScan';
import { YAML12_CORE_SCHEMA } from './yaml12Schema';
import { MAX_ALIASES, MAX_NESTING_DEPTH, countChar } from './limits';

export interface TextPosition {
  line: number;
  column: number;
}

export type FastRead =
  /** The value, as the `yaml` package would read it. */
  | { kind: 'value'; value: unknown }
  /** Read, nested at most MAX_NESTING_DEPTH deep, but the value may differ from `yaml`'s. */
  | { kind: 'untrusted' }
  /** js-yaml stopped at its first syntax error. */
  | { kind: 'syntax-error'; at: TextPosition; reason: string }
  /** Nested deeper than MAX_NESTING_DEPTH: refused. */
  | { kind: 'too-deep'; at: TextPosition };

/**
 * Texts where js-yaml and the `yaml` package read different values, or where only `yaml`
 * reports an error (each found by the differential fuzz test). Matching more than needed
 * only costs time (the slow path), never correctness. Flow collections and quoted scalars
 * continued on too-shallow lines are found by continuationScan.
 */
const DISAGREEMENTS: readonly RegExp[] = [
  // `%YAML 1.1` switches `yaml` to 1.1 scalars (`yes` is true); a tab-indented line is an error for `yaml`.
  /^[%\t]/,
  // Explicit `? key` entries and flow collections as keys (`[a]: 1`): js-yaml keys them "a", `yaml` "[ a ]".
  /(?:^|[\s[{,])\?(?:[ \t]|$)/,
  /[\]}][ \t]*:(?:[\s,\]}]|$)/,
  // Null and empty keys (`~: 1`, `{ a,: 1 }`): js-yaml keys them "null", `yaml` "".
  /(?:^|[\s,{[])(?:~|null|Null|NULL)?[ \t]*:(?:[\s,\]}]|$)/,
  // An empty item of a compact nested list (`- -`, then `- x`): js-yaml nests the next item.
  /-[ \t]+-[ \t]*(?:#.*)?\r?$/,
  // A comment glued to a flow collection or quote (`[a]#x`): an error for `yaml`.
  /[\]}"']#/,
  // A key after an anchor or tag on the same line (`a: &x b: c`): an error for `yaml`.
  /:[ \t]+[&!]\S*[ \t]+[^#\n]*?:(?:[ \t]|\r?$)/,
  // A carriage return without a line feed: js-yaml breaks the line, `yaml` keeps the character.
  /\r(?!\n)/,
];
const UNTRUSTED = new RegExp(DISAGREEMENTS.map((pattern) => `(?:${pattern.source})`).join('|'), 'm');

// maxDepth exists since js-yaml 4.1.1 (we require ^4.3) but is missing from @types/js-yaml.
const OPTIONS: LoadOptions & { maxDepth: number } = { schema: YAML12_CORE_SCHEMA, maxDepth: MAX_NESTING_DEPTH };

export function readFast(text: string): FastRead {
  let value: unknown;
  try {
    value = load(text, OPTIONS);
  } catch (error) {
    if (!(error instanceof YAMLException)) return { kind: 'syntax-error', at: { line: 1, column: 1 }, reason: String(error) };
    // Some errors (a second document) carry no mark, whatever the typings say.
    const mark = error.mark as YAMLException['mark'] | undefined;
    const at = mark ? { line: mark.line + 1, column: mark.column + 1 } : { line: 1, column: 1 };
    if (error.reason.startsWith('nesting exceeded maxDepth')) return { kind: 'too-deep', at };
    return { kind: 'syntax-error', at, reason: error.reason };
  }
  if (UNTRUSTED.test(text) || hasShallowContinuation(text)) return { kind: 'untrusted' };
  // Each `*` may be an alias; past the limit only the slow path can count them exactly.
  if (countChar(text, '*', MAX_ALIASES + 1) > MAX_ALIASES) return { kind: 'untrusted' };
  // An empty document is null for `yaml`, undefined for js-yaml.
  return { kind: 'value', value: value === undefined ? null : value };
}
