// One Ansible file as lint sees it: what kind of file it is, its YAML 1.1 AST, and the helpers
// that turn AST offsets into the exact ranges findings and quick fixes point at.

import type { Node } from 'yaml';
import type { Finding, Fix, FixEdit } from '../../core/findings';
import type { ParsedYaml } from '../../yaml/parse';
import { TextPositions } from '../../yaml/positions';
import { lintKindOf, type LintFileKind } from '../../repo/layout';
import type { LintRuleInfo } from './rule';

export interface FileClass {
  kind: LintFileKind;
  /** The role the file belongs to (roles/<role>/…). */
  role?: string;
}



export interface LintedFile extends FileClass {
  file: string;
  text: string;
  /** The first document's root node (Ansible files hold one document). */
  root: Node | null;
  positions: TextPositions;
  /** The line break the file uses, for inserted lines. */
  newline: string;
}


/** The lint view of an already parsed file (callers with a parse cache use this directly). */
export function lintedFrom(file: string, text: string, parsed: ParsedYaml | undefined): LintedFile | undefined {
  const fileClass = lintKindOf(file);
  // Syntax errors are reported by the YAML layer; lint says nothing about a file it cannot read.
  if (!fileClass || !parsed?.ast || parsed.findings.length > 0) return undefined;
  return {
    ...fileClass,
    file,
    text,
    root: (parsed.ast.contents as Node | null) ?? null,
    positions: new TextPositions(text),
    newline: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** The source span of a node without trailing blanks and line breaks: what a finding marks. */
export function nodeSpan(file: LintedFile, node: Node): [number, number] {
  const [start, valueEnd] = node.range ?? [0, 0];
  let end = valueEnd;
  while (end > start && /\s/.test(file.text[end - 1])) end--;
  return [start, end];
}

/**
 * Offsets of `needle` inside a node's source text, if it is written there verbatim: its first
 * occurrence, or the first at or after `from` (callers looking for several things in one long
 * value in order pass where the last one ended, so the value is scanned once, not once per thing).
 */
export function findInNode(file: LintedFile, node: Node, needle: string, from?: number): [number, number] | undefined {
  const [start, end] = nodeSpan(file, node);
  const at = file.text.indexOf(needle, Math.max(start, from ?? start));
  return at < 0 || at + needle.length > end ? undefined : [at, at + needle.length];
}

export function findingAt(
  file: LintedFile,
  rule: LintRuleInfo,
  [start, end]: [number, number],
  message: string,
  fixes?: Fix[],
): Finding {
  const from = file.positions.position(start);
  const to = file.positions.position(Math.max(start, end));
  const finding: Finding = {
    file: file.file,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    ruleId: rule.id,
    severity: rule.severity,
    message,
  };
  if (fixes && fixes.length > 0) finding.fixes = fixes;
  return finding;
}

export function findingOnNode(file: LintedFile, rule: LintRuleInfo, node: Node, message: string, fixes?: Fix[]): Finding {
  return findingAt(file, rule, nodeSpan(file, node), message, fixes);
}

export function replaceEdit(file: LintedFile, [start, end]: [number, number], newText: string): FixEdit {
  return { kind: 'replace', file: file.file, range: file.positions.range(start, end), newText };
}

/** A finding on the whole first line of a file (rules about a role or a file as a whole). */
export function firstLineFinding(file: string, text: string | undefined, rule: LintRuleInfo, message: string, fixes?: Fix[]): Finding {
  const finding: Finding = { file, line: 1, column: 1, ruleId: rule.id, severity: rule.severity, message };
  const lineLength = text === undefined ? 0 : new TextPositions(text).lineEnd(1);
  // An empty first line has nothing to mark: the front end then marks the position alone.
  if (lineLength > 0) {
    finding.endLine = 1;
    finding.endColumn = lineLength + 1;
  }
  if (fixes && fixes.length > 0) finding.fixes = fixes;
  return finding;
}
