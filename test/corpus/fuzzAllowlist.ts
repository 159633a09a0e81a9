// Disagreements with Ansible's loader that the fuzz (test/unit/yaml/ansibleFuzz.test.ts) accepts,
// each with the reason it is not fixed yet. An entry matches a disagreement by its kind and by
// the mutated text; anything else fails the fuzz. Reviewed: keep it short, and prefer a fix.

import type { Disagreement } from './ansibleOracle';

export interface AllowedDisagreement {
  kind: Disagreement['kind'];
  /** Matches the mutated document the disagreement was found on. */
  text: RegExp;
  reason: string;
}

export const FUZZ_ALLOWLIST: readonly AllowedDisagreement[] = [
  {
    kind: 'certify-accepts',
    // An explicit key (`? key`) whose next line is a `- item` at the key's own column.
    text: /^[ \t]*(?:- +)*\? [^\n]*\n[ \t]*- /m,
    reason:
      'libyaml refuses a list item right after an explicit key ("did not find expected key"); the `yaml` ' +
      'package silently drops it (its CST holds the list as the value of a pair that has no `:`), ' +
      'so the composed document shows nothing to check. Explicit `?` keys do not occur in Ansible files ' +
      'written by people (none in the 3,301-file corpus); fixing it needs a walk of the CST.',
  },
];

/** The allowlist entry that covers a disagreement on `text`, if any. */
export function allowed(kind: Disagreement['kind'], text: string): AllowedDisagreement | undefined {
  return FUZZ_ALLOWLIST.find((entry) => entry.kind === kind && entry.text.test(text));
}
