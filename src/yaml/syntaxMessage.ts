// The `yaml` package's parse errors in plain words: what is wrong and what to do, one sentence
// each, with the package's code kept at the end so a bug report can name the exact error.
// A broken file is reported once, at its first error (see firstSyntaxError): every later error
// is usually an echo of that one, and hundreds of them hide it.

import type { YAMLError } from 'yaml';

type ParseError = Pick<YAMLError, 'code' | 'message' | 'pos'>;

/** The error that stands first in the text (the earliest listed among those at one offset). */
export function firstSyntaxError<T extends ParseError>(errors: readonly T[]): T | undefined {
  let first: T | undefined;
  for (const error of errors) if (!first || error.pos[0] < first.pos[0]) first = error;
  return first;
}

/** The package's message in its own words, one line, without trailing punctuation. */
function ownWords(error: ParseError): string {
  return error.message.split('\n')[0].replace(/[.:]\s*$/, '');
}

/**
 * Codes whose package message says one thing, whatever the text: the sentence to show instead.
 * A continuation line indented no deeper than its key (Ansible's long Jinja expressions) is the
 * usual cause of several of them, so their advice names it.
 */
const BY_CODE: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: 'This line is indented differently from the items around it. Start every item of one list or mapping at the same column',
  BLOCK_AS_IMPLICIT_KEY:
    'A mapping is nested where YAML allows none: on a line that has a key already (`a: b: c`), or under a key that has a value. Move it under a key without a value, or quote the value',
  MULTILINE_IMPLICIT_KEY:
    'A key runs over more than one line, usually because the line above is unfinished. Close its quote or bracket, or indent its continuation further than its key',
  TAB_AS_INDENT: 'A tab is used for indentation, where YAML allows only spaces. Replace the tab with spaces',
  DUPLICATE_KEY: 'This key appears twice in one mapping. Keep one of them',
  BAD_SCALAR_START: 'This value starts with a character YAML reserves (such as `@` or a backtick). Quote the value',
  BLOCK_IN_FLOW: 'Inside [ ] or { }, items need commas between them, and no `- ` list or indented block may stand there. Add the comma, or drop the brackets',
  MULTIPLE_DOCS: 'This file holds more than one YAML document (a second `---`), and Certify reads one per file. Keep one document',
  MULTIPLE_ANCHORS: 'An anchor (&name) is given twice, to one value or in one document (Ansible refuses both). Keep one',
  MULTIPLE_TAGS: 'This value has two tags (!tag). Keep one',
  BAD_ALIAS: 'An anchor or alias (&name, *name) is empty or has characters other than letters, digits, - and _. Give it a plain name',
  ALIAS_PROPS: 'An alias (*name) has its own anchor or tag, which YAML does not allow. Remove them',
  BAD_PROP_ORDER: 'An anchor or tag stands before `-`, `?` or `:`, where YAML wants it after. Move it after the indicator',
  BAD_DIRECTIVE: 'This `%` directive is not one YAML knows. Remove the line',
  KEY_OVER_1024_CHARS: 'This key is longer than 1,024 characters, which YAML does not allow. Shorten it',
  BAD_COLLECTION_TYPE: 'A tag asks for another kind of value than the one that follows it. Fix or remove the tag',
  NON_STRING_KEY: 'A list or mapping is used as a key. Use text as the key',
};

/** Codes whose package message varies with what was found: matched on the message, in order. */
const BY_MESSAGE: ReadonlyArray<{ code: YAMLError['code']; pattern: RegExp; say: (match: RegExpMatchArray) => string }> = [
  {
    code: 'MISSING_CHAR',
    pattern: /^Missing closing (["'])quote/,
    say: ([, quote]) => `A quoted value is not closed: its closing ${quote} is missing. Add it, or indent the lines that continue the value further than its key`,
  },
  {
    code: 'MISSING_CHAR',
    pattern: /^Implicit map keys need to be followed by map values/,
    say: () => 'This line reads as a key but has no `:` after it. Add `: value`, or indent it further if it continues the line above',
  },
  { code: 'MISSING_CHAR', pattern: /^Missing , (?:or : )?between/, say: () => 'Two items inside [ ] or { } have no comma between them. Add the comma' },
  { code: 'MISSING_CHAR', pattern: /^A key is missing before/, say: () => 'A `:` has no key before it. Add the key, or quote the value if the colon belongs to it' },
  { code: 'MISSING_CHAR', pattern: /^Missing space after :/, say: () => 'A `:` inside { } has no space after it. Add a space after the colon' },
  {
    code: 'MISSING_CHAR',
    pattern: /^Comments must be separated/,
    say: () => 'A `#` touches the text before it. Put a space before a comment, or quote the value if the `#` belongs to it',
  },
  { code: 'MISSING_CHAR', pattern: /^Sequence item without - indicator/, say: () => 'A list item has no `-` before it. Start each item with `- `' },
  { code: 'MISSING_CHAR', pattern: /^Tags and anchors must be separated/, say: () => 'An anchor (&name) or tag (!tag) touches what follows it. Put a space after it' },
  { code: 'MISSING_CHAR', pattern: /directives-end/, say: () => 'A list or mapping is missing its `---` line, or starts on it. Put the content on the line after `---`' },
  {
    code: 'UNEXPECTED_TOKEN',
    pattern: /^Unexpected (?:flow-map-end|flow-seq-end) token|^Unexpected [}\]] in/,
    say: () => 'A closing `}` or `]` has no opening one. Remove it, or quote the whole value if it belongs there (a Jinja `{{ … }}` value must be quoted)',
  },
  {
    code: 'UNEXPECTED_TOKEN',
    pattern: /^(?:Unexpected , in|Unexpected empty item in)/,
    say: () => 'A comma inside [ ] or { } has no item before it. Remove the extra comma',
  },
  {
    code: 'UNEXPECTED_TOKEN',
    pattern: /^Block scalar header includes extra characters/,
    say: () => 'Text follows `|` or `>` on its line. Move the text to the next lines, indented',
  },
  {
    code: 'UNEXPECTED_TOKEN',
    pattern: /^Not a YAML token|at node end$/,
    say: () => 'This text does not fit where it stands. If it continues the value above, indent it further than its key or quote the whole value',
  },
  {
    code: 'BAD_DQ_ESCAPE',
    pattern: /^Invalid escape sequence (.*)$/,
    say: ([, raw]) => `A double-quoted value has an escape YAML does not know (${raw}). Write \\\\ for a backslash, or use single quotes`,
  },
];

/** One sentence saying what is wrong and what to do, ending with the package's code. */
export function plainSyntaxMessage(error: ParseError): string {
  const words = ownWords(error);
  const known = BY_CODE[error.code];
  const matched = BY_MESSAGE.find((entry) => entry.code === error.code && entry.pattern.test(words));
  // Anything not in the tables keeps the package's words: they are accurate, if terse.
  const sentence = known ?? (matched ? matched.say(words.match(matched.pattern) as RegExpMatchArray) : `The YAML reader stopped here: ${words}. Fix this line`);
  return `${sentence} (yaml ${error.code}).`;
}
