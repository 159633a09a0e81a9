// Ansible's files composed as Ansible's loader reads them: the lexer as lenient as libyaml
// (ansibleLexer), plain scalars resolved as PyYAML resolves them (pyyamlScalars), the
// documents checked for what Ansible's constructor refuses (ansibleRules), and duplicate keys
// kept apart: Ansible warns about them and uses the last value, so they are no error here.

import { isScalar, Scalar, visit, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { ansibleParser } from './ansibleLexer';
import { ansibleErrors, valuesWithoutColon } from './ansibleRules';
import { refusedTab } from './ansibleTabs';
import { composeBounded, duplicateKeyErrors, withoutStackTraces } from './duplicateKeys';
import { pyyamlTags } from './pyyamlScalars';
import { firstSyntaxError } from './syntaxMessage';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

export interface AnsibleDocuments {
  /** The documents, with Ansible's own refusals among their errors; none when `tooDeepAt` is set. */
  docs: Document.Parsed[];
  /**
   * Refusals that belong to the whole text: a tab libyaml refuses (the package's own tab errors
   * are dropped from the documents; these rules replace them). Also for a text with no document.
   */
  errors: YAMLParseError[];
  /** Where a key repeats an earlier one of its mapping (Ansible keeps the last value). */
  duplicates: YAMLParseError[];
  /** The offset where nesting passed `maxDepth`. */
  tooDeepAt?: number;
  /** With `tooDeepAt`: the first error on a line before it, where libyaml would have stopped. */
  errorBeforeDeep?: YAMLParseError;
}

/** Reads `text` as Ansible would; `options` as for the `yaml` package (version and tags are set here). */
export function parseAnsibleDocuments(text: string, options: Options, maxDepth: number): AnsibleDocuments {
  const dropped: YAMLParseError[] = [];
  const read = composeBounded(
    text,
    { ...options, version: '1.1', customTags: pyyamlTags as SchemaOptions['customTags'], uniqueKeys: false },
    maxDepth,
    false,
    ansibleParser,
    (token) => dropped.push(...valuesWithoutColon(token)),
  );
  if (read.tooDeepAt !== undefined) return { docs: [], errors: [], duplicates: [], tooDeepAt: read.tooDeepAt, errorBeforeDeep: errorBefore(text, read.tooDeepAt, options, maxDepth) };
  const duplicates: YAMLParseError[] = [];
  const errors: YAMLParseError[] = [...dropped];
  withoutStackTraces(() => {
    for (const doc of read.docs) doc.errors = doc.errors.filter((error) => !libyamlAccepts(error));
    const tab = refusedTab(text, read.docs);
    if (tab) errors.push(tab);
    for (const doc of read.docs) {
      duplicates.push(...duplicateKeyErrors(doc, text));
      endBlockScalarAsLibyaml(doc, text);
      const refused = ansibleErrors(doc, text);
      if (refused.length === 0) continue;
      doc.errors.push(...refused);
      doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
    }
  });
  // A document of nothing but `...`: libyaml skips one after a document and refuses one before any
  // ("did not find expected node content"); the package reads an empty document there.
  const docs = read.docs.filter((doc, i) => i === 0 || !onlyDocumentEnd(doc));
  if (docs.length > 0 && onlyDocumentEnd(docs[0])) {
    const at = docs[0].range[0];
    docs[0].errors.push(new YAMLParseError([at, at + 1], 'UNEXPECTED_TOKEN', 'A document end marker (...) with no document before it'));
  }
  return { docs, errors, duplicates };
}

/** A document with no `---` and no node: what the package makes of a lone `...`. */
function onlyDocumentEnd(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  if (doc.directives.docStart || doc.errors.length > 0) return false;
  return contents === null || (isScalar(contents) && contents.source === '' && !contents.tag && !contents.anchor && contents.type === Scalar.PLAIN);
}

/**
 * The package's errors libyaml does not raise: its tab rules (replaced by ansibleTabs), and a
 * comment glued to the token before it (`"x"#c`, `[a]#c`, `|#c`): libyaml starts a comment at any
 * `#` between tokens; only inside a plain scalar does `#` need a space before it.
 */
function libyamlAccepts(error: YAMLParseError): boolean {
  return error.code === 'TAB_AS_INDENT' || (error.code === 'MISSING_CHAR' && error.message.startsWith('Comments must be separated'));
}

/**
 * The first error before the line where nesting got too deep. libyaml stops at a text's first
 * error, where the `yaml` package goes on: an unclosed `[` on each of many lines nests deeper
 * with every line, and "too deep" would hide the real problem at the first of them. The lines
 * before the deep one are read again on their own (they nest within the limit); an error on
 * their last line may only be where they were cut, so it does not count.
 */
function errorBefore(text: string, tooDeepAt: number, options: Options, maxDepth: number): YAMLParseError | undefined {
  const lineStart = text.lastIndexOf('\n', tooDeepAt - 1) + 1;
  const before = text.slice(0, lineStart);
  const lastLine = before.lastIndexOf('\n', before.length - 2) + 1;
  const { lineCounter: _, ...rest } = options;
  const read = composeBounded(before, { ...rest, version: '1.1', customTags: pyyamlTags as SchemaOptions['customTags'], uniqueKeys: false }, maxDepth, false, ansibleParser);
  return firstSyntaxError(read.docs.flatMap((doc) => doc.errors).filter((error) => error.pos[0] < lastLine));
}

/**
 * A block scalar (`|`, `>`) whose last line ends the file without a line break: libyaml has no
 * line break to keep, so the value ends with that line's text; the `yaml` package adds one.
 */
function endBlockScalarAsLibyaml(doc: Document.Parsed, text: string): void {
  if (text.endsWith('\n') || text.endsWith('\r')) return;
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  if (lastLine.trim() === '') return;
  visit(doc, {
    Scalar(_, node) {
      if (!isScalar(node) || (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED)) return;
      if (node.range?.[1] !== text.length || typeof node.value !== 'string' || !node.value.endsWith('\n')) return;
      node.value = node.value.slice(0, -1);
    },
  });
}
