// What Ansible's loader refuses in a document the `yaml` package composes without complaint:
// tags it has no constructor for (`!policy`, `!!python/name`), a tag on the wrong kind of node
// (`!!str` on a mapping), a list or mapping used as a key (Python cannot hash it), an empty key
// with nothing before its `:` (libyaml: "did not find expected key"), an anchor name libyaml
// cannot read (`&x#c`) or defined twice, `x:{` in a flow collection, a top-level block scalar's content at column 0. Found on the composed
// document, each as an error where it stands, in the package's error type so the first becomes
// the file's one finding. Tabs have their own module (ansibleTabs).

import { CST, isAlias, isCollection, isMap, isPair, isScalar, Scalar, visit, YAMLParseError, type Document, type ErrorCode, type Node } from 'yaml';

const Y = 'tag:yaml.org,2002:';
/** Tags Ansible constructs (PyYAML's SafeConstructor plus AnsibleConstructor's), by the node kind each takes. */
const SCALAR_TAGS = new Set([`${Y}null`, `${Y}bool`, `${Y}int`, `${Y}float`, `${Y}binary`, `${Y}timestamp`, `${Y}str`, `${Y}python/unicode`, '!vault', '!vault-encrypted']);
const MAP_TAGS = new Set([`${Y}map`, `${Y}python/dict`, `${Y}set`]);
const SEQ_TAGS = new Set([`${Y}seq`, `${Y}omap`, `${Y}pairs`]);
/** Ansible's `!unsafe` marks any node; the non-specific `!` leaves it as it is. */
const ANY_TAGS = new Set(['!unsafe', '!']);

const FLOW_INDICATORS = ',?[]{}';
const inFlow = (path: readonly unknown[]): boolean => path.some((parent) => isCollection(parent) && parent.flow);

/** libyaml's anchor and alias names (scan_anchor): the package allows any character but flow indicators. */
const ANCHOR_NAME = /^[A-Za-z0-9_-]+$/;

/** The errors Ansible's loader would raise on `doc` (read from `text`) that the `yaml` package did not. */
export function ansibleErrors(doc: Document.Parsed, text: string): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const anchors = new Set<string>();
  /** Refuses `node`, pointing at its property (`&` anchor or `!` tag) when `at` names one. */
  const refuse = (node: Node, code: ErrorCode, message: string, at?: '&' | '!'): void => {
    const start = at ? propertyStart(text, node.range?.[0] ?? 0, at) : (node.range?.[0] ?? 0);
    errors.push(new YAMLParseError([start, start + 1], code, message));
  };
  visit(doc, (_, node, path) => {
    if (node === null || typeof node !== 'object') return undefined;
    if (isPair(node)) {
      const key = node.key as Node | null;
      const target = isAlias(key) ? key.resolve(doc) : key;
      if (key && isCollection(target)) refuse(key, 'NON_STRING_KEY', 'Ansible cannot use a list or mapping as a key');
      if (isScalar(key) && key.source === '' && !key.tag && !key.anchor && !afterExplicitKey(text, key.range?.[0] ?? 0) && text[contentStart(text, key.range?.[0] ?? 0)] === ':') {
        refuse(key, 'MISSING_CHAR', 'A key is missing before this colon');
      }
      return undefined;
    }
    if (isScalar(node) && node.type === Scalar.PLAIN && inFlow(path)) {
      // libyaml's plain scalar in a flow collection refuses `:` directly before a flow indicator ("found unexpected ':'").
      const end = node.range?.[1] ?? 0;
      if (text[end] === ':' && FLOW_INDICATORS.includes(text[end + 1])) errors.push(new YAMLParseError([end, end + 1], 'MISSING_CHAR', 'Missing space after : in a flow collection'));
    }
    const name = isAlias(node) ? node.source : (node as { anchor?: string }).anchor;
    if (name !== undefined && !ANCHOR_NAME.test(name)) refuse(node as Node, 'BAD_ALIAS', `Ansible reads anchor names of letters, digits, - and _ only: ${name}`, isAlias(node) ? undefined : '&');
    if (name !== undefined && !isAlias(node)) {
      // PyYAML's composer refuses an anchor defined twice in one document ("found duplicate anchor").
      if (anchors.has(name)) refuse(node as Node, 'MULTIPLE_ANCHORS', `The anchor &${name} is defined twice; Ansible refuses that`, '&');
      anchors.add(name);
    }
    if (isScalar(node) && node === doc.contents && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)) {
      const atColumnZero = firstLineAtColumnZero(text, node.range?.[0] ?? 0, node.range?.[1] ?? 0);
      if (atColumnZero !== undefined) errors.push(new YAMLParseError([atColumnZero, atColumnZero + 1], 'BAD_INDENT', 'A block scalar at the top of a document must be indented'));
    }
    const tag = (node as { tag?: string }).tag;
    if (tag === undefined || ANY_TAGS.has(tag) || isAlias(node)) return undefined;
    const allowed = isScalar(node) ? SCALAR_TAGS : isMap(node) ? MAP_TAGS : SEQ_TAGS;
    if (allowed.has(tag)) return undefined;
    if (SCALAR_TAGS.has(tag) || MAP_TAGS.has(tag) || SEQ_TAGS.has(tag)) refuse(node as Node, 'BAD_COLLECTION_TYPE', `The tag ${shortTag(tag)} does not fit this value`, '!');
    else refuse(node as Node, 'TAG_RESOLVE_FAILED', `Ansible cannot read the tag ${shortTag(tag)}`, '!');
    return undefined;
  });
  return errors;
}

