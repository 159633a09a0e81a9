// Shared by the lint tests: a repo from inline texts, lint one file in it, apply quick fixes.

import assert from 'node:assert/strict';
import type { Finding, Fix } from '../../../../src/core/findings';
import { buildLintContext, lintFile, type LintContext, type LintRepoInput } from '../../../../src/check/lint';

/** A repo input from inline files; every roles/<role>/… key is also a role file. */
export function repoInput(files: Record<string, string>, extraRoleFiles: string[] = []): LintRepoInput {
  const texts = new Map(Object.entries(files));
  const roleFiles = [...new Set([...Object.keys(files).filter((file) => file.startsWith('roles/')), ...extraRoleFiles])].sort();
  const roleDirs = [...new Set(roleFiles.map((file) => file.split('/')[1]))].sort();
  return { texts, roleFiles, roleDirs };
}

export function contextOf(files: Record<string, string> = {}, extraRoleFiles: string[] = []): LintContext {
  return buildLintContext(repoInput(files, extraRoleFiles));
}

/** Lints `file` with `text` inside a repo of `files` (the file itself included), findings of one rule. */
export function lintRule(ruleId: string, file: string, text: string, files: Record<string, string> = {}): Finding[] {
  return lintFile(file, text, contextOf({ ...files, [file]: text })).filter((finding) => finding.ruleId === ruleId);
}

export const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** `line:column-endLine:endColumn` of a finding. */
export const span = (finding: Finding | undefined): string =>
  finding ? `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}` : 'none';

/** The marked text of a finding inside `text`. */
export function marked(text: string, finding: Finding): string {
  return text.slice(offsetOf(text, finding.line, finding.column ?? 1), offsetOf(text, finding.endLine ?? finding.line, finding.endColumn ?? 1));
}

export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** Applies a fix's replace edits for `file` to `text` (last edit first, so offsets stay valid). */
export function applyFix(text: string, fix: Fix, file: string): string {
  const edits = fix.edits.filter((edit) => edit.kind === 'replace' && edit.file === file);
  assert.ok(edits.length > 0, `fix "${fix.title}" edits ${file}`);
  const located = edits.map((edit) => {
    assert.equal(edit.kind, 'replace');
    if (edit.kind !== 'replace') throw new Error('unreachable');
    return { start: offsetOf(text, edit.range.start.line, edit.range.start.column), end: offsetOf(text, edit.range.end.line, edit.range.end.column), newText: edit.newText };
  });
  located.sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of located) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

export function onlyFix(finding: Finding | undefined): Fix {
  assert.ok(finding, 'a finding');
  assert.equal(finding.fixes?.length, 1, 'one quick fix');
  return finding.fixes![0];
}
