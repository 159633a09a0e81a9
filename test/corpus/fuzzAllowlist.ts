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

// Empty: the last entry (an explicit `? key` followed by a `- item` line, which the `yaml` package
// dropped without a word) is refused now, as libyaml refuses it (yaml/ansibleRules: valuesWithoutColon).
export const FUZZ_ALLOWLIST: readonly AllowedDisagreement[] = [];

/** The allowlist entry that covers a disagreement on `text`, if any. */
export function allowed(kind: Disagreement['kind'], text: string): AllowedDisagreement | undefined {
  return FUZZ_ALLOWLIST.find((entry) => entry.kind === kind && entry.text.test(text));
}
