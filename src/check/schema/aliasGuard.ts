// Refuses values whose aliases would blow up: an alias is a shared reference in the parsed
// value, so a "billion laughs" document is small in memory but astronomically large to walk
// (ajv, toJS, JSON). This measures the walked size with memoisation, in time linear in the
// number of distinct values, and stops as soon as the limit is passed.

import { MAX_ALIAS_EXPANSION } from './limits';

export type ExpansionProblem = { kind: 'cycle' } | { kind: 'expansion'; limit: number };

class Refused {
  constructor(readonly problem: ExpansionProblem) {}
}

/**
 * Only values read from text with aliases can share references, so callers skip this for
 * texts without `*`. Depth is bounded by the readers (js-yaml's maxDepth, the bracket limit).
 */
export function checkAliasExpansion(value: unknown, limit = MAX_ALIAS_EXPANSION): ExpansionProblem | undefined {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let extra = 0;

  const walk = (node: unknown): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) {
      // Seen before: every further reference is an alias that repeats the whole subtree.
      extra += known;
      if (extra > limit) throw new Refused({ kind: 'expansion', limit });
      return known;
    }
    if (open.has(node)) throw new Refused({ kind: 'cycle' });
    open.add(node);
    let size = 1;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) size += walk(child);
    open.delete(node);
    sizes.set(node, size);
    return size;
  };

  try {
    walk(value);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.problem;
    throw error;
  }
}
