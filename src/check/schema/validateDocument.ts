// Validates a service definition or certify.yml as the user types: YAML problems and schema
// problems as findings with exact ranges, for any input string, without throwing.
//
// Fast path (the usual case, a valid document): js-yaml reads plain values, an alias guard
// bounds their walked size, the precompiled ajv validator accepts them: no AST is built.
// Schema errors in a text the fast reader trusts (the usual state while typing): each error is
// placed by a light position read (yaml/pointerPositions: js-yaml once more, with node events),
// which gives the `yaml` AST's ranges or nothing; if it cannot place one, the slow path reports all.
// Slow path (something else to report, or a text js-yaml may read differently): the `yaml`
// package parses the text with positions, reports its first syntax error, and the validator runs
// on its values, so the `yaml` package's reading is always the one reported.

import type { Finding } from '../../core/findings';
import { summaryFinding } from '../../yaml/findingCap';
import { TextPositions, firstLineRange } from '../../yaml/positions';
import { checkAliasExpansion } from './aliasGuard';
import { VALIDATORS, type SchemaName } from './compiledValidator';
import { readFast } from './fastRead';
import { MAX_BRACKETS_FOR_FULL_SYNTAX_CHECK, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_LINES, MAX_SCHEMA_FINDINGS, checkDocumentSize, countChar, countLines, tooDeepMessage } from './limits';
import { locate, type Located } from './locate';
import { describeErrors, type SchemaProblem } from './messages';
import { makeFinding } from './rules';
import { readSlow } from './slowRead';
import { readPointerPositions } from '../../yaml/pointerPositions';

export type { SchemaName } from './compiledValidator';

export interface SchemaResult {
  findings: Finding[];
  /** The document's value; undefined when the text could not be read (YAML findings). */
  value: unknown;
}

export function validateYamlDocument(file: string, text: string, schema: SchemaName): SchemaResult {
  try {
    return clampToText(validate(file, text, schema), text);
  } catch (error) {
    // A bug here must not take the editor down: report it on the first line instead.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : `of an internal error (${String(error)})`;
    return { findings: [makeFinding(file, 'yaml-syntax', `Certify could not check this file because ${reason}. Please report this.`, firstLineRange(text))], value: undefined };
  }
}

/**
 * The reference reading: the same checks with every document taken through the `yaml` package's
 * full parse, whatever the fast paths could do. Tests hold validateYamlDocument to it.
 */
export function validateYamlDocumentFully(file: string, text: string, schema: SchemaName): SchemaResult {
  if (checkDocumentSize(text)) return validateYamlDocument(file, text, schema);
  return clampToText(validateSlow(file, text, schema), text);
}

function validate(file: string, text: string, schema: SchemaName): SchemaResult {
  const tooLarge = checkDocumentSize(text);
  if (tooLarge) {
    const what = tooLarge === 'bytes' ? `larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB` : `longer than ${MAX_DOCUMENT_LINES.toLocaleString('en-US')} lines`;
    return refused(makeFinding(file, 'yaml-too-large', `This file is ${what}; Certify does not check it. Split it into smaller files.`, firstLineRange(text)));
  }

  const validator = VALIDATORS[schema];
  const fast = readFast(text);
  switch (fast.kind) {
    case 'value':
      if (!text.includes('*') || checkAliasExpansion(fast.value) === undefined) {
        if (validator(fast.value)) return { findings: [], value: fast.value };
        // Schema errors (the usual state while typing): placed without the full parse when the light read can place them all.
        const placed = validateFastWithErrors(file, text, schema, fast.value);
        if (placed) return placed;
      }
      break;
    case 'too-deep': {
      const at = offsetOf(text, fast.at);
      return refused(makeFinding(file, 'yaml-too-large', tooDeepMessage(), new TextPositions(text).markRange(at, at + 1)));
    }
    case 'syntax-error':
      // The `yaml` parser slows down sharply on deep flow nesting, which only a bracket count bounds.
      if (countChar(text, '[', MAX_BRACKETS_FOR_FULL_SYNTAX_CHECK + 1) + countChar(text, '{', MAX_BRACKETS_FOR_FULL_SYNTAX_CHECK + 1) > MAX_BRACKETS_FOR_FULL_SYNTAX_CHECK) {
        const start = offsetOf(text, fast.at);
        const message = `YAML syntax: ${fast.reason}. Fix this first: Certify checks the rest once the file reads as YAML.`;
        return refused(makeFinding(file, 'yaml-syntax', message, new TextPositions(text).markRange(start, start + 1)));
      }
      break;
    case 'untrusted':
      break;
  }
  return validateSlow(file, text, schema);
}

