// Where a service is documented for a person: the README of each of its roles, and the
// repo-wide documents (README.md, docs/, the backup and restore roles' READMEs). Searched line by
// line, with the heading each line stands under. What does not depend on the service (the list
// of repo-wide documents, each document's lines and words) is worked out once per repo state,
// in the lint context's memo, and shared by every service: with 1,000 services, per-service scans
// of every README would be a million line reads.

import type { SourceRef } from '../../core/findings';
import { BACKUP_ROLE, RESTORE_ROLE } from '../../repo/layout';
import type { StaticScope } from './scope';

export interface DocLine {
  file: string;
  line: number;
  text: string;
  /** The text of the nearest heading above the line ('' before the first). */
  heading: string;
  /** Inside a fenced code block (where `# x` is a comment, not a heading). */
  fenced: boolean;
}

const REPO_DOC = /^(README\.md|docs\/([^/]+\/)?[^/]+\.md)$/;

/** READMEs of the service's own roles (those the repo holds and Certify read). */
export function serviceReadmes(scope: StaticScope): string[] {
  return scope
    .roles()
    .local.map((role) => scope.readmeOf(role))
    .filter((file): file is string => file !== undefined && scope.text(file) !== undefined);
}

/** Documents about the whole repo. Other services' role READMEs are not among them. */
export function repoDocs(scope: StaticScope): readonly string[] {
  return scope.repo.lintContext.memo('static-criteria:repo-docs', () => {
    const files = [...scope.repo.texts.keys()].filter((file) => REPO_DOC.test(file)).sort((a, b) => docRank(a) - docRank(b) || a.localeCompare(b));
    for (const role of [BACKUP_ROLE, RESTORE_ROLE]) {
      const readme = scope.readmeOf(role);
      if (readme && scope.text(readme) !== undefined && !files.includes(readme)) files.push(readme);
    }
    return files;
  });
}

/** README.md before docs/: the top-level file is what a person opens first. */
function docRank(file: string): number {
  return file === 'README.md' ? 0 : 1;
}

export function* docLines(scope: StaticScope, files: readonly string[]): Generator<DocLine> {
  for (const file of files) yield* linesOf(scope, file);
}

/** A document's lines with their headings, split once per text of the file. */
function linesOf(scope: StaticScope, file: string): readonly DocLine[] {
  return scope.repo.lintContext.fileMemo(file, 'static-criteria:doc-lines', () => {
    const text = scope.text(file);
    if (text === undefined) return [];
    const result: DocLine[] = [];
    let heading = '';
    let fenced = false;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const fence = /^\s*(```|~~~)/.test(line);
      if (fence) fenced = !fenced;
      const title = fenced || fence ? undefined : /^#{1,6}\s+(.*)$/.exec(line)?.[1];
      if (title !== undefined) heading = title.trim();
      result.push({ file, line: i + 1, text: line, heading, fenced: fenced || fence });
    }
    return result;
  });
}

/**
 * The first line of `file` on which each identifier (a run of word characters) stands as a token
 * in tokenPattern's sense, case-sensitive: `wordLines(scope, f).get(name)` is the line of the
 * first match of tokenPattern(name, '') in f, for any name made of word characters.
 */
export function wordLines(scope: StaticScope, file: string): ReadonlyMap<string, number> {
  return scope.repo.lintContext.fileMemo(file, 'static-criteria:doc-words', () => {
    const first = new Map<string, number>();
    for (const { text, line } of linesOf(scope, file)) {
      for (const match of text.matchAll(/\w+/g)) {
        const start = match.index ?? 0;
        const end = start + match[0].length;
        // The run is maximal, so only tokenPattern's other boundary characters can disqualify it.
        const before = text[start - 1];
        const after = text[end];
        if (before === '.' || before === '-' || after === '-' || (after === '.' && /\w/.test(text[end + 1] ?? ''))) continue;
        if (!first.has(match[0])) first.set(match[0], line);
      }
    }
    return first;
  });
}

/** The first line of `files` that satisfies `test`. */
export function findDocLine(scope: StaticScope, files: readonly string[], test: (line: DocLine) => boolean): SourceRef | undefined {
  for (const line of docLines(scope, files)) if (test(line)) return { file: line.file, line: line.line };
  return undefined;
}

/** A word-like token: not part of a longer identifier, number or dotted name. */
export function tokenPattern(token: string, flags = 'i'): RegExp {
  return new RegExp(`(?<![\\w.-])${escapeRegExp(token)}(?![\\w-]|\\.\\w)`, flags);
}

/** Does a line of a repo-wide document speak of this service (its name, role, hostname or container id)? */
export function namesService(scope: StaticScope, text: string): boolean {
  const { service } = scope;
  const tokens = new Set([service.name, service.name.replace(/-/g, '_'), ...scope.roles().local]);
  const hostname = service.facts.hostname;
  if (hostname?.kind === 'known') tokens.add(hostname.value);
  const id = service.facts.containerId;
  if (id?.kind === 'known') tokens.add(String(id.value));
  return [...tokens].some((token) => tokenPattern(token).test(text));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
