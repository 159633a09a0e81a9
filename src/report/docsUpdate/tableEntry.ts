// A service's row in a Markdown services table: whether the table has one already, and the row
// to add, in the table's own columns and layout (indentation, outer pipes, line endings), placed
// by container id when the rows are in id order, else after the last row.

import { Insertions, YamlLines } from '../../yaml/insertions';
import { bracketsId, mentionsName, mentionsRole, statesId } from './entryMatch';
import type { Table, TableRow } from './markdownBlocks';
import { cellValue, columnKind, markUp, NO_VALUE, type ColumnKind } from './tableColumns';
import type { DocFacts, DocsEdit } from './types';

export type RowMatch = { kind: 'present' } | { kind: 'absent' } | { kind: 'id-taken'; row: TableRow };

export function findRow(table: Table, facts: DocFacts): RowMatch {
  const kinds = table.header.cells.map(columnKind);
  const cellsOf = (row: TableRow, kind: ColumnKind): string[] => kinds.flatMap((k, i) => (k === kind ? [row.cells[i] ?? ''] : []));
  const identifying = kinds.some((kind) => kind === 'name' || kind === 'role');
  let taken: TableRow | undefined;
  for (const row of table.rows) {
    const named = identifying
      ? cellsOf(row, 'name').some((cell) => mentionsName(facts, cell)) || cellsOf(row, 'role').some((cell) => mentionsRole(facts, cell))
      : row.cells.some((cell) => mentionsName(facts, cell) || mentionsRole(facts, cell));
    if (named) return { kind: 'present' };
    const id = kinds.includes('id') ? cellsOf(row, 'id').some((cell) => statesId(facts, cell)) : row.cells.some((cell) => bracketsId(facts, cell));
    if (id) taken ??= row;
  }
  return taken ? { kind: 'id-taken', row: taken } : { kind: 'absent' };
}

export interface RowProposal {
  edit: DocsEdit;
  /** Columns left as "—" because Certify does not know the service's value. */
  unknownColumns: string[];
}

export function rowEdit(file: string, text: string, table: Table, facts: DocFacts, label: string): RowProposal {
  const target = new YamlLines(file, text);
  const kinds = table.header.cells.map(columnKind);
  const unknownColumns: string[] = [];
  const cells = kinds.map((kind, i) => {
    const others = table.rows.map((row) => row.cells[i] ?? '');
    const value = cellValue(kind, facts, others);
    if (value === undefined) {
      unknownColumns.push(table.header.cells[i]);
      return NO_VALUE;
    }
    return markUp(kind, value, others);
  });
  const after = insertAfter(table, kinds, facts);
  const model = target.lines[(table.rows[table.rows.length - 1]?.line ?? table.header.line) - 1].replace(/\r$/, '');
  const insertions = new Insertions(target);
  insertions.add(after, [rowText(model, cells)]);
  const [edit] = insertions.edits();
  return { edit: { ...edit, label }, unknownColumns };
}

/** The line the row goes after: before the first row with a larger id when the rows are in id order. */
function insertAfter(table: Table, kinds: ColumnKind[], facts: DocFacts): number {
  const last = table.rows[table.rows.length - 1]?.line ?? table.delimiterLine;
  const column = kinds.indexOf('id');
  if (column < 0 || facts.containerId === undefined || table.rows.length === 0) return last;
  const ids = table.rows.map((row) => (/^\d+$/.test(row.cells[column] ?? '') ? Number(row.cells[column]) : Number.NaN));
  const ordered = ids.every((id, i) => !Number.isNaN(id) && (i === 0 || ids[i - 1] <= id));
  if (!ordered) return last;
  const larger = ids.findIndex((id) => id > (facts.containerId as number));
  if (larger < 0) return last;
  return larger === 0 ? table.delimiterLine : table.rows[larger - 1].line;
}

/** Cells written the way the model line writes its row: its indentation and outer pipes. */
function rowText(model: string, cells: string[]): string {
  const indent = /^\s*/.exec(model)?.[0] ?? '';
  const trimmed = model.trim();
  const lead = trimmed.startsWith('|') ? '| ' : '';
  const tail = trimmed.endsWith('|') ? ' |' : '';
  return `${indent}${lead}${cells.join(' | ')}${tail}`;
}
