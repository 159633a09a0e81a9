// Plain-text tables sized to the terminal. Every cell is escaped (core/displayText) before it is
// measured or cut, so a value with a newline or an ESC sequence stays in its cell, can never
// start a row of its own, and a masked URL is cut only after it was masked.
// When the natural widths do not fit, columns that are cut with an ellipsis shrink first (what
// they hide is least read), then the widest column that wraps gives up one character at a time,
// never below its minimum; only when the minimums cannot fit are the columns that may go left
// out (said under the table), and a last resort shrinks even the rest.

import { displayText } from '../core/displayText';
import { ellipsize, textWidth, wrapText } from './textWidth';

export interface Column {
  header: string;
  /**
   * How a value too long for the column is shown: `wrap` onto continuation lines (paths, URLs,
   * lists, sentences: they read whole), `ellipsis` (a value whose start says enough: a template),
   * `keep` (short codes: never shrunk but as a last resort, then wrapped).
   */
  overflow: 'wrap' | 'ellipsis' | 'keep';
  /** The width it is not shrunk below (the header always fits). */
  min?: number;
  /** Left out, lowest first, when even the minimums do not fit. */
  dropOrder?: number;
}

const GAP = '  ';
const DEFAULT_MIN = 8;

export function formatTable(columns: readonly Column[], cells: readonly string[][], width: number): string {
  const rows = cells.map((row) => columns.map((_, column) => displayText(row[column] ?? '')));
  const natural = columns.map((spec, column) => Math.max(textWidth(spec.header), ...rows.map((row) => textWidth(row[column]))));
  const minimum = columns.map((spec, column) =>
    spec.overflow === 'keep' ? natural[column] : Math.min(natural[column], Math.max(textWidth(spec.header), spec.min ?? DEFAULT_MIN)),
  );
  const shown = columns.map((_, column) => column);
  const room = () => width - GAP.length * (shown.length - 1);
  const sum = (widths: number[]) => shown.reduce((total, column) => total + widths[column], 0);
  const droppable = () => shown.filter((column) => columns[column].dropOrder !== undefined);
  while (sum(minimum) > room() && droppable().length > 0) {
    const drop = droppable().reduce((a, b) => ((columns[a].dropOrder ?? 0) <= (columns[b].dropOrder ?? 0) ? a : b));
    shown.splice(shown.indexOf(drop), 1);
  }
  const widths = [...natural];
  while (sum(widths) > room()) {
    const floor = (column: number) => (sum(minimum) > room() ? 1 : minimum[column]);
    const shrinkable = shown.filter((column) => widths[column] > floor(column));
    const cut = shrinkable.filter((column) => columns[column].overflow === 'ellipsis');
    const candidates = cut.length > 0 ? cut : shrinkable;
    if (candidates.length === 0) break;
    const widest = candidates.reduce((a, b) => (widths[b] > widths[a] ? b : a));
    widths[widest]--;
  }

  const cellLines = (text: string, column: number): string[] => {
    const fits = textWidth(text) <= widths[column];
    if (fits) return [text];
    return columns[column].overflow === 'ellipsis' ? [ellipsize(text, widths[column])] : wrapText(text, widths[column]);
  };
  const render = (row: string[]): string[] => {
    const parts = shown.map((column) => cellLines(row[column], column));
    const height = Math.max(...parts.map((part) => part.length));
    return Array.from({ length: height }, (_, line) =>
      shown
        .map((column, index) => {
          const text = parts[index][line] ?? '';
          return index === shown.length - 1 ? text : text + ' '.repeat(Math.max(0, widths[column] - textWidth(text)));
        })
        .join(GAP)
        .trimEnd(),
    );
  };
  const header = shown.map((column) => ellipsize(columns[column].header, widths[column]));
  const lines = [
    shown
      .map((column, index) => (index === shown.length - 1 ? header[index] : header[index].padEnd(widths[column])))
      .join(GAP)
      .trimEnd(),
    ...rows.flatMap(render),
  ];
  const dropped = columns.filter((_, column) => !shown.includes(column)).map((spec) => spec.header);
  if (dropped.length > 0) lines.push(`(${dropped.join(', ')} left out at ${width} columns; --json has every value)`);
  return lines.join('\n');
}
