// Shared by the scaffold tests: the example repo loaded for planning, and a small applier for
// proposed edits (what an editor's workspace edit does: every range refers to the original text).

import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FixEdit, TextRange } from '../../../src/core/findings';
import type { ScaffoldRequest } from '../../../src/scaffold';

export function request(overrides: Partial<ScaffoldRequest> = {}): ScaffoldRequest {
  return { name: 'wiki', containerId: 163, ipAddress: '172.16.10.63', port: 8080, backupType: 'postgresql', ...overrides };
}

/** An `existing` callback over the files of a repo on disk. */
export function existsIn(root: string): (file: string) => boolean {
  return (file) => existsSync(path.join(root, file));
}

function offsetOf(text: string, position: TextRange['start']): number {
  let offset = 0;
  for (let line = 1; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) throw new Error(`line ${position.line} is past the end of the text`);
    offset = next + 1;
  }
  return offset + position.column - 1;
}

/** Applies replace edits to one text, all ranges against the original (last first). */
export function applyToText(text: string, edits: readonly Extract<FixEdit, { kind: 'replace' }>[]): string {
  const located = edits.map((edit) => ({ edit, start: offsetOf(text, edit.range.start), end: offsetOf(text, edit.range.end) }));
  located.sort((a, b) => b.start - a.start);
  for (let i = 1; i < located.length; i++) {
    if (located[i].end > located[i - 1].start) throw new Error('proposed edits overlap');
  }
  let result = text;
  for (const { edit, start, end } of located) result = result.slice(0, start) + edit.newText + result.slice(end);
  return result;
}

/** Applies proposed edits to a repo on disk; returns the files touched. */
export async function applyEdits(root: string, edits: readonly FixEdit[]): Promise<string[]> {
  const byFile = new Map<string, FixEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, fileEdits] of byFile) {
    const absolute = path.join(root, file);
    const creates = fileEdits.filter((edit) => edit.kind === 'create');
    if (creates.length > 0) {
      await fs.mkdir(path.dirname(absolute), { recursive: true });
      await fs.writeFile(absolute, creates[0].content, { flag: 'wx' });
      continue;
    }
    const replaces = fileEdits.filter((edit): edit is Extract<FixEdit, { kind: 'replace' }> => edit.kind === 'replace');
    await fs.writeFile(absolute, applyToText(await fs.readFile(absolute, 'utf8'), replaces));
  }
  return [...byFile.keys()];
}
