// Test helpers: validate a text and say where findings landed in words a test can compare.

import assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/findings';
import { validateYamlDocument, type SchemaName } from '../../../../src/check/schema';

export function findingsOf(text: string, schema: SchemaName = 'service'): Finding[] {
  return validateYamlDocument('services/demo.yml', text, schema).findings;
}

/** The single finding of a text, failing the test when there is not exactly one. */
export function onlyFinding(text: string, schema: SchemaName = 'service'): Finding {
  const findings = findingsOf(text, schema);
  assert.equal(findings.length, 1, `expected one finding, got:\n${findings.map((f) => `${f.line}:${f.column} ${f.message}`).join('\n')}`);
  return findings[0];
}

/** The text a finding marks (single-line ranges only), e.g. "tpc" or "protocol". */
export function markedText(text: string, finding: Finding): string {
  assert.equal(finding.endLine, finding.line, `finding spans lines ${finding.line}-${finding.endLine}`);
  const line = text.split('\n')[finding.line - 1];
  return line.slice(finding.column! - 1, finding.endColumn! - 1);
}

/** Asserts a finding marks exactly `marked` on the (1-based) line `line`. */
export function assertMarks(text: string, finding: Finding, line: number, marked: string): void {
  assert.equal(finding.line, line, `on line ${finding.line}, expected ${line}: ${finding.message}`);
  assert.equal(markedText(text, finding), marked, finding.message);
}

/** Joins lines, so tests read like the YAML files they describe. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
