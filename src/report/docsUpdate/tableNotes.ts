// What a table entry leaves to the reviewer: a container id another row already claims, and the
// columns Certify had no value for.

import type { DocFacts } from './types';

export function idTaken(file: string, line: number, facts: DocFacts): string {
  return `${file}:${line} lists container ${facts.containerId} under another name: check which service it is before adding ${facts.name}.`;
}

export function unknownNote(file: string, facts: DocFacts, columns: readonly string[]): string[] {
  if (columns.length === 0) return [];
  const names = columns.map((column) => `"${column}"`).join(', ');
  return [`${file}: Certify does not know ${facts.name}'s ${names}; the new row says — there, fill it in when reviewing.`];
}
