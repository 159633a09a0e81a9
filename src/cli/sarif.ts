// Findings as SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning,
// GitLab, Azure DevOps): one run, the rules that exist, one result per finding. Messages are
// escaped as the text output is (viewers show them as text, and some print them to a terminal).

import { displayText } from '../core/displayText';
import type { Finding, RuleInfo, Severity } from '../core/findings';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(findings: readonly Finding[], rules: readonly RuleInfo[], root: string, version: string): unknown {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Certify',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|[-/])([a-z])/g, (_m, _sep: string, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.summary },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { category: rule.category },
            })),
          },
        },
        originalUriBaseIds: { REPOROOT: { uri: `${pathToFileUri(root)}/` } },
        results: findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(index.has(finding.ruleId) ? { ruleIndex: index.get(finding.ruleId) } : {}),
          level: LEVEL[finding.severity],
          message: { text: displayText(finding.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(finding.file), uriBaseId: 'REPOROOT' },
                region: region(finding),
              },
            },
          ],
        })),
      },
    ],
  };
}

function region(finding: Finding): Record<string, number> {
  const result: Record<string, number> = { startLine: finding.line };
  if (finding.column !== undefined) result.startColumn = finding.column;
  if (finding.endLine !== undefined) result.endLine = finding.endLine;
  if (finding.endColumn !== undefined) result.endColumn = finding.endColumn;
  return result;
}

function pathToFileUri(path: string): string {
  return `file://${encodeURI(path.replace(/\\/g, '/')).replace(/^([^/])/, '/$1')}`;
}
