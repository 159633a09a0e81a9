// The limits past which a document is refused instead of read: each bounds the work one
// validation may do, so no input (a huge paste, an alias bomb, a bracket bomb) can stall the editor.

import { MAX_YAML_BYTES } from '../../yaml/parse';

/** Larger documents are refused (the same limit discovery applies when it reads the repo). */
export const MAX_DOCUMENT_BYTES = MAX_YAML_BYTES;
/** More lines are refused: a 50,000-line definition is already far beyond any real one. */
export const MAX_DOCUMENT_LINES = 200_000;
export { MAX_NESTING_DEPTH } from '../../yaml/parse';
import { MAX_NESTING_DEPTH } from '../../yaml/parse';
import { MAX_FINDINGS_PER_RULE } from '../../yaml/findingCap';
/** More aliases (`*name`) are refused: the `yaml` package resolves each alias by a scan of the anchors before it. */
export const MAX_ALIASES = 1_000;
/** Values that aliases may add when expanded (an alias to a 10-item list adds 11). */
export const MAX_ALIAS_EXPANSION = 100_000;
/**
 * Above this many `[`/`{`, a document that fails the fast read reports only its first syntax
 * error: the `yaml` package's parser slows down sharply on deeply nested flow collections, and
 * the count of opening brackets is the only cheap bound on that depth.
 */
export const MAX_BRACKETS_FOR_FULL_SYNTAX_CHECK = 10_000;

export type SizeProblem = 'bytes' | 'lines';

/** Checks size in time bounded by the limits: UTF-8 length is counted only when it could matter. */
export function checkDocumentSize(text: string): SizeProblem | undefined {
  if (text.length > MAX_DOCUMENT_BYTES) return 'bytes';
  if (text.length * 3 > MAX_DOCUMENT_BYTES && utf8Length(text) > MAX_DOCUMENT_BYTES) return 'bytes';
  // A text shorter than the line limit cannot have more lines than it.
  if (text.length >= MAX_DOCUMENT_LINES && countLines(text, MAX_DOCUMENT_LINES + 1) > MAX_DOCUMENT_LINES) return 'lines';
  return undefined;
}

/** Lines as an editor counts them (a final newline starts an empty last line), counting stops at `stopAt`. */
export function countLines(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  return 1 + countChar(text, '\n', stopAt - 1);
}

/** Counts occurrences of one character, stopping once `stopAt` is reached. */
export function countChar(text: string, char: string, stopAt: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1 && count < stopAt; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Schema findings shown per document (the limit every rule has per file); past it a last finding says how many more there are. */
export const MAX_SCHEMA_FINDINGS = MAX_FINDINGS_PER_RULE;

/** What a document nested deeper than MAX_NESTING_DEPTH is told, whichever reader found it. */
export function tooDeepMessage(): string {
  return `This file nests values more than ${MAX_NESTING_DEPTH} levels deep; Certify does not check it. Flatten the structure.`;
}
