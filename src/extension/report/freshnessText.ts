// How the tree and the CodeLens word a certification that no longer holds: a short mark beside
// the progress ("stale", "due"), and for the tooltip the summary (which names the steps to run
// again) and every changed file. A fresh certification adds nothing: the tree's texts stay as they were.

import { displayText } from '../../core/displayText';
import type { Freshness } from '../../core/freshness';

/** The mark beside a certified service's progress; undefined when its certification holds. */
export function freshnessMark(freshness: Freshness | undefined): 'stale' | 'due' | undefined {
  return freshness?.state === 'stale' || freshness?.state === 'due' ? freshness.state : undefined;
}

/** The tooltip's lines for a stale or due certification (display-safe); none otherwise. */
export function freshnessLines(freshness: Freshness | undefined): string[] {
  if (!freshness || freshnessMark(freshness) === undefined) return [];
  const lines = [displayText(freshness.summary)];
  if (freshness.changed.length > 0) lines.push(`Changed since: ${freshness.changed.map((input) => `${displayText(input.name)} (${input.change})`).join(', ')}`);
  return lines;
}
