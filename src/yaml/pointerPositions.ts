// Where the values named by JSON pointers stand in a YAML 1.2 text, found without building the
// `yaml` package's AST: js-yaml reads the text once more with its node events, each node keeps
// where it starts and ends, and only the nodes along a pointer's path are settled and checked.
// The answer is the one the `yaml` AST gives (its ranges: [start, end) of a key or value); any
// text or path this reader cannot vouch for gives undefined, and the caller asks the full parse.
// test/unit/yaml/pointerPositions.test.ts holds it to the full parse's positions.

import { load, type LoadOptions } from 'js-yaml';
import { MAX_NESTING_DEPTH } from './parse';
import { YAML12_CORE_SCHEMA } from './yaml12Schema';
import { contentStart, NULL_AT, spaceEnd } from './textScan';

export interface PointerSpot {
  start: number;
  end: number;
}

/** As check/schema's locate answers it for the `yaml` AST. */
export interface PointerLocation {
  /** The key of the pair whose value is the target (absent for list items and the root). */
  key?: PointerSpot;
  /** The target's text; for a collection, from its first character. */
  value?: PointerSpot;
  valueIsCollection: boolean;
  /** How far along the pointer the walk got: fewer than all segments when the path was not found. */
  depth: number;
}

export interface PointerPositions {
  /** The location of the value at `segments`, or undefined when only the full parse can tell. */
  locate(segments: readonly string[]): PointerLocation | undefined;
}

interface Node {
  value: unknown;
  /** Where js-yaml opened the node (before the space ahead of it); settled once on first use. */
  start: number;
  /** Where js-yaml closed the node (for a scalar: past it, with any trailing space). */
  end: number;
  children: Node[];
  settled: boolean;
}

/**
 * Anchors, aliases and tags (their nodes are shared or re-typed), merge keys, directives and
 * document markers, byte-order marks: left to the full parse, like anything `yaml` may read
 * differently from js-yaml (agreement.ts, which the caller has checked). A node property starts
 * a line or follows space, a flow indicator or a colon (`{"a":*x}`); `!` inside a word
 * (`automation@pve!ansible`) is text.
 */
const NOT_PLAIN = /(?:^|[\s[\]{},:])[!&*]|<<|^(?:%|\.\.\.|---)|\uFEFF/m;

const NO_CHILDREN: Node[] = [];
let stack: Node[] = [];

function listener(event: string, state: { position: number; result: unknown }): void {
  if (event === 'open') {
    stack.push({ value: undefined, start: state.position, end: state.position, children: NO_CHILDREN, settled: false });
    return;
  }
  let node = stack.pop() as Node;
  node.value = state.result;
  node.end = state.position;
  // A node js-yaml tried as a mapping key and kept as it was: the same value, one level down.
  if (node.children.length === 1 && Object.is(node.children[0].value, node.value)) node = node.children[0];
  const parent = stack[stack.length - 1];
  if (parent.children === NO_CHILDREN) parent.children = [node];
  else parent.children.push(node);
}

const OPTIONS = { schema: YAML12_CORE_SCHEMA, maxDepth: MAX_NESTING_DEPTH, listener } as LoadOptions;

/**
 * Reads `text` for positions: a YAML 1.2 document js-yaml reads as the `yaml` package does (the
 * caller has checked agreement.ts's mayDisagree, as the schema engine's fast reader does before it
 * trusts a value); undefined when the text holds anything this reader leaves to the full parse.
 */
export function readPointerPositions(text: string): PointerPositions | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  let read: unknown;
  stack = [{ value: undefined, start: 0, end: 0, children: NO_CHILDREN, settled: false }];
  try {
    read = load(text, OPTIONS);
  } catch {
    stack = [];
    return undefined;
  }
  const top = stack[0].children;
  const depth = stack.length;
  stack = [];
  if (typeof read !== 'object' || read === null || depth !== 1 || top.length !== 1 || top[0].value !== read) return undefined;
  const root = top[0];
  return { locate: (segments) => locateIn(text, root, segments) };
}

function locateIn(text: string, root: Node, segments: readonly string[]): PointerLocation | undefined {
  if (!settle(text, root)) return undefined;
  let node = root;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of segments) {
    const value = node.value;
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (Array.isArray(value)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= value.length) break;
      if (node.children.length !== value.length) return undefined;
      next = node.children[index];
      if (!Object.is(next.value, value[index])) return undefined;
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      if (node.children.length !== keys.length * 2) return undefined;
      for (let i = 0; i < keys.length; i++) {
        const candidate = node.children[2 * i];
        // Only plain string keys: `yaml` names other scalars by String(value), which may differ.
        if (typeof candidate.value !== 'string' || candidate.value !== keys[i] || candidate.children.length > 0) return undefined;
        if (keys[i] === segment) {
          nextKey = candidate;
          next = node.children[2 * i + 1];
          if (!Object.is(next.value, (value as Record<string, unknown>)[keys[i]])) return undefined;
        }
      }
      if (!next) break;
    } else {
      break;
    }
    if (nextKey && !settle(text, nextKey)) return undefined;
    if (!settle(text, next)) return undefined;
    node = next;
    key = nextKey;
    depth += 1;
  }
  const keySpot = key ? scalarSpot(text, key) : undefined;
  if (key && !keySpot) return undefined;
  const isCollection = typeof node.value === 'object' && node.value !== null;
  const valueSpot = isCollection ? { start: node.start, end: node.end } : scalarSpot(text, node);
  if (!valueSpot) return undefined;
  return { key: keySpot, value: valueSpot, valueIsCollection: isCollection, depth };
}

/** [start, end) of a scalar as the `yaml` AST ranges it; undefined for block scalars (left to the full parse). */
function scalarSpot(text: string, node: Node): PointerSpot | undefined {
  const first = text.charCodeAt(node.start);
  if (first === 0x7c /* | */ || first === 0x3e /* > */) return undefined;
  if (node.value === null && !NULL_AT.test(text.slice(node.start, node.start + 5))) return { start: node.start, end: node.start };
  let end = node.end;
  while (end > node.start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= node.start) return undefined;
  return { start: node.start, end };
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Moves a node's start past the space and comments before it, as the `yaml` AST starts it
 * (the rule fastReader's settle follows, held to the full parse by its differential test).
 */
function settle(text: string, node: Node): boolean {
  if (node.settled) return true;
  const start = contentStart(text, node.start);
  // An empty node (`key:` with nothing after it) stands, for `yaml`, after the space that follows its indicator.
  node.start = node.value === null && !NULL_AT.test(text.slice(start, start + 5)) ? spaceEnd(text, node.start) : start;
  if (node.end < node.start) node.end = node.start;
  node.settled = true;
  return true;
}

