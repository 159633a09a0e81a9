// One HTML table of the report: column headers (a number column right-aligned) and rows already
// rendered. Header texts are the report's own words, escaped here like any other text.

import { escapeHtml as e } from './htmlEscape';

/** A column: its header, and whether it holds numbers (right-aligned, `class="num"`). */
export type TableColumn = string | { readonly header: string; readonly num: true };

export function tableHtml(columns: readonly TableColumn[], rows: readonly string[]): string {
  const heads = columns.map((column) => (typeof column === 'string' ? `<th scope="col">${e(column)}</th>` : `<th scope="col" class="num">${e(column.header)}</th>`));
  return `<table><thead><tr>${heads.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A number column. */
export const num = (header: string): TableColumn => ({ header, num: true });
