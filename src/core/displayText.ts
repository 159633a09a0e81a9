// Repo-supplied text made safe to show. A hostname or file name can hold an ESC or BEL sequence
// (that retitles or clears a terminal), a newline (that forges a table row or a finding), or a
// bidi override (that makes text read differently from what it is); a URL can hold a password.
// Every front end passes what it shows through one of these, so no renderer has to remember.
// Escapes read as in JavaScript (`\n`, `\x1b`, `\u202e`), so the text stays one line and legible.

import { maskUrlCredentials } from './urlCredentials';

/**
 * C0 controls, DEL, C1 controls, the line and paragraph separators, the bidi embeddings,
 * overrides and isolates, and the invisible direction marks.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, but line feeds and tabs stay: for whole outputs whose lines a renderer laid out. */
const UNSAFE_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw: it escapes C0 and quotes itself. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Control and direction characters as visible escapes; nothing else changes. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** One value on one line: credentials masked, every control character (newline and tab too) escaped. */
export function displayText(value: unknown): string {
  return escapeControls(maskUrlCredentials(String(value)));
}

/**
 * A whole text output at the moment it is written: credentials masked, and what no renderer
 * should have let through escaped, keeping the line feeds and tabs the renderer put there.
 * The last guard, not the first: values are escaped with displayText where they are laid out,
 * since only there can a newline in a value be told from a line end.
 */
export function displayLines(text: string): string {
  return maskUrlCredentials(text).replace(UNSAFE_IN_LINES, escapeOne);
}

/**
 * JSON output: every string (keys included) with credentials masked, then the characters
 * JSON.stringify leaves raw (DEL, C1, separators, bidi) written as \u escapes. Outside strings
 * JSON is ASCII, so the replacement only ever lands in strings and the text parses to the same
 * (masked) values.
 */
export function displayJson(value: unknown, indent = 2): string {
  // The text is masked once more: a string deeper than MAX_DEPTH is caught there (the authority
  // of a URL ends at a quote, so masking never crosses a JSON string's end).
  return maskUrlCredentials(JSON.stringify(masked(value, 0), null, indent)).replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Deep enough for every shape Certify prints, shallow enough that a hostile value cannot exhaust the stack. */
const MAX_DEPTH = 64;

function masked(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskUrlCredentials(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  // toJSON first (Dates, Maps turned into objects by their owners), as JSON.stringify would.
  const plain = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (plain !== value) return masked(plain, depth + 1);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) result[maskUrlCredentials(key)] = masked(item, depth + 1);
  return result;
}