/**
 * The findings for a value the fast reader read and the validator refused, each placed by the
 * light position read (yaml/pointerPositions); undefined when any one of them needs the full
 * parse to be placed (the slow path then reports them all, identically).
 */
function validateFastWithErrors(file: string, text: string, schema: SchemaName, value: unknown): SchemaResult | undefined {
  // readFast trusted this text: mayDisagree has ruled out every text js-yaml and `yaml` read differently.
  const positions = readPointerPositions(text);
  if (!positions) return undefined;
  const errors = VALIDATORS[schema].errors ?? [];
  return schemaFindings(file, schema, new TextPositions(text), errors, value, (problem) => positions.locate(problem.segments));
}

function validateSlow(file: string, text: string, schema: SchemaName): SchemaResult {
  const lines = new TextPositions(text);
  const slow = readSlow(file, lines);
  if (!slow.ok) return { findings: slow.findings, value: undefined };
  const validator = VALIDATORS[schema];
  if (validator(slow.read.value)) return { findings: [], value: slow.read.value };

  const { read } = slow;
  return schemaFindings(file, schema, lines, validator.errors ?? [], read.value, (problem) => locate(read.doc, read.aliasTargets, problem.segments)) as SchemaResult;
}

/**
 * The schema findings for ajv's errors, each placed by `place`; undefined as soon as `place`
 * cannot place one (only the light locator ever gives up).
 */
function schemaFindings(
  file: string,
  schema: SchemaName,
  lines: TextPositions,
  errors: NonNullable<(typeof VALIDATORS)[SchemaName]['errors']>,
  value: unknown,
  place: (problem: SchemaProblem) => Located | undefined,
): SchemaResult | undefined {
  // The first ones in ajv's (schema) order: describing and placing each costs a search, so only those shown are.
  const { problems, total } = describeErrors(errors, schema, MAX_SCHEMA_FINDINGS + 1);
  const shown = total > MAX_SCHEMA_FINDINGS + 1 ? MAX_SCHEMA_FINDINGS : total;
  const findingOf = (problem: SchemaProblem): Finding | undefined => {
    const located = place(problem);
    return located && makeFinding(file, 'schema', `${schema} schema: ${problem.message}`, markRange(lines, located, problem));
  };
  const findings: Finding[] = [];
  for (const problem of problems.slice(0, shown)) {
    const finding = findingOf(problem);
    if (!finding) return undefined;
    findings.push(finding);
  }
  // ajv reports in schema order; people read in text order.
  findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  if (total > shown) {
    const last = findingOf(problems[shown]);
    if (!last) return undefined;
    findings.push(summaryFinding(last, total - shown));
  }
  return { findings, value };
}

/** The text to underline for a problem; falls back to the nearest thing that exists. */
function markRange(lines: TextPositions, located: Located, problem: SchemaProblem): ReturnType<TextPositions['markRange']> {
  const { key, value } = located;
  const found = located.depth === problem.segments.length;
  const firstLine = (start: number) => lines.markRange(start, Math.max(start + 1, lines.lineContentEnd(start)));

  if (problem.target === 'key' && key && found) return lines.markRange(key.start, key.end);
  if (problem.target === 'container' && found) {
    if (key) return lines.markRange(key.start, key.end);
    if (value) return firstLine(value.start);
  }
  if (value && value.end > value.start) {
    return located.valueIsCollection ? firstLine(value.start) : lines.markRange(value.start, value.end);
  }
  // An empty value (`port:` with nothing after it) has no text: mark its key.
  if (key) return lines.markRange(key.start, key.end);
  return firstLine(value?.start ?? 0);
}

function refused(finding: Finding): SchemaResult {
  return { findings: [finding], value: undefined };
}

function offsetOf(text: string, at: { line: number; column: number }): number {
  let offset = 0;
  for (let line = 1; line < at.line; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + at.column - 1;
}

/** Guarantees every finding lies within the text, whatever went wrong upstream. */
function clampToText(result: SchemaResult, text: string): SchemaResult {
  if (result.findings.length === 0) return result;
  const lineCount = countLines(text);
  for (const finding of result.findings) {
    finding.line = Math.min(Math.max(1, finding.line), lineCount);
    finding.column = Math.max(1, finding.column ?? 1);
    if (finding.endLine !== undefined) finding.endLine = Math.min(Math.max(finding.line, finding.endLine), lineCount);
    if (finding.endColumn !== undefined && finding.endLine === finding.line) finding.endColumn = Math.max(finding.column, finding.endColumn);
  }
  return result;
}
