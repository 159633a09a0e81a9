// Reads YAML text into values that remember where they stood, so every fact Certify infers
// can point at its file and line. Broken YAML becomes findings, never an exception.

import { isMap, isScalar, LineCounter, type Document, type Node, type YAMLParseError } from 'yaml';
import type { Finding, SourceRef } from '../core/findings';
import { parseAnsibleDocuments } from './ansibleDocuments';
import { parseAllDocumentsUnique } from './duplicateKeys';
import type { LightYaml } from './fastReader';
import { firstSyntaxError, plainSyntaxMessage } from './syntaxMessage';

/**
 * '1.1': Ansible's files, read as Ansible's loader reads them (PyYAML: `yes` is true, `0755` is
 * octal, duplicate keys keep the last value; see ansibleDocuments). '1.2': Certify's own files, strict.
 */
export type YamlDialect = '1.1' | '1.2';

/** Files larger than this are not parsed: no infrastructure file is this big, and parsing would stall. */
export const MAX_YAML_BYTES = 4 * 1024 * 1024;
/** Deeper nesting is refused; real definitions nest about five levels. js-yaml stops at this depth. */
export const MAX_NESTING_DEPTH = 100;
/** Alias expansions allowed per document before it is refused as an alias bomb. */
const MAX_ALIAS_COUNT = 200;

export interface YamlEntry {
  value: unknown;
  source: SourceRef;
}

export interface ParsedYaml {
  file: string;
  /** One value per document; empty when the file could not be read as YAML. */
  documents: unknown[];
  /** Top-level mapping keys of the first document with the line each stands on. */
  entries: Map<string, YamlEntry>;
  findings: Finding[];
  /**
   * What the file's reader notes without refusing it: in Ansible's files, a key repeated in one
   * mapping (Ansible warns and uses the last value). Absent when there is nothing to note.
   */
  warnings?: Finding[];
  /** Position of a node of the parsed documents (for callers that walk deeper). */
  locate(node: Node | undefined): SourceRef;
  /** The first document's AST, for callers that need positions below the top level. */
  ast?: Document.Parsed;
  /**
   * The same document as read by the fast reader (workspace/yamlFast), when it read it: plain
   * values with positions, for callers that can use them without building `ast`.
   */
  light?: LightYaml;
}

export function parseYaml(file: string, text: string, dialect: YamlDialect): ParsedYaml {
  const lineCounter = new LineCounter();
  const locate = (node: Node | undefined): SourceRef => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const empty = (findings: Finding[]): ParsedYaml => ({ file, documents: [], entries: new Map(), findings, locate });

  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    return empty([
      {
        file,
        line: 1,
        ruleId: 'yaml-too-large',
        severity: 'error',
        message: `File is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB and was not read; split it into smaller files.`,
      },
    ]);
  }

  // logLevel 'error': the package's warnings (a collection used as a key, stringified) would go to
  // the process's stderr, where nobody reading Certify's output or the editor's log sees them.
  const options = { version: dialect, lineCounter, prettyErrors: false, logLevel: 'error' } as const;
  let duplicates: YAMLParseError[] = [];
  let textErrors: YAMLParseError[] = [];
  let docs: Document.Parsed[] & { tooDeepAt?: number };
  if (dialect === '1.1') {
    const read = parseAnsibleDocuments(text, options, MAX_NESTING_DEPTH);
    if (read.errorBeforeDeep) return empty([syntaxFinding(file, text, read.errorBeforeDeep, lineCounter)]);
    docs = Object.assign(read.docs, { tooDeepAt: read.tooDeepAt });
    duplicates = read.duplicates;
    textErrors = read.errors;
  } else docs = parseAllDocumentsUnique(text, options, MAX_NESTING_DEPTH);
  if (docs.tooDeepAt !== undefined) {
    const pos = lineCounter.linePos(docs.tooDeepAt);
    return empty([
      {
        file,
        line: pos.line,
        column: pos.col,
        ruleId: 'yaml-too-large',
        severity: 'error',
        message: `This file nests values more than ${MAX_NESTING_DEPTH} levels deep; Certify does not read it. Flatten the structure.`,
      },
    ]);
  }
  const findings = syntaxFindings(file, text, [...docs.flatMap((doc) => doc.errors), ...textErrors], lineCounter);
  if (findings.length > 0) return empty(findings);
  if (dialect === '1.1' && docs.length > 1) return empty([secondDocumentFinding(file, text, docs[0], lineCounter)]);

  const documents: unknown[] = [];
  for (const doc of docs) {
    try {
      documents.push(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (error) {
      return empty([
        {
          file,
          line: 1,
          ruleId: 'yaml-aliases',
          severity: 'error',
          message: `YAML refused: ${firstLine(String((error as Error).message))}. Reduce the aliases in this file.`,
        },
      ]);
    }
  }

  const ast = docs[0];
  const entries = new Map<string, YamlEntry>();
  if (ast && isMap(ast.contents)) {
    const values = documents[0] as Record<string, unknown>;
    for (const pair of ast.contents.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      entries.set(key, { value: values[key], source: locate(pair.key) });
    }
  }
  const parsed: ParsedYaml = { file, documents, entries, findings, locate, ast };
  if (duplicates.length > 0) parsed.warnings = duplicateWarnings(file, duplicates, lineCounter);
  return parsed;
}

/** A warning per repeated key, where it stands: Ansible loads the file and warns the same way. */
function duplicateWarnings(file: string, duplicates: readonly YAMLParseError[], lineCounter: LineCounter): Finding[] {
  return duplicates.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    const message = 'This key appears twice in one mapping; Ansible warns and uses the last value. Keep one of them.';
    return { file, line: pos.line, column: pos.col, ruleId: 'yaml-duplicate-key', severity: 'warning', message };
  });
}

