// The rules this validator speaks for, and how a finding of one is made.

import type { Finding, RuleInfo, TextRange } from '../../core/findings';

export type SchemaRuleId = 'yaml-syntax' | 'yaml-duplicate-key' | 'yaml-aliases' | 'yaml-too-large' | 'schema';

export const SCHEMA_RULES: readonly RuleInfo[] = Object.freeze([
  { id: 'yaml-syntax', severity: 'error', category: 'yaml', summary: 'The file must be valid YAML 1.2 (one document), or Certify cannot read it.' },
  { id: 'yaml-duplicate-key', severity: 'error', category: 'yaml', summary: 'A key may appear only once per mapping; YAML readers disagree on which one wins.' },
  { id: 'yaml-aliases', severity: 'error', category: 'yaml', summary: 'Aliases (*name) must refer to an earlier anchor and must not expand into a huge or endless document.' },
  { id: 'yaml-too-large', severity: 'error', category: 'yaml', summary: 'Files over 4 MiB or 200,000 lines, or nested over 100 levels deep, are not read, so the editor stays responsive.' },
  { id: 'schema', severity: 'error', category: 'schema', summary: 'Service definitions and certify.yml must match their JSON schema (names, paths, ports, backup items, targets).' },
].map((rule) => Object.freeze(rule as RuleInfo)));

const SEVERITY = new Map(SCHEMA_RULES.map((rule) => [rule.id, rule.severity]));

export function makeFinding(file: string, ruleId: SchemaRuleId, message: string, range: TextRange): Finding {
  return {
    file,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    ruleId,
    severity: SEVERITY.get(ruleId) ?? 'error',
    message,
  };
}
