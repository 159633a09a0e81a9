// What a static check concludes about one service from the repo's files, and the constructors
// every check uses. 'unknown' is an answer too: the repo cannot tell, so Certify does not guess.

import type { SourceRef } from '../../core/findings';
import type { StaticCheckId } from '../../core/steps';

export type StaticStatus = 'met' | 'not-met' | 'unknown';

export interface StaticResult {
  check: StaticCheckId;
  status: StaticStatus;
  /** One line for the tree: "roles/gitea_api has defaults, tasks, handlers, templates", "no README.md in roles/vaultwarden_api". */
  summary: string;
  /** Where to look (file + line), the first is what a click opens. Empty when there is nothing to open. */
  evidence: SourceRef[];
}

export type StaticResults = ReadonlyMap<StaticCheckId, StaticResult>;

/** A check's answer before the evaluator attaches its id. */
export type Verdict = Omit<StaticResult, 'check'>;

export const met = (summary: string, evidence: SourceRef[] = []): Verdict => ({ status: 'met', summary, evidence: dedupeRefs(evidence) });
export const notMet = (summary: string, evidence: SourceRef[] = []): Verdict => ({ status: 'not-met', summary, evidence: dedupeRefs(evidence) });
export const unknown = (summary: string, evidence: SourceRef[] = []): Verdict => ({ status: 'unknown', summary, evidence: dedupeRefs(evidence) });

/** A place in a file; line 1 when the whole file is the evidence. */
export function ref(file: string, line = 1, column?: number): SourceRef {
  return column === undefined ? { file, line } : { file, line, column };
}

/** "roles/x/tasks/main.yml:39", as summaries and reports cite a place. */
export function refText(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}

function dedupeRefs(refs: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return refs.filter((source) => {
    const key = `${source.file}:${source.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "a, b and c": lists in summaries read as a person would write them. */
export function listText(items: readonly string[], max = 4): string {
  const shown = items.length > max ? [...items.slice(0, max - 1), `${items.length - max + 1} more`] : [...items];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
