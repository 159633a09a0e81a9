// A fast reader for the files discovery reads (role defaults, playbooks, service definitions):
// js-yaml with a schema that resolves plain scalars exactly as the full parse does (PyYAML's
// YAML 1.1 for Ansible's files, the `yaml` package's 1.2 core schema for Certify's), and the position of every node from
// js-yaml's node events. It answers only when it is sure to match the full parse (parseYaml);
// any text it cannot vouch for gives undefined, and the caller parses it fully. Findings are
// never produced here: a text js-yaml rejects, or that looks unusual, takes the full parse.

import { FAILSAFE_SCHEMA, load, Type, type LoadOptions } from 'js-yaml';
import { mayDisagree } from './agreement';
import { PY_FALSE, PY_FLOAT, PY_INT, PY_NULL, PY_TIMESTAMP, PY_TRUE, pyFloat, pyInt } from './pyyamlScalars';
import { DIGITS, startingWith, YAML12_CORE_SCHEMA } from './yaml12Schema';
import type { SourceRef } from '../core/findings';
import { MAX_NESTING_DEPTH, MAX_YAML_BYTES, parseYaml, type ParsedYaml, type YamlDialect, type YamlEntry } from './parse';
import { contentStart, NULL_AT, spaceEnd } from './textScan';

/** Timestamps, merge keys and a lone `=` (an error for Ansible): left to the full parse. */
const UNSURE = [PY_TIMESTAMP, /^<<$/, /^=$/];

/** Set when a plain scalar of the text being read may resolve differently from the full parse. */
let unsure = false;

// Plain scalars resolved as PyYAML resolves them (pyyamlScalars, shared with the full parse).
// Each resolver first rules scalars out by their first character (see startingWith).
const nullType = new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: startingWith('~nN', (value) => PY_NULL.test(value)), construct: () => null });
const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: startingWith('yYnNtTfFoO', (value) => PY_TRUE.test(value) || PY_FALSE.test(value)),
  construct: (data: string) => PY_TRUE.test(data),
});
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: startingWith(`+-${DIGITS}`, (value) => {
    if (!PY_INT.test(value)) return false;
    // An integer Python's int() refuses (`0b_`) makes the file an error: the full parse reports it.
    if (pyInt(value) === undefined) unsure = true;
    return true;
  }),
  construct: (data: string) => pyInt(data) ?? data,
});
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: startingWith(`+-.${DIGITS}`, (value) => PY_FLOAT.test(value)),
  construct: (data: string) => pyFloat(data),
});
const isUnsure = startingWith(`<=${DIGITS}`, (value) => UNSURE.some((pattern) => pattern.test(value)));
// Never resolves: it only notes scalars this reader cannot vouch for.
const unsureType = new Type('tag:yaml.org,2002:unsure', {
  kind: 'scalar',
  resolve: (data) => {
    if (isUnsure(data)) unsure = true;
    return false;
  },
});

/** str/seq/map plus YAML 1.1's null, bool, int and float as PyYAML resolves them (Ansible's files). */
const YAML11_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType, unsureType] });
const OPTIONS: Record<YamlDialect, LoadOptions & { maxDepth: number }> = {
  '1.1': { schema: YAML11_SCHEMA, maxDepth: MAX_NESTING_DEPTH },
  '1.2': { schema: YAML12_CORE_SCHEMA, maxDepth: MAX_NESTING_DEPTH },
};

/**
 * Tags, anchors and aliases, directives, document ends, `---` followed by anything but a comment
 * (js-yaml and `yaml` disagree on `---#` and `--- key: value`), byte-order marks: left to the
 * full parse (alias limits and tags resolve there). Cheap to test, rare in discovery's files.
 */
