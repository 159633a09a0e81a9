// Tabs as libyaml (Ansible's YAML reader) accepts and refuses them, on a document the `yaml`
// package composed. libyaml skips a tab as white space only where no new block token may start:
// after a key's `:` or any other token of the line, inside scalars and flow collections. Where a
// token may start (a line's indentation, blank and comment lines too, right after `- ` or `? `)
// a tab "cannot start any token". Two places follow their own rules: the blank lines right after
// a plain scalar belong to it, and a tab there is refused only left of the scalar's block indent
// plus one; and a block scalar whose indentation is detected from its first line refuses a tab
// in the indentation of that line and the blank lines before it. The package's own tab rules
// differ in both directions, so for Ansible's files these rules replace them.

import { isCollection, isScalar, Scalar, visit, YAMLParseError, type Document, type Node } from 'yaml';

/** The line's text before a tab: blanks and block indicators (`-`, `?`, `:` of `? key`) only. */
const BEFORE_TOKEN = /^[ \t]*(?:[-?:][ \t]+)*[-?:]?$/;
/** A block scalar's header with an explicit indentation digit (`|2`, `>-1`). */
const EXPLICIT_INDENT = /^[|>][-+]?[1-9]|^[|>][1-9]/;

interface Layout {
  /** Where scalars and flow collections stand, [start, end). */
  inside: [number, number][];
  /** A plain scalar in a block, by the offset where it ends: the column of the block around it (-1 at the top). */
  plainEnds: Map<number, number>;
  /** Block scalars whose indentation libyaml detects from their first lines. */
  detected: [number, number][];
}

/** The first tab libyaml would refuse in `text` (composed into `docs`), as an error; undefined when none. */
export function refusedTab(text: string, docs: readonly Document.Parsed[]): YAMLParseError | undefined {
  if (!text.includes('\t')) return undefined;
  const layout: Layout = { inside: [], plainEnds: new Map(), detected: [] };
  for (const doc of docs) describe(doc, text, layout);
  const candidates = [tabBeforeToken(text, layout), tabInDetectedIndent(text, layout)].filter((at): at is number => at !== undefined);
  if (candidates.length === 0) return undefined;
  const at = Math.min(...candidates);
  return new YAMLParseError([at, at + 1], 'TAB_AS_INDENT', 'A tab stands where YAML expects the next item');
}

function describe(doc: Document.Parsed, text: string, layout: Layout): void {
  visit(doc, (_, node, path) => {
    if (node === null || typeof node !== 'object') return;
    const range = (node as Node).range;
    if (!range) return;
    if (isCollection(node) && node.flow) layout.inside.push([range[0], range[1]]);
    // An empty node (`key:` with no value, an empty document) holds no text, though its range may span blank lines.
    if (!isScalar(node) || node.source === '') return;
    layout.inside.push([range[0], range[1]]);
    if (node.type === Scalar.PLAIN && !path.some((parent) => isCollection(parent) && parent.flow)) {
      const block = [...path].reverse().find((parent) => isCollection(parent)) as Node | undefined;
      layout.plainEnds.set(range[1], block?.range ? columnOf(text, block.range[0]) : -1);
    }
    if ((node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) && !EXPLICIT_INDENT.test(text.slice(range[0], range[0] + 4))) {
      layout.detected.push([range[0], range[1]]);
    }
  });
  layout.inside.sort((a, b) => a[0] - b[0]);
}

/** The first tab where a block token may start, outside scalars and flow collections. */
function tabBeforeToken(text: string, layout: Layout): number | undefined {
  const { inside } = layout;
  let next = 0;
  let coveredTo = -1;
  for (let at = text.indexOf('\t'); at !== -1; at = text.indexOf('\t', at + 1)) {
    while (next < inside.length && inside[next][0] <= at) coveredTo = Math.max(coveredTo, inside[next++][1]);
    if (at < coveredTo) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const before = text.slice(lineStart, at);
    if (!BEFORE_TOKEN.test(before)) continue;
    const blockIndent = /^[ \t]*$/.test(before) ? plainScalarBefore(text, lineStart, layout) : undefined;
    if (blockIndent === undefined || at - lineStart < blockIndent + 1) return at;
  }
  return undefined;
}

/** The block indent of the plain scalar that only blank lines separate from `lineStart`, if any. */
function plainScalarBefore(text: string, lineStart: number, layout: Layout): number | undefined {
  let at = lineStart - 1;
  while (at >= 0 && /[ \t\r\n]/.test(text[at])) at -= 1;
  return layout.plainEnds.get(at + 1);
}

/** The first tab in the indentation of a detected block scalar's first lines (up to its first content). */
function tabInDetectedIndent(text: string, layout: Layout): number | undefined {
  let first: number | undefined;
  for (const [start, end] of layout.detected) {
    let line = text.indexOf('\n', start) + 1;
    while (line > 0 && line < end) {
      let at = line;
      while (text[at] === ' ') at += 1;
      if (text[at] === '\t') {
        first = first === undefined ? at : Math.min(first, at);
        break;
      }
      if (text[at] !== '\n' && text[at] !== '\r' && at < text.length) break;
      line = text.indexOf('\n', at) + 1;
    }
  }
  return first;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