/**
 * One finding for a text that does not parse, at its first error: the errors after it are
 * mostly echoes of it (one unclosed quote can raise one per line to the end of the file).
 */
function syntaxFindings(file: string, text: string, errors: readonly YAMLParseError[], lineCounter: LineCounter): Finding[] {
  const first = firstSyntaxError(errors);
  return first ? [syntaxFinding(file, text, first, lineCounter)] : [];
}

function syntaxFinding(file: string, text: string, error: YAMLParseError, lineCounter: LineCounter): Finding {
  const pos = errorPosition(text, trailingSpaceStart(text), error.pos[0], lineCounter);
  const message = `${plainSyntaxMessage(error)} Certify ignores this file until it parses.`;
  return { file, line: pos.line, column: pos.col, ruleId: 'yaml-syntax', severity: 'error', message };
}

/**
 * Where to show a parse error. An error found at the end of the text (an unclosed bracket or
 * quote) is shown on the last line with content, where the author can see it. `contentEnd` is
 * where the text's trailing blanks start, found once per text.
 */
function errorPosition(text: string, contentEnd: number, offset: number, lineCounter: LineCounter): { line: number; col: number } {
  if (offset >= contentEnd && contentEnd > 0) {
    const lineStart = text.lastIndexOf('\n', contentEnd - 1) + 1;
    return lineCounter.linePos(lineStart);
  }
  return lineCounter.linePos(Math.min(offset, text.length));
}

/** Where the text's trailing whitespace starts (its length when there is none), as /\s*$/ finds it, in one backward pass. */
function trailingSpaceStart(text: string): number {
  let at = text.length;
  while (at > 0 && /\s/.test(text[at - 1])) at -= 1;
  return at;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/[.:]\s*$/, '');
}

/**
 * Ansible loads one document per file (PyYAML's get_single_data): a second `---`, even one
 * followed by nothing, makes it refuse the whole playbook, vars or inventory file.
 */
function secondDocumentFinding(file: string, text: string, first: Document.Parsed, lineCounter: LineCounter): Finding {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  marker.lastIndex = first.range[1];
  const at = marker.exec(text)?.index ?? first.range[2];
  const pos = lineCounter.linePos(at);
  return {
    file,
    line: pos.line,
    column: pos.col,
    ruleId: 'yaml-syntax',
    severity: 'error',
    message: 'A second YAML document starts here (---): Ansible reads one document per file and refuses the whole file ("expected a single document in the stream"). Remove the --- or move what follows into its own file.',
  };
}
