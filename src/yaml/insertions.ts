// Precise insertions into existing YAML text, for quick fixes and the scaffold's proposed edits:
// after the last line of an entry, with the indentation and line breaks the file already uses.
// Insertions at one place are merged into one edit, so a front end can apply the edits in any
// order of equal positions.

import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FixEdit } from '../core/findings';
import { parseYaml } from './parse';

/** A text and the positions of the nodes of its parse (which the caller already has). */
export class YamlLines {
  readonly lines: string[];
  readonly newline: string;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = text.split('\n');
    this.newline = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** 1-based line of the last character of a node (trailing blanks, comments on later lines excluded). */
  lastLine(node: Node): number {
    let end = node.range?.[1] ?? 0;
    const start = node.range?.[0] ?? 0;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return this.lineOf(Math.max(end - 1, start));
  }

  /** The last line of an entry: its value's, or its key's when the value is empty. */
  pairEnd(pair: Pair<Node, Node | null>): number {
    const value = pair.value;
    return value && value.range && value.range[1] > value.range[0] ? this.lastLine(value) : this.lastLine(pair.key);
  }

  lineOf(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) if (this.text[i] === '\n') line++;
    return line;
  }

  /** Leading blanks of a 1-based line. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lines[line - 1] ?? '')?.[0] ?? '';
  }

  /** The indentation of the dash of a block sequence's items ("  " in "  - gitea"). */
  dashIndent(seq: Node): string | undefined {
    if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
    const first = seq.items[0] as Node;
    const line = this.lineOf(first.range?.[0] ?? 0);
    return /^(\s*)-\s/.exec(this.lines[line - 1] ?? '')?.[1];
  }

  /** The indentation of the keys of a block mapping. */
  keyIndent(map: Node): string | undefined {
    if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
    const key = map.items[0].key as Node;
    return this.indentOf(this.lineOf(key.range?.[0] ?? 0));
  }

  /** Number of lines with content (a final newline does not start another line). */
  get lineCount(): number {
    return this.text.endsWith('\n') ? this.lines.length - 1 : this.lines.length;
  }
}

/** A file parsed here (YAML 1.1) for the scaffold, which proposes edits only to files that parse. */
export class YamlFile extends YamlLines {
  /** The top-level mapping; undefined when the file does not parse or is not a mapping. */
  readonly root?: YAMLMap;
  /** False when the file does not parse: nothing is proposed for it. */
  readonly ok: boolean;

  constructor(file: string, text: string) {
    super(file, text);
    const parsed = parseYaml(file, text, '1.1');
    const contents = parsed.ast?.contents as Node | null | undefined;
    this.ok = parsed.findings.length === 0 && (contents === null || contents === undefined || isMap(contents));
    if (this.ok && isMap(contents)) this.root = contents;
  }

  /** A top-level entry by key. */
  pair(key: string): Pair<Node, Node | null> | undefined {
    return this.root?.items.find((item) => isScalar(item.key) && String(item.key.value) === key) as Pair<Node, Node | null> | undefined;
  }

  topLevelKeys(): string[] {
    return (this.root?.items ?? []).flatMap((item) => (isScalar(item.key) ? [String(item.key.value)] : []));
  }
}

/**
 * An edit appending `items` (list items without the list's own indentation, e.g. "- gitea")
 * after the last item of the block list `list`; undefined for flow lists (`[a, b]`), empty ones
 * and nodes without a position.
 */
export function appendToBlockList(target: YamlLines, list: Node | null | undefined, items: readonly string[]): FixEdit | undefined {
  if (!isSeq(list) || !list.range) return undefined;
  const dash = target.dashIndent(list);
  if (dash === undefined) return undefined;
  const insertions = new Insertions(target);
  insertions.add(target.lastLine(list), items.map((item) => `${dash}${item}`));
  return insertions.edits()[0];
}

/** Collects insertions after given lines of one file and turns them into edits. */
export class Insertions {
  private readonly after = new Map<number, string[]>();

  constructor(private readonly target: YamlLines) {}

  /** Inserts `lines` after 1-based line `line` (0: at the top); later calls at one line follow earlier ones. */
  add(line: number, lines: string[]): void {
    this.after.set(line, [...(this.after.get(line) ?? []), ...lines]);
  }

  /** Appends at the end of the file. */
  append(lines: string[]): void {
    this.add(this.target.lineCount, lines);
  }

  get size(): number {
    return this.after.size;
  }

  edits(): FixEdit[] {
    const { file, newline, lines, text } = this.target;
    const result: FixEdit[] = [];
    for (const [line, added] of [...this.after].sort((a, b) => a[0] - b[0])) {
      const body = added.join(newline);
      const atEnd = line >= this.target.lineCount && !text.endsWith('\n') && text.length > 0;
      const position = atEnd ? { line, column: (lines[line - 1] ?? '').length + 1 } : { line: line + 1, column: 1 };
      result.push({ kind: 'replace', file, range: { start: position, end: position }, newText: atEnd ? `${newline}${body}` : `${body}${newline}` });
    }
    return result;
  }
}
