// Bounds what one runaway construct can say: per file and rule, the first findings in text
// order are kept exact and one more finding counts the rest. Here, in the lowest room that
// makes findings, so the YAML reader caps its errors where they arise and validation (check/)
// caps every rule's findings with the same limit and words.

import type { Finding, Severity } from '../core/findings';

/**
 * Findings kept per file and rule. A person fixes them from the top and needs a few screens
 * of them at most; no real file has this many of one rule, and 100 keeps the editor's
 * Problems panel, the CLI's output and SARIF small whatever the file holds.
 */
export const MAX_FINDINGS_PER_RULE = 100;

/** A summary finding → how many findings it stands for, so that a second cap counts them right. */
const standsFor = new WeakMap<Finding, number>();

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The finding that stands for `count` findings not shown, at the first of them (`at`): same
 * file, rule and place, so the editor marks where the unshown ones begin.
 */
export function summaryFinding(at: Finding, count: number, severity: Severity = at.severity): Finding {
  const summary: Finding = {
    file: at.file,
    line: at.line,
    ruleId: at.ruleId,
    severity,
    message: `… and ${count.toLocaleString('en-US')} more problems like these in this file (not shown); fix the ones above first.`,
  };
  if (at.column !== undefined) summary.column = at.column;
  if (at.endLine !== undefined) summary.endLine = at.endLine;
  if (at.endColumn !== undefined) summary.endColumn = at.endColumn;
  standsFor.set(summary, count);
  return summary;
}

/**
 * Findings for the first MAX_FINDINGS_PER_RULE of `items` by `offset` (one file, one rule), and
 * one that counts the rest: only those shown are made into findings (placing one may cost more
 * than finding it). One over the limit is shown whole, as capFindings does.
 */
export function firstFindings<T>(items: readonly T[], offset: (item: T) => number, findingOf: (item: T) => Finding): Finding[] {
  if (items.length <= MAX_FINDINGS_PER_RULE + 1) return items.map(findingOf);
  // Stable: items at one offset keep their order.
  const ordered = [...items].sort((a, b) => offset(a) - offset(b));
  const shown = ordered.slice(0, MAX_FINDINGS_PER_RULE).map(findingOf);
  return [...shown, summaryFinding(findingOf(ordered[MAX_FINDINGS_PER_RULE]), items.length - MAX_FINDINGS_PER_RULE)];
}

/**
 * At most `limit` findings per file and rule, the first in text order, plus one summary for
 * the rest. Linear (a sort within each capped group only); the same array when nothing is capped.
 */
export function capFindings(findings: readonly Finding[], limit = MAX_FINDINGS_PER_RULE): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.file}\u0000${finding.ruleId}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  // A group at most one over the limit is shown whole: a summary of one would hide as much as it shows.
  const capped = [...groups.values()].filter((group) => group.length > limit + 1);
  if (capped.length === 0) return [...findings];
  const dropped = new Set<Finding>();
  const summaries: Finding[] = [];
  for (const group of capped) {
    const ordered = [...group].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
    const rest = ordered.slice(limit);
    let count = 0;
    let severity: Severity = 'info';
    for (const finding of rest) {
      dropped.add(finding);
      count += standsFor.get(finding) ?? 1;
      if (RANK[finding.severity] < RANK[severity]) severity = finding.severity;
    }
    summaries.push(summaryFinding(rest[0], count, severity));
  }
  return [...findings.filter((finding) => !dropped.has(finding)), ...summaries];
}
