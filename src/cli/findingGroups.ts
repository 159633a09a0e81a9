// Lint volume a person can read in the CLI's text report: a rule that fires many times in one
// file shows its first findings and counts the rest on one line. Only the text is grouped; JSON,
// SARIF and the editor's Problems view keep every finding.

import type { Finding } from '../core/findings';

/** Findings of one rule in one file shown before the rest are counted: enough to see the pattern. */
export const SHOWN_PER_FILE_AND_RULE = 3;

/** A finding to print, or the count of those of its rule and file left unprinted. */
export type ReportRow = { kind: 'finding'; finding: Finding } | { kind: 'more'; file: string; ruleId: string; count: number };

/**
 * The cap's own summary (yaml/findingCap.summaryFinding) already stands for many findings and
 * says how many: it is always printed, never counted as one.
 */
const CAP_SUMMARY = /^… and [\d,]+ more problems like these in this file/;

const keyOf = (finding: Finding): string => `${finding.file}\u0000${finding.ruleId}`;

/**
 * The findings in their order, each file-and-rule group past `shown` cut to its first `shown`
 * and followed by a count of the rest. A group one over is printed whole: "and 1 more" would
 * take the line the finding needs.
 */
export function groupFindings(findings: readonly Finding[], shown = SHOWN_PER_FILE_AND_RULE): ReportRow[] {
  const totals = new Map<string, number>();
  for (const finding of findings) {
    if (!CAP_SUMMARY.test(finding.message)) totals.set(keyOf(finding), (totals.get(keyOf(finding)) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const rows: ReportRow[] = [];
  for (const finding of findings) {
    const key = keyOf(finding);
    const total = totals.get(key) ?? 0;
    if (CAP_SUMMARY.test(finding.message) || total <= shown + 1) {
      rows.push({ kind: 'finding', finding });
      continue;
    }
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count <= shown) rows.push({ kind: 'finding', finding });
    if (count === shown) rows.push({ kind: 'more', file: finding.file, ruleId: finding.ruleId, count: total - shown });
  }
  return rows;
}
