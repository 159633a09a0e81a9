// The container-mapping document's row for the service (the workflow's
// "| <ID> | <Service> | <Network> | <Resources> | ✅ Automated | Backup: ✅ |"), in the columns
// the document's table has: the first table of the document with a container id column.

import { markdownBlocks, markdownLines } from './markdownBlocks';
import { columnKind } from './tableColumns';
import { findRow, rowEdit } from './tableEntry';
import { idTaken, unknownNote } from './tableNotes';
import type { DocFacts, DocsUpdate } from './types';

/** Where the workflow keeps it; a repo may keep it elsewhere under docs/. */
export const CONTAINER_MAPPING = 'docs/container-mapping.md';
const MAPPING_FILE = /^(docs\/)?(?:[^/]+\/)?container[-_]?mapping\.md$/i;

export function containerMappingEdits(texts: ReadonlyMap<string, string>, facts: DocFacts): DocsUpdate {
  const file = texts.has(CONTAINER_MAPPING) ? CONTAINER_MAPPING : [...texts.keys()].filter((candidate) => MAPPING_FILE.test(candidate)).sort()[0];
  const text = file === undefined ? undefined : texts.get(file);
  if (file === undefined || text === undefined) {
    return { edits: [], notes: [`The repo has no ${CONTAINER_MAPPING}: no container-mapping row was proposed for ${facts.name}.`] };
  }
  const table = markdownBlocks(markdownLines(text)).tables.find((candidate) => candidate.header.cells.map(columnKind).includes('id'));
  if (!table) return { edits: [], notes: [`${file} has no table with a container id column: add ${facts.name}'s row by hand.`] };
  const match = findRow(table, facts);
  if (match.kind === 'present') return { edits: [], notes: [] };
  if (match.kind === 'id-taken') return { edits: [], notes: [idTaken(file, match.row.line, facts)] };
  const { edit, unknownColumns } = rowEdit(file, text, table, facts, `Add ${facts.name}'s row to ${file}`);
  return { edits: [edit], notes: unknownNote(file, facts, unknownColumns) };
}