/**
 * A value after an explicit key (`? key`) with no `:` before it, as in `? key` followed by a
 * `- item` line at the key's column: libyaml refuses it ("did not find expected key"), and the
 * `yaml` package drops the list without a word (its CST holds it as the value of a pair with no
 * `:`, which composing skips). Found on the CST, since the composed document shows nothing.
 */
export function valuesWithoutColon(document: CST.Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  CST.visit(document, (item) => {
    const explicit = item.start.some((token) => token.type === 'explicit-key-ind');
    if (!explicit || !item.value || item.sep?.some((token) => token.type === 'map-value-ind')) return;
    const at = item.value.offset;
    errors.push(new YAMLParseError([at, at + 1], 'MISSING_CHAR', 'A value after an explicit key (?) needs a colon (:) before it'));
  });
  return errors;
}

/**
 * The first content line at column 0 of a block scalar (header at `start`): libyaml indents a
 * top-level block scalar's content by at least one space, so such a line ends the scalar and
 * is then an error ("expected <document start>"); the package reads it as content.
 */
function firstLineAtColumnZero(text: string, start: number, end: number): number | undefined {
  for (let line = text.indexOf('\n', start) + 1; line > 0 && line < end; line = text.indexOf('\n', line) + 1) {
    const char = text[line];
    if (char !== undefined && char !== ' ' && char !== '\n' && char !== '\r') return line;
  }
  return undefined;
}

/**
 * Where a node's anchor or tag starts: the last `&` or `!` (a `!!` tag's first) before the node's
 * content, which its properties precede. The package keeps no position for them.
 */
function propertyStart(text: string, contentStart: number, indicator: '&' | '!'): number {
  let at = text.lastIndexOf(indicator, contentStart);
  if (at === -1) return contentStart;
  while (indicator === '!' && text[at - 1] === '!') at -= 1;
  return at;
}

/** Does `offset` follow a `?` (with blanks between): an explicit key, which may be empty. */
function afterExplicitKey(text: string, offset: number): boolean {
  let at = offset - 1;
  while (text[at] === ' ' || text[at] === '\t') at -= 1;
  return text[at] === '?';
}

/** The first offset from `offset` that is neither white space nor comment (an empty key is placed before them). */
function contentStart(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    const char = text[at];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') at += 1;
    else if (char === '#') {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end;
    } else return at;
  }
}

const shortTag = (tag: string): string => (tag.startsWith(Y) ? `!!${tag.slice(Y.length)}` : tag);
