// The fast reader: js-yaml (about 10× faster than building the `yaml` package's AST) turns
// the text into plain values. The `yaml` package stays the reference: wherever js-yaml's
// answer might differ from it, the result is marked untrusted and the caller takes the slow path.

import { load, YAMLException, type LoadOptions } from 'js-yaml';
import { mayDisagree } from '../../yaml/agreement';
import { YAML12_CORE_SCHEMA } from '../../yaml/yaml12Schema';
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
  if (mayDisagree(text)) return { kind: 'untrusted' };
  // Each `*` may be an alias; past the limit only the slow path can count them exactly.
  if (countChar(text, '*', MAX_ALIASES + 1) > MAX_ALIASES) return { kind: 'untrusted' };
  // An empty document is null for `yaml`, undefined for js-yaml.
  return { kind: 'value', value: value === undefined ? null : value };
}
