// Turns text offsets into the editor's 1-based line/column positions and ranges (columns in
// UTF-16 units, as VS Code and the `yaml` package's LineCounter count them), for every check.

import type { TextRange } from '../core/findings';

export type Position = TextRange['start'];

/** Line starts of a text, built once per text; binary search per lookup. */
export class TextPositions {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offsets outside the text are clamped to it, so a position always exists. */
  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.starts[low] + 1 };
  }

  /** Exactly [start, end): an empty range stays empty, as an insertion edit needs. */
  range(start: number, end: number): TextRange {
    return { start: this.position(start), end: this.position(end) };
  }

  /**
   * Range of [start, end) for a finding, always inside the text; an empty span grows to the next
   * character on the same line, so the editor has something to underline (at the end of a line
   * it stays empty).
   */
  markRange(start: number, end: number): TextRange {
    const from = Math.max(0, Math.min(start, this.text.length));
    let to = Math.max(from, Math.min(end, this.text.length));
    if (to === from && from < this.text.length && this.text[from] !== '\n' && this.text[from] !== '\r') to = from + 1;
    return { start: this.position(from), end: this.position(to) };
  }

  /** Offset of the start of a 1-based line (the text's end when past the last line). */
  lineStart(line: number): number {
    return line - 1 < this.starts.length ? this.starts[Math.max(0, line - 1)] : this.text.length;
  }

  /** Offset just before the line break (`\n` or `\r\n`) that ends this 1-based line. */
  lineEnd(line: number): number {
    if (line < 1 || line >= this.starts.length) return line < 1 ? 0 : this.text.length;
    let end = this.starts[line] - 1;
    if (end > 0 && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** Offset just past the last non-blank character of the line holding `offset` (before a comment too). */
  lineContentEnd(offset: number): number {
    return contentEnd(this.text, offset);
  }
}

/**
 * The first line's content, for findings about a whole document that have no better place;
 * it builds no line table, so it stays cheap on texts too large to check.
 */
export function firstLineRange(text: string): TextRange {
  return { start: { line: 1, column: 1 }, end: { line: 1, column: contentEnd(text, 0) + 1 } };
}

function contentEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  let end = newline === -1 ? text.length : newline;
  while (end > offset && /\s/.test(text[end - 1])) end -= 1;
  return end;
}
