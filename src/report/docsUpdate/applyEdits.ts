// Applies proposed edits to texts, as an editor's workspace edit does: every range refers to the
// text the edits were made from, so they are applied from the last to the first. For the CLI
// (writing or showing the result) and for checking that a second pass proposes nothing.

import type { TextRange } from '../../core/findings';
import type { DocsEdit } from './types';

/** The new text of each file an edit touches; a created file's content is its text. */
export function applyDocsEdits(texts: ReadonlyMap<string, string>, edits: readonly DocsEdit[]): Map<string, string> {
  const changed = new Map<string, string>();
  const files = [...new Set(edits.map((edit) => edit.file))];
  for (const file of files) {
    const own = edits.filter((edit) => edit.file === file);
    const created = own.find((edit) => edit.kind === 'create');
    if (created?.kind === 'create') {
      if (texts.has(file)) throw new Error(`${file} exists: a proposed file never replaces it.`);
      changed.set(file, created.content);
      continue;
    }
    const text = texts.get(file);
    if (text === undefined) throw new Error(`${file} is not among the texts the edits were made from.`);
    const located = own
      .flatMap((edit) => (edit.kind === 'replace' ? [{ edit, start: offsetOf(text, edit.range.start), end: offsetOf(text, edit.range.end) }] : []))
      .sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < located.length; i++) {
      if (located[i].end > located[i - 1].start) throw new Error(`Edits to ${file} overlap: they were not made from one text.`);
    }
    let result = text;
    for (const { edit, start, end } of located) result = result.slice(0, start) + edit.newText + result.slice(end);
    changed.set(file, result);
  }
  return changed;
}

/** The string offset of a 1-based line and column. */
function offsetOf(text: string, position: TextRange['start']): number {
  let offset = 0;
  for (let line = 1; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) throw new Error(`Line ${position.line} is past the end of the text.`);
    offset = next + 1;
  }
  return offset + position.column - 1;
}
