// The parts of a Markdown document a docs entry goes into: headings, tables and bullet lists,
// outside fenced code blocks. Line numbers are 1-based; a CRLF file's '\r' is not part of a line.

export interface Heading {
  line: number;
  level: number;
  title: string;
}

export interface TableRow {
  line: number;
  cells: string[];
}

export interface Table {
  header: TableRow;
  /** The `| --- | --- |` line. */
  delimiterLine: number;
  rows: TableRow[];
}

export interface ListItem {
  line: number;
  /** The item's last line (continuation lines included). */
  lastLine: number;
  /** The leading blanks and the marker with its following blank: "- ", "  * ". */
  prefix: string;
  text: string;
}

export interface BulletList {
  items: ListItem[];
}

export interface MarkdownBlocks {
  headings: Heading[];
  tables: Table[];
  lists: BulletList[];
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const BULLET = /^(\s*[-*+]\s+)(.*)$/;

export function markdownLines(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

export function markdownBlocks(lines: readonly string[]): MarkdownBlocks {
  const blocks: MarkdownBlocks = { headings: [], tables: [], lists: [] };
  let fenced = false;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (FENCE.test(line)) {
      fenced = !fenced;
      i++;
      continue;
    }
    if (fenced) {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.headings.push({ line: i + 1, level: heading[1].length, title: heading[2] });
      i++;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && DELIMITER.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      const table: Table = { header: { line: i + 1, cells: splitRow(line) }, delimiterLine: i + 2, rows: [] };
      i += 2;
      while (i < lines.length && lines[i].includes('|') && lines[i].trim() !== '' && !FENCE.test(lines[i])) {
        table.rows.push({ line: i + 1, cells: splitRow(lines[i]) });
        i++;
      }
      blocks.tables.push(table);
      continue;
    }
    if (BULLET.test(line)) {
      const list = readList(lines, i);
      blocks.lists.push(list.list);
      i = list.next;
      continue;
    }
    i++;
  }
  return blocks;
}

/** The cells of a table line: split at unescaped pipes, the outer pipes dropped, each trimmed. */
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && line[i + 1] === '|') {
      current += '\\|';
      i++;
    } else if (char === '|') {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) cells.pop();
  return cells.map((cell) => cell.trim());
}

/**
 * A bullet list from its first item: items at the first item's indentation, with their
 * continuation lines (indented deeper) and the blank lines between items.
 */
function readList(lines: readonly string[], start: number): { list: BulletList; next: number } {
  const first = BULLET.exec(lines[start]) as RegExpExecArray;
  const indent = /^\s*/.exec(first[1])?.[0].length ?? 0;
  const items: ListItem[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    const bullet = BULLET.exec(line);
    if (bullet && (/^\s*/.exec(bullet[1])?.[0].length ?? 0) === indent) {
      items.push({ line: i + 1, lastLine: i + 1, prefix: bullet[1], text: bullet[2] });
      i++;
      continue;
    }
    const deeper = line.trim() !== '' && (/^\s*/.exec(line)?.[0].length ?? 0) > indent;
    if (deeper && items.length > 0) {
      items[items.length - 1].lastLine = i + 1;
      i++;
      continue;
    }
    // A blank line continues the list only when another item follows it.
    if (line.trim() === '') {
      let next = i + 1;
      while (next < lines.length && lines[next].trim() === '') next++;
      const after = next < lines.length ? BULLET.exec(lines[next]) : null;
      if (after && (/^\s*/.exec(after[1])?.[0].length ?? 0) === indent) {
        i = next;
        continue;
      }
    }
    break;
  }
  return { list: { items }, next: i };
}

/** The lines a heading's section spans: up to the next heading of the same or a higher level. */
export function sectionEnd(blocks: MarkdownBlocks, heading: Heading, lineCount: number): number {
  const next = blocks.headings.find((other) => other.line > heading.line && other.level <= heading.level);
  return next ? next.line - 1 : lineCount;
}
