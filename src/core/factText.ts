// How a fact reads in text: its value, or the template it is when Certify could not evaluate it.

import type { Fact } from './service';
import { SECRET_MARK } from './urlCredentials';

export function factText(fact: Fact<unknown> | undefined, missing = '—'): string {
  if (!fact) return missing;
  return fact.kind === 'known' ? String(fact.value) : fact.expression;
}

/** "roles/gitea_api/defaults/main.yml:3", plus "(template {{ … }})" when the value was computed. */
export function factOrigin(fact: Fact<unknown>): string {
  const where = `${fact.source.file}:${fact.source.line}`;
  if (fact.kind === 'unresolved') return `${where} (${fact.expression === SECRET_MARK ? 'a vault secret, not shown' : 'template, not evaluated'})`;
  return fact.template ? `${where} (from ${fact.template})` : where;
}
