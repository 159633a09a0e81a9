// Parsing with the `yaml` package in bounded time and stack: its duplicate-key check (the
// `uniqueKeys` option) done in linear time, and documents nested too deep refused before they
// are composed (see nestingDepth). The package compares every key of a mapping with every
// earlier one: about 70 ms for the 1,001-key backup defaults of a 1,000-service repo, minutes
// for 100,000 different keys. Here each mapping's keys go through a set, with the same notion of equal
// keys (scalars with the same value; other keys only if they are the same node) and the same
// error: DUPLICATE_KEY, "Map keys must be unique", where the key starts.

import {
  Composer,
  isScalar,
  parseAllDocuments,
  Parser,
  visit,
  YAMLParseError,
  type CST,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import { tooDeepAt } from './nestingDepth';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** The documents, or (`tooDeepAt`: the offset where nesting passed the limit) none at all. */
export type UniqueDocuments = Document.Parsed[] & { tooDeepAt?: number };

/**
 * Key comparisons the package's own check may make (the sum over mappings of pairs² / 2) on a
 * text with other errors; past it, duplicates are found in linear time there too. About 20 ms.
 */
const PACKAGE_CHECK_BUDGET = 2_000_000;

/**
 * parseAllDocuments(text, { ...options, uniqueKeys: true }), the same documents and errors, with
 * the duplicate keys found in linear time; no documents (and `tooDeepAt`) when one nests
 * collections more than `maxDepth` levels deep. A text with other errors is parsed again by the
 * package's own check when its mappings are small enough: where it recovers from a syntax error,
 * it places a duplicate's error in ways not worth copying, and such a text is read only for its
 * findings. Larger ones keep the linear check, whose duplicate errors in such a text may stand
 * a little differently from the package's.
 */
export function parseAllDocumentsUnique(text: string, options: Options, maxDepth: number): UniqueDocuments {
  const read = composeBounded(text, { ...options, uniqueKeys: false }, maxDepth, false);
  if (read.tooDeepAt !== undefined) return Object.assign([], { tooDeepAt: read.tooDeepAt });
  const docs = read.docs;
  const duplicates = docs.map((doc) => duplicateKeyErrors(doc, text));
  // Without duplicates the package's check adds nothing, errors or not: the same documents.
  if (duplicates.some((errors) => errors.length > 0) && docs.some((doc) => doc.errors.length > 0) && packageCheckCost(docs) <= PACKAGE_CHECK_BUDGET) {
    // The caller's line counter has learned the text's lines once; a second pass would add them again.
    options.lineCounter?.lineStarts.splice(0);
    return withoutStackTraces(() => parseAllDocuments(text, { ...options, uniqueKeys: true }) as Document.Parsed[]);
  }
  docs.forEach((doc, i) => addErrors(doc, duplicates[i]));
  return docs;
}

/**
 * parseDocument(text, { ...options, uniqueKeys: true }) in the same bounds: one document
 * (a second one is an error, as parseDocument reports it), or `tooDeepAt`.
 */
export function parseDocumentUnique(text: string, options: Options, maxDepth: number): { doc: Document.Parsed; tooDeepAt?: undefined } | { tooDeepAt: number } {
  const read = composeBounded(text, { ...options, uniqueKeys: false }, maxDepth, true);
  if (read.tooDeepAt !== undefined) return { tooDeepAt: read.tooDeepAt };
  const doc = read.docs[0];
  const duplicates = duplicateKeyErrors(doc, text);
  if (duplicates.length > 0 && doc.errors.length > 0 && packageCheckCost([doc]) <= PACKAGE_CHECK_BUDGET) {
    options.lineCounter?.lineStarts.splice(0);
    return { doc: composeBounded(text, { ...options, uniqueKeys: true }, maxDepth, true).docs[0] };
  }
  addErrors(doc, duplicates);
  return { doc };
}

/**
 * The package's parse (Parser, then Composer), each document's CST measured before it is
 * composed. `single`: as parseDocument composes (one document even for an empty text; a second
 * one is reported as an error on the first). `makeParser`: the parser to read with (Ansible's
 * files take one whose lexer is as lenient as libyaml, see ansibleLexer).
 */
export function composeBounded(
  text: string,
  options: Options,
  maxDepth: number,
  single: boolean,
  makeParser: (onNewLine?: (offset: number) => void) => Parser = (onNewLine) => new Parser(onNewLine),
  /** Sees each document's CST before it is composed (for what composing loses without a word). */
  onDocument?: (token: CST.Document) => void,
): { docs: Document.Parsed[]; tooDeepAt?: number } {
  const parser = makeParser(options.lineCounter?.addNewLine);
  const composer = new Composer(options);
  let deep: number | undefined;
  function* measured(tokens: Iterable<CST.Token>): Generator<CST.Token> {
    for (const token of tokens) {
      if (token.type === 'document') deep = tooDeepAt(token, maxDepth);
      if (deep !== undefined) return;
      if (token.type === 'document') onDocument?.(token);
      yield token;
    }
  }
  const docs: Document.Parsed[] = [];
  withoutStackTraces(() => {
    for (const doc of composer.compose(measured(parser.parse(text)), single, text.length)) {
      if (single && docs.length === 1) {
        docs[0].errors.push(new YAMLParseError([doc.range[0], doc.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
        break;
      }
      docs.push(doc as Document.Parsed);
    }
  });
  return deep === undefined ? { docs } : { docs: [], tooDeepAt: deep };
}

/**
 * Runs `read` without capturing a stack trace for each error it creates: a broken text can
 * raise an error per line, and capturing their (never shown) stacks took most of the time.
 */
export function withoutStackTraces<T>(read: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return read();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** What the package's check would cost: each mapping's pairs compared with the ones before them. */
function packageCheckCost(docs: readonly Document.Parsed[]): number {
  let cost = 0;
  for (const doc of docs) {
    visit(doc, {
      Map(_, map) {
        cost += (map.items.length * (map.items.length - 1)) / 2;
      },
    });
  }
  return cost;
}

/** The errors the package's check would raise on a document without other errors, in document order. */
export function duplicateKeyErrors(doc: Document.Parsed, text: string): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  withoutStackTraces(() =>
    visit(doc, {
      Map(_, map) {
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          const value = pair.key.value;
          // NaN is never equal to itself for the package (===), though a Set holds it once.
          if (typeof value === 'number' && Number.isNaN(value)) continue;
          if (seen.has(value)) {
            const start = keyStart(text, pair.key.range);
            errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else seen.add(value);
        }
      },
    }),
  );
  return errors;
}

function addErrors(doc: Document.Parsed, duplicates: readonly YAMLParseError[]): void {
  if (duplicates.length === 0) return;
  for (const error of duplicates) doc.errors.push(error);
  // visit() sees a mapping before the mappings inside it; the package composes inner ones first.
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/**
 * Where the package reports a duplicate key: where the key starts. An empty key (`: value`)
 * is placed by the package before the blanks and comments ahead of it, but reported after them.
 */
function keyStart(text: string, range: readonly number[] | null | undefined): number {
  const [start = 0, end = start] = range ?? [];
  if (end > start) return start;
  let at = start;
  for (;;) {
    const char = text[at];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') at += 1;
    else if (char === '#') {
      const lineEnd = text.indexOf('\n', at);
      at = lineEnd === -1 ? text.length : lineEnd;
    } else return at;
  }
}