const NOT_PLAIN = /[!&*]|^(?:%|\.\.\.|---(?![ \t]*\r?$|[ \t]+#))|\uFEFF/m;

/**
 * A node of the value js-yaml read, with the offset where it starts in the text: a mapping's
 * children are its keys and values in turn, a sequence's its items, a scalar has none.
 */
export interface LightNode {
  value: unknown;
  start: number;
  children: LightNode[];
}

/** What the fast reader read: the value and its nodes with their positions. */
export interface LightYaml {
  value: unknown;
  root: LightNode;
  /** The position of a node, as parseYaml's locate gives it for the same node of the `yaml` AST. */
  locate(node: LightNode): SourceRef;
}

/** A leaf's children: shared, replaced by a node's own array when it gets its first child. */
const NO_CHILDREN: LightNode[] = [];
/** The nodes being composed, innermost last (js-yaml reads synchronously: one read at a time). */
let stack: LightNode[] = [];

// js-yaml reports each node it composes: 'open' where the node (or the space before it) starts, 'close' with its value.
function listener(event: string, state: { position: number; result: unknown }): void {
  if (event === 'open') {
    stack.push({ value: undefined, start: state.position, children: NO_CHILDREN });
    return;
  }
  let node = stack.pop() as LightNode;
  node.value = state.result;
  // A node js-yaml tried as a mapping key and kept as it was: the same value, one level down.
  if (node.children.length === 1 && Object.is(node.children[0].value, node.value)) node = node.children[0];
  const parent = stack[stack.length - 1];
  if (parent.children === NO_CHILDREN) parent.children = [node];
  else parent.children.push(node);
}

const LISTENING_OPTIONS: Record<YamlDialect, LoadOptions> = {
  '1.1': { ...OPTIONS['1.1'], listener } as LoadOptions,
  '1.2': { ...OPTIONS['1.2'], listener } as LoadOptions,
};

/**
 * The one document of `text` read as the `yaml` package reads it (parseYaml with `dialect`), with
 * its nodes' positions; undefined when this reader cannot vouch for the text (it is then parsed fully).
 */
export function readYamlFast(file: string, text: string, dialect: YamlDialect): LightYaml | undefined {
  // A text that may pass the size limit is measured (the full parse refuses it with a finding).
  if ((text.length * 3 > MAX_YAML_BYTES && Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) || NOT_PLAIN.test(text) || mayDisagree(text)) return undefined;
  if (dialect === '1.1' && (mayEndInBlockScalar(text) || TAB_BEFORE_TOKEN.test(text) || COLON_BEFORE_FLOW.test(text))) return undefined;
  let value: unknown;
  unsure = false;
  stack = [{ value: undefined, start: 0, children: NO_CHILDREN }];
  try {
    value = load(text, LISTENING_OPTIONS[dialect]);
  } catch {
    return undefined;
  }
  const top = stack[0].children;
  const depth = stack.length;
  stack = [];
  // Only a mapping or a sequence: an empty or scalar document (`yaml` may read no document at all) takes the full parse.
  if (unsure || typeof value !== 'object' || value === null || depth !== 1 || top.length !== 1 || top[0].value !== value) return undefined;
  const root = top[0];
  if (!settle(text, root)) return undefined;
  let lineStarts: number[] | undefined;
  const locate = (node: LightNode): SourceRef => {
    lineStarts ??= startsOfLines(text);
    // The last line start at or before the node's start.
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= node.start) low = mid;
      else high = mid - 1;
    }
    return { file, line: low + 1, column: node.start - lineStarts[low] + 1 };
  };
  return { value, root, locate };
}

/**
 * Checks that the nodes match the value (so every position belongs to the value it is given
 * for) and moves each start past the space and comments before the node. False when anything
 * does not match: the caller then parses fully. Recursive: js-yaml's maxDepth bounds the nesting.
 */
function settle(text: string, node: LightNode): boolean {
  const { value, children } = node;
  const start = contentStart(text, node.start);
  // An empty node (`key:` with nothing after it) stands, for `yaml`, after the space that follows its indicator.
  node.start = value === null && !NULL_AT.test(text.slice(start, start + 5)) ? spaceEnd(text, node.start) : start;
  if (Array.isArray(value)) {
    if (children.length !== value.length) return false;
    for (let i = 0; i < children.length; i++) if (!Object.is(children[i].value, value[i]) || !settle(text, children[i])) return false;
    return true;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (children.length !== keys.length * 2) return false;
    for (let i = 0; i < keys.length; i++) {
      const key = children[2 * i];
      const item = children[2 * i + 1];
      // Only string keys: `yaml` keys other scalars by their value, which String() may not match.
      if (typeof key.value !== 'string' || key.value !== keys[i] || key.children.length > 0) return false;
      if (!Object.is(item.value, (value as Record<string, unknown>)[keys[i]])) return false;
      if (!settle(text, key) || !settle(text, item)) return false;
    }
    return true;
  }
  return children.length === 0;
}

/** A tab where libyaml may refuse it (a line's indentation, after `- `): js-yaml reads it, the full parse decides. */
const TAB_BEFORE_TOKEN = /^[ \t]*(?:[-?:][ \t]+)*[-?:]?\t/m;

/** `x:{` or `x:,`: libyaml refuses it inside a flow collection, js-yaml may read it; the full parse decides. */
const COLON_BEFORE_FLOW = /[^\s"'\]}]:[,?[\]{}]/;

/**
 * A text whose last line has content but no line break after it, and that holds a block scalar:
 * if that line ends the scalar, js-yaml adds a line break to its value that Ansible does not.
 */
function mayEndInBlockScalar(text: string): boolean {
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  if (lastLine.trim() === '' || lastLine.endsWith('\r')) return false;
  return text.includes('|') || text.includes('>');
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * parseYaml(file, text, dialect) for the files discovery reads: read by the fast reader when it
 * can vouch for the text, with the `yaml` AST (`ast`, `locate`) built only when something asks
 * for it. Identical to parseYaml in everything it returns.
 */
export function parseYamlLazy(file: string, text: string, dialect: YamlDialect): ParsedYaml {
  const fast = readYamlFast(file, text, dialect);
  if (!fast) return parseYaml(file, text, dialect);
  const entries = new Map<string, YamlEntry>();
  const { root, value } = fast;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (let i = 0; i < root.children.length; i += 2) {
      const key = root.children[i].value as string;
      entries.set(key, { value: root.children[i + 1].value, source: fast.locate(root.children[i]) });
    }
  }
  let full: ParsedYaml | undefined;
  const parsedFully = (): ParsedYaml => (full ??= parseYaml(file, text, dialect));
  return {
    file,
    documents: [value],
    entries,
    findings: [],
    light: fast,
    locate: (node) => parsedFully().locate(node),
    get ast() {
      return parsedFully().ast;
    },
  };
}
