// The README's service list: a table or bullet list under a "Services" heading (or, without
// one, a table with a service column). A table gets a row in its own columns; a list gets the
// workflow's item, "- <Service> (<Container ID>) - <Description>", with the list's own marker.

import { Insertions, YamlLines } from '../../yaml/insertions';
import { bracketsId, mentionsName, mentionsRole } from './entryMatch';
import { markdownBlocks, markdownLines, sectionEnd, type BulletList, type MarkdownBlocks, type Table } from './markdownBlocks';
import { findRow, rowEdit } from './tableEntry';
import { columnKind } from './tableColumns';
import { idTaken, unknownNote } from './tableNotes';
import type { DocFacts, DocsUpdate } from './types';

export const README = 'README.md';
const SERVICES_HEADING = /\bservices\b/i;

export function readmeListEdits(texts: ReadonlyMap<string, string>, facts: DocFacts): DocsUpdate {
  const text = texts.get(README);
  const item = listItemText(facts);
  if (text === undefined) return { edits: [], notes: [`The repo has no ${README}: nothing lists its services, so ${facts.name} was not added to one.`] };
  const lines = markdownLines(text);
  const blocks = markdownBlocks(lines);
  const list = serviceList(blocks, lines.length);
  if (list === undefined) {
    return { edits: [], notes: [`${README} has no service list (a table or list under a "Services" heading): add "- ${item}" where it lists services.`] };
  }
  const label = `Add ${facts.name} to the README's service list`;
  if ('header' in list) {
    const match = findRow(list, facts);
    if (match.kind === 'present') return { edits: [], notes: [] };
    if (match.kind === 'id-taken') return { edits: [], notes: [idTaken(README, match.row.line, facts)] };
    const { edit, unknownColumns } = rowEdit(README, text, list, facts, label);
    return { edits: [edit], notes: unknownNote(README, facts, unknownColumns) };
  }
  if (list.items.some((entry) => mentionsName(facts, entry.text) || mentionsRole(facts, entry.text))) return { edits: [], notes: [] };
  const taken = list.items.find((entry) => bracketsId(facts, entry.text));
  if (taken) return { edits: [], notes: [idTaken(README, taken.line, facts)] };
  const last = list.items[list.items.length - 1];
  const insertions = new Insertions(new YamlLines(README, text));
  insertions.add(last.lastLine, [`${last.prefix}${item}`]);
  return { edits: insertions.edits().map((edit) => ({ ...edit, label })), notes: [] };
}

/** The first table or list in a "Services" section; else the first table with a service column. */
function serviceList(blocks: MarkdownBlocks, lineCount: number): Table | BulletList | undefined {
  for (const heading of blocks.headings.filter((candidate) => SERVICES_HEADING.test(candidate.title))) {
    const end = sectionEnd(blocks, heading, lineCount);
    const inside = (line: number): boolean => line > heading.line && line <= end;
    const table = blocks.tables.find((candidate) => inside(candidate.header.line));
    const list = blocks.lists.find((candidate) => inside(candidate.items[0].line));
    if (table && list) return table.header.line < list.items[0].line ? table : list;
    if (table ?? list) return table ?? list;
  }
  return blocks.tables.find((table) => table.header.cells.map(columnKind).includes('name'));
}

/** The workflow's list entry: "<Service Name> (<Container ID>) - <Description>", without what is unknown. */
function listItemText(facts: DocFacts): string {
  const id = facts.containerId === undefined ? '' : ` (${facts.containerId})`;
  const description = facts.description === undefined ? '' : ` - ${facts.description.replace(/\r?\n/g, ' ')}`;
  return `${facts.name}${id}${description}`;
}
