// The `yaml` package's lexer, lenient where PyYAML (libyaml) is: inside a quoted scalar or a
// flow collection ([...], {...}) libyaml does not look at indentation at all, so a multi-line
// Jinja expression whose continuation lines stand at (or left of) its key's column loads in
// Ansible. The `yaml` package follows YAML 1.2's rule that such lines must be indented further
// and ends the scalar or collection early, which turned one such file into hundreds of errors.
// Only the lexer's notion of "the indentation a continuation needs" is changed, and only while
// it reads those constructs; a document marker (`---`, `...` at column 0) still ends them, as in
// libyaml. Token offsets are untouched, so every position stays exact.

import { Lexer, Parser } from 'yaml';

/** The lexer's internals this relies on (yaml 2.x, dist/parse/lexer.js). */
interface LexerState {
  buffer: string;
  pos: number;
  indentNext: number;
  parseQuotedScalar(): Generator<string, string>;
  parseFlowCollection(): Generator<string, string>;
}

const base = Lexer.prototype as unknown as LexerState;
// Fail loudly, at load, if a `yaml` upgrade renamed what this relies on (the Ansible
// differential test would show it too, but later and less clearly).
if (typeof base.parseQuotedScalar !== 'function' || typeof base.parseFlowCollection !== 'function') {
  throw new Error("the installed `yaml` package's Lexer has no parseQuotedScalar/parseFlowCollection: src/yaml/ansibleLexer.ts needs updating for this version");
}

/**
 * Runs one of the lexer's steps with no indentation required of continuation lines:
 * `continueScalar` and the flow-collection check then only stop at document markers.
 * `indentNext` is the indentation to require instead (the flow check ends the collection, as
 * an error, on a new line indented less than it).
 */
function* withIndent(lexer: LexerState, indentNext: number, step: () => Generator<string, string>): Generator<string, string> {
  const saved = lexer.indentNext;
  lexer.indentNext = indentNext;
  try {
    return yield* step.call(lexer);
  } finally {
    lexer.indentNext = saved;
  }
}

/**
 * Does a new line start with a block sequence entry (`- `)? In a flow collection libyaml refuses
 * it ("did not find expected node content"): an unclosed `[` ends at the next list item, as an
 * error there, instead of swallowing the rest of the file.
 */
function blockEntryOnNextLine(lexer: LexerState): boolean {
  const { buffer } = lexer;
  let at = lexer.pos;
  if (buffer[at] !== '\n' && buffer[at] !== '\r') return false;
  while (buffer[at] === '\n' || buffer[at] === '\r' || buffer[at] === ' ' || buffer[at] === '\t') at += 1;
  const next = buffer[at + 1];
  return buffer[at] === '-' && (next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r');
}

/** A `yaml` Parser whose lexer reads flow scalars and collections as libyaml does. */
export function ansibleParser(onNewLine?: (offset: number) => void): Parser {
  const parser = new Parser(onNewLine);
  // The two steps are private in the package's typings, so they are replaced on the instance
  // (the lexer calls them as this.parse…(), which finds these first).
  const lexer = new Lexer() as unknown as LexerState;
  lexer.parseQuotedScalar = function* () {
    return yield* withIndent(lexer, 0, base.parseQuotedScalar);
  };
  lexer.parseFlowCollection = function* () {
    return yield* withIndent(lexer, blockEntryOnNextLine(lexer) ? Number.MAX_SAFE_INTEGER : 0, base.parseFlowCollection);
  };
  (parser as unknown as { lexer: unknown }).lexer = lexer;
  return parser;
}
