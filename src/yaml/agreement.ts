// Where js-yaml and the `yaml` package may read one text differently. Both fast readers (the
// schema engine's and discovery's) use it to decide when only the `yaml` package's parse will do.

import { hasShallowContinuation } from './continuation';

/**
 * Texts where js-yaml and the `yaml` package read different values, or where only `yaml`
 * reports an error (each found by the differential fuzz test). Matching more than needed
 * only costs time (the slow path), never correctness. Flow collections and quoted scalars
 * continued on too-shallow lines are found by yamlContinuation.
 */
const DISAGREEMENTS: readonly RegExp[] = [
  // `%YAML 1.1` switches `yaml` to 1.1 scalars (`yes` is true); a tab-indented line is an error for `yaml`.
  /^[%\t]/,
  // Explicit `? key` entries and flow collections as keys (`[a]: 1`): js-yaml keys them "a", `yaml` "[ a ]".
  /(?:^|[\s[{,])\?(?:[ \t]|$)/,
  /[\]}][ \t]*:(?:[\s,\]}]|$)/,
  // Null and empty keys (`~: 1`, `{ a,: 1 }`): js-yaml keys them "null", `yaml` "".
  /(?:^|[\s,{[])(?:~|null|Null|NULL)?[ \t]*:(?:[\s,\]}]|$)/,
  // An empty item of a compact nested list (`- -`, then `- x`): js-yaml nests the next item.
  /-[ \t]+-[ \t]*(?:#.*)?\r?$/,
  // A comment glued to a flow collection or quote (`[a]#x`): an error for `yaml`.
  /[\]}"']#/,
  // A key after an anchor or tag on the same line (`a: &x b: c`): an error for `yaml`.
  /:[ \t]+[&!]\S*[ \t]+[^#\n]*?:(?:[ \t]|\r?$)/,
  // A carriage return without a line feed: js-yaml breaks the line, `yaml` keeps the character.
  /\r(?!\n)/,
];
const UNTRUSTED = new RegExp(DISAGREEMENTS.map((pattern) => `(?:${pattern.source})`).join('|'), 'm');

/** Does the text hold a construct where js-yaml and the `yaml` package may read it differently? */
export function mayDisagree(text: string): boolean {
  return UNTRUSTED.test(text) || hasShallowContinuation(text);
}
