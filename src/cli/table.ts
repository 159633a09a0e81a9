// Plain-text tables for terminal output: columns padded to their widest cell. Every cell is
// escaped (core/displayText), so a value with a newline or an ESC sequence stays in its cell and
// can never start a row of its own.

import { displayText } from '../core/displayText';

export function formatTable(header: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(displayText));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
