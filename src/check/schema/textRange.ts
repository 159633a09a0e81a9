// Turns offsets into the editor's 1-based line/column ranges (columns in UTF-16 units, as
// VS Code counts them), always inside the text, never empty unless the text is.

import type { TextRange } from '../../core/findings';

/** Line starts of a text, built once per slow-path validation; binary search per lookup. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; column: number } {
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

  /** Offset just past the last non-blank character of the line holding `offset` (before a comment too). */
  lineContentEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    let end = newline === -1 ? this.text.length : newline;
    while (end > offset && /\s/.test(this.text[end - 1])) end -= 1;
    return end;
  }

  /**
   * Range of [start, end); an empty span grows to the next character on the same line, so
   * the editor has something to underline (at the end of a line it stays empty).
   */
  range(start: number, end: number): TextRange {
    const from = Math.max(0, Math.min(start, this.text.length));
    let to = Math.max(from, Math.min(end, this.text.length));
    if (to === from && from < this.text.length && this.text[from] !== '\n' && this.text[from] !== '\r') to = from + 1;
    return { start: this.position(from), end: this.position(to) };
  }
}

/** The first line's content, for findings about a whole document that have no better place. */
export function firstLineRange(text: string): TextRange {
  const newline = text.indexOf('\n');
  let end = newline === -1 ? text.length : newline;
  while (end > 0 && /\s/.test(text[end - 1])) end -= 1;
  return { start: { line: 1, column: 1 }, end: { line: 1, column: end + 1 } };
}
