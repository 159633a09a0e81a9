// The `yaml` package's duplicate-key check (its `uniqueKeys` option), in linear time. The package
// compares every key of a mapping with every earlier one: about 70 ms for the 1,001-key backup
// defaults of a 1,000-service repo. Here each mapping's keys go through a set, with the same
// notion of equal keys (scalars with the same value; other keys only if they are the same node)
// and the same error: DUPLICATE_KEY, "Map keys must be unique", where the key starts.

import { isScalar, parseAllDocuments, visit, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * parseAllDocuments(text, { ...options, uniqueKeys: true }), the same documents and errors, with
 * the duplicate keys found in linear time. A text with other errors is parsed again by the
 * package's own check: where it recovers from a syntax error, it places a duplicate's error in
 * ways not worth copying, and such a text is rare and read only for its findings.
 */
export function parseAllDocumentsUnique(text: string, options: Options): Document.Parsed[] {
  const docs = parseAllDocuments(text, { ...options, uniqueKeys: false });
  if (docs.some((doc) => doc.errors.length > 0)) {
    // The caller's line counter has learned the text's lines once; a second pass would add them again.
    options.lineCounter?.lineStarts.splice(0);
    return parseAllDocuments(text, { ...options, uniqueKeys: true });
  }
  for (const doc of docs) addDuplicateKeyErrors(doc, text);
  return docs;
}

/** The errors the package's check would have raised on a document without other errors. */
function addDuplicateKeyErrors(doc: Document.Parsed, text: string): void {
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
          doc.errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(value);
      }
    },
  });
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
