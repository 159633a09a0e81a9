// One way to walk a parsed file for discovery, whichever reader read it: the `yaml` package's
// AST, or the fast reader's nodes (both give the same values at the same positions).

import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SourceRef } from '../core/findings';
import type { LightNode, LightYaml } from './fastReader';
import type { ParsedYaml } from './parse';

/**
 * The two readings of a parsed file that discovery walks: the `yaml` AST, or the fast reader's
 * nodes (workspace/yamlFast) when it read the file, so discovery need not build the AST.
 */
export interface Tree<N> {
  isSeq(node: N | undefined): boolean;
  isMap(node: N | undefined): boolean;
  items(seq: N): N[];
  /** A mapping's [key, value] pairs. */
  pairs(map: N): [N, N | undefined][];
  /** The value node of the pair keyed `key`, as YAMLMap.get(key, true) finds it. */
  get(map: N, key: string): N | undefined;
  /** A scalar's value; undefined for collections. */
  scalar(node: N | undefined): { value: unknown } | undefined;
  locate(node: N | undefined): SourceRef;
}

export const astTree = (parsed: ParsedYaml): Tree<Node> => ({
  isSeq: (node) => isSeq(node),
  isMap: (node) => isMap(node),
  items: (seq) => (seq as YAMLSeq<Node>).items,
  pairs: (map) => (map as YAMLMap<Node, Node>).items.map((pair) => [pair.key, pair.value ?? undefined]),
  get: (map, key) => (map as YAMLMap).get(key, true) as Node | undefined,
  scalar: (node) => (isScalar(node) ? { value: node.value } : undefined),
  locate: (node) => parsed.locate(node),
});

const isPlainMap = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

export const lightTree = (light: LightYaml): Tree<LightNode> => ({
  isSeq: (node) => node !== undefined && Array.isArray(node.value),
  isMap: (node) => node !== undefined && isPlainMap(node.value),
  items: (seq) => seq.children,
  pairs: (map) => {
    const pairs: [LightNode, LightNode][] = [];
    for (let i = 0; i < map.children.length; i += 2) pairs.push([map.children[i], map.children[i + 1]]);
    return pairs;
  },
  get: (map, key) => {
    for (let i = 0; i < map.children.length; i += 2) if (map.children[i].value === key) return map.children[i + 1];
    return undefined;
  },
  scalar: (node) => (node !== undefined && (typeof node.value !== 'object' || node.value === null) ? { value: node.value } : undefined),
  // Like the AST's locate: no node stands at the start of the text.
  locate: (node) => light.locate(node ?? { value: undefined, start: 0, children: [] }),
});
