// How deep a YAML document nests, measured on the `yaml` package's CST before anything is
// composed. Its lexer and parser keep their own stacks, but composing a document (and every
// walk of the result) recurses once per level and overflows the call stack at about a thousand
// levels; a document deeper than the limit is refused before it gets there.

import type { CST } from 'yaml';

/**
 * Where the document first nests collections more than `limit` levels deep (the offset of the
 * collection one level too deep), or undefined. Iterative, so any depth is measured safely.
 *
 * A collection counts one level, as js-yaml's maxDepth counts it (js-yaml counts scalars too,
 * so whatever it accepts at maxDepth = limit is within this limit), so the fast reader never
 * vouches for a text this refuses.
 */
export function tooDeepAt(token: CST.Token, limit: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = [{ token, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token: current, depth } = next;
    if (current.type === 'document') {
      if (current.value) stack.push({ token: current.value, depth });
      continue;
    }
    if (current.type !== 'block-map' && current.type !== 'block-seq' && current.type !== 'flow-collection') continue;
    const level = depth + 1;
    if (level > limit) return current.offset;
    // Pushed last to first, so the first collection too deep in document order is the one found.
    for (let i = current.items.length - 1; i >= 0; i--) {
      const item: CST.CollectionItem = current.items[i];
      if (item.value) stack.push({ token: item.value, depth: level });
      if (item.key) stack.push({ token: item.key, depth: level });
    }
  }
  return undefined;
}
