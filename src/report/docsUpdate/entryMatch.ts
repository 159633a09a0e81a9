// Whether a line of a document already speaks of the service, whatever its case, spacing or link
// form: "Wiki", "**WIKI**", "[wiki](docs/wiki.md)", "home assistant" for home-assistant, a
// backticked role. Matching errs towards "already there": a missed entry is noted by the
// reviewer, a duplicate row is not.

import { escapeRegExp } from '../../check/staticCriteria/documents';
import type { DocFacts } from './types';

/** Markdown reduced to its words: link texts and targets kept, code and emphasis marks dropped. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g, '$1 $2')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\\|/g, '|')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The service's name as a word: separators may be '-', '_', a blank or nothing; a suffix such as ".js" may follow. */
export function namePattern(name: string): RegExp {
  const parts = name.split(/[-_]+/).filter((part) => part !== '').map(escapeRegExp);
  return new RegExp(`(?<![\\w-])${parts.join('[-_ ]?')}(?![\\w-])`, 'i');
}

/** A role or other identifier as a whole token (roles are written as they are named). */
export function identifierPattern(identifier: string): RegExp {
  return new RegExp(`(?<![\\w.-])${escapeRegExp(identifier)}(?![\\w-])`, 'i');
}

export function mentionsName(facts: DocFacts, markdown: string): boolean {
  return namePattern(facts.name).test(plainText(markdown));
}

export function mentionsRole(facts: DocFacts, markdown: string): boolean {
  const text = plainText(markdown);
  return facts.roles.some((role) => identifierPattern(role).test(text));
}

/** "163", "`163`", "**163**": the cell states exactly the container id. */
export function statesId(facts: DocFacts, markdown: string): boolean {
  return facts.containerId !== undefined && plainText(markdown) === String(facts.containerId);
}

/** A list item names the container id in brackets, as "- Wiki (163) - …" does. */
export function bracketsId(facts: DocFacts, markdown: string): boolean {
  return facts.containerId !== undefined && new RegExp(`\\(\\s*${facts.containerId}\\s*\\)`).test(plainText(markdown));
}
