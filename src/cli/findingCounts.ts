// `certify validate --summary`: how many findings each rule and each file has, as two tables
// fitted to the terminal, for a first look at a repo with more findings than anyone reads.

import type { Finding } from '../core/findings';
import { formatTable, type Column } from './table';

interface Tally {
  name: string;
  error: number;
  warning: number;
  info: number;
  files: Set<string>;
}

const COUNTS: Column[] = [
  { header: 'ERRORS', overflow: 'keep' },
  { header: 'WARNINGS', overflow: 'keep' },
  { header: 'NOTES', overflow: 'keep' },
];

/** Counts by rule (with the files each fires in), then by file; the most findings first. */
export function countTables(findings: readonly Finding[], width: number): string {
  const byRule = tally(findings, (finding) => finding.ruleId);
  const byFile = tally(findings, (finding) => finding.file);
  const counts = (entry: Tally): string[] => [entry.error, entry.warning, entry.info].map(String);
  const rules = formatTable(
    [{ header: 'RULE', overflow: 'wrap', min: 12 }, ...COUNTS, { header: 'FILES', overflow: 'keep' }],
    byRule.map((entry) => [entry.name, ...counts(entry), String(entry.files.size)]),
    width,
  );
  const files = formatTable([{ header: 'FILE', overflow: 'wrap', min: 16 }, ...COUNTS], byFile.map((entry) => [entry.name, ...counts(entry)]), width);
  return `${rules}\n\n${files}`;
}

function tally(findings: readonly Finding[], nameOf: (finding: Finding) => string): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const finding of findings) {
    const name = nameOf(finding);
    let entry = tallies.get(name);
    if (!entry) {
      entry = { name, error: 0, warning: 0, info: 0, files: new Set() };
      tallies.set(name, entry);
    }
    entry[finding.severity] += 1;
    entry.files.add(finding.file);
  }
  const total = (entry: Tally): number => entry.error + entry.warning + entry.info;
  return [...tallies.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
}
