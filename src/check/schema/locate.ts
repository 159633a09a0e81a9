// Finds where a value named by a JSON pointer (ajv's instancePath) stands in the `yaml`
// package's AST: its key, its value and the mapping that holds it. Aliases on the way are
// followed to their anchors, so a finding still lands on text the user wrote.

import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, Pair, YAMLMap, type Alias, type Document, type Node } from 'yaml';

export interface Spot {
  start: number;
  end: number;
}

export interface Located {
  /** The key of the pair whose value is the target (absent for list items and the root). */
  key?: Spot;
  /** The target's text; for a collection, from its first character. */
  value?: Spot;
  valueIsCollection: boolean;
  /** How far along the pointer the walk got: fewer than all segments when the path was not found. */
  depth: number;
}

/** ajv's JSON pointer, decoded ("/a~1b/0" → ["a/b", "0"]). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The key as `yaml`'s toJS names it: null is "", scalars are String(value). */
function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value);
}

/** A collection key's name, exactly as toJS makes it (rare: only explicit or flow keys). */
function collectionKeyName(doc: Document.Parsed, pair: Pair): string | undefined {
  if (!isCollection(pair.key)) return undefined;
  const single = new YAMLMap();
  single.items.push(new Pair(pair.key));
  try {
    return Object.keys(single.toJS(doc, { maxAliasCount: -1 }) as object)[0];
  } catch {
    // A key toJS cannot name is no key a JSON pointer names either.
    return undefined;
  }
}

export function locate(doc: Document.Parsed, aliasTargets: ReadonlyMap<Alias, Node>, segments: readonly string[]): Located {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  let depth = 0;
  for (const segment of segments) {
    const target = isAlias(node) ? aliasTargets.get(node) : node;
    let next: unknown;
    let nextPair: Pair | undefined;
    if (isMap(target)) {
      nextPair = pairNamed(target, segment);
      nextPair ??= target.items.find((item) => collectionKeyName(doc, item) === segment);
      next = nextPair?.value;
      if (!nextPair) break;
    } else if (isSeq(target)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= target.items.length) break;
      next = target.items[index];
      // A `- key: value` shorthand item is a pair; its value is what the pointer means.
      if (isPair(next)) next = next.value;
    } else {
      break;
    }
    node = next;
    pair = nextPair;
    depth += 1;
  }
  return {
    key: spotOf(pair?.key),
    value: spotOf(node),
    valueIsCollection: isCollection(node) || isPair(node),
    depth,
  };
}

/** Mappings large enough that a search per problem would cost more than indexing their keys once. */
const INDEXED_SIZE = 64;
const pairsByName = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The pair whose scalar key toJS names `name`; the last one wins, as in toJS (duplicates are reported separately). */
function pairNamed(map: YAMLMap, name: string): Pair | undefined {
  const items = map.items as Pair[];
  if (items.length < INDEXED_SIZE) {
    for (let i = items.length - 1; i >= 0; i -= 1) if (keyName(items[i].key) === name) return items[i];
    return undefined;
  }
  let index = pairsByName.get(map);
  if (!index) {
    index = new Map();
    for (const pair of items) {
      const key = keyName(pair.key);
      if (key !== undefined) index.set(key, pair);
    }
    pairsByName.set(map, index);
  }
  return index.get(name);
}

function spotOf(node: unknown): Spot | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as Node).range;
  if (!range) return undefined;
  // range[1] is the end of the value proper, before any trailing comment.
  return { start: range[0], end: range[1] };
}
