// The reference reader: the `yaml` package's AST, with its first syntax error and every duplicate key,
// aliases checked, and offsets for every node. Used when the fast path found a problem or
// could not be trusted, so its cost is paid only when there is something to show.

import { isAlias, isScalar, visit, type Alias, type Document, type Node, type Scalar, type YAMLError } from 'yaml';
import type { Finding } from '../../core/findings';
import { parseDocumentUnique } from '../../yaml/duplicateKeys';
import { firstFindings } from '../../yaml/findingCap';
import type { TextPositions } from '../../yaml/positions';
import { firstSyntaxError, plainSyntaxMessage } from '../../yaml/syntaxMessage';
import { checkAliasExpansion } from './aliasGuard';
import { MAX_ALIAS_EXPANSION, MAX_ALIASES, MAX_NESTING_DEPTH, tooDeepMessage } from './limits';
import { makeFinding } from './rules';

export interface ReadDocument {
  doc: Document.Parsed;
  value: unknown;
  /** Each alias's anchored node, resolved once (Alias.resolve scans the whole document per call). */
  aliasTargets: ReadonlyMap<Alias, Node>;
}

export type SlowRead = { ok: true; read: ReadDocument } | { ok: false; findings: Finding[] };

export function readSlow(file: string, lines: TextPositions): SlowRead {
  // logLevel 'error' silences console warnings; duplicate keys are found in linear time, and a
  // document nested too deep is refused before it is composed (which would overflow the stack).
  const parsed = parseDocumentUnique(lines.text, { version: '1.2', prettyErrors: false, logLevel: 'error' }, MAX_NESTING_DEPTH);
  if (parsed.tooDeepAt !== undefined) {
    const at = parsed.tooDeepAt;
    return { ok: false, findings: [makeFinding(file, 'yaml-too-large', tooDeepMessage(), lines.markRange(at, at + 1))] };
  }
  const { doc } = parsed;
  if (doc.errors.length > 0) {
    const duplicates = new DuplicateIndex(doc);
    const findingOf = (error: YAMLError): Finding => syntaxFinding(file, lines, duplicates, error);
    // Syntax: one finding, at the first error (the rest are mostly its echoes). Duplicate keys are
    // each a problem of their own: the first ones in text order, only those placed.
    const isDuplicate = (error: YAMLError): boolean => error.code === 'DUPLICATE_KEY';
    const firstSyntax = firstSyntaxError(doc.errors.filter((error) => !isDuplicate(error)));
    const findings = [
      ...(firstSyntax ? [findingOf(firstSyntax)] : []),
      ...firstFindings(doc.errors.filter(isDuplicate), (error) => error.pos[0], findingOf),
    ];
    return { ok: false, findings: findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)) };
  }

  const aliases = scanAliases(file, lines, doc);
  if (aliases.findings.length > 0) return { ok: false, findings: aliases.findings };
  // Aliases become shared references (nothing is expanded here); the guard measures them.
  const value = doc.toJS({ maxAliasCount: -1 });
  if (aliases.targets.size > 0) {
    const problem = checkAliasExpansion(value);
    if (problem) {
      const alias = problem.kind === 'cycle' ? aliases.firstCyclic : aliases.targets.keys().next().value;
      const range = alias?.range ? lines.markRange(alias.range[0], alias.range[1]) : lines.markRange(0, lines.lineContentEnd(0));
      const message =
        problem.kind === 'cycle'
          ? `Alias \`*${alias?.source ?? ''}\` refers to the node that contains it, which makes the document endless. Write the values out instead.`
          : `Aliases expand this document by more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values (an alias bomb?); Certify does not read it. Use fewer aliases.`;
      return { ok: false, findings: [makeFinding(file, 'yaml-aliases', message, range)] };
    }
  }
  return { ok: true, read: { doc, value, aliasTargets: aliases.targets } };
}

function syntaxFinding(file: string, lines: TextPositions, duplicates: DuplicateIndex, error: YAMLError): Finding {
  const [start, end] = error.pos;
  if (error.code === 'DUPLICATE_KEY') {
    const duplicate = duplicates.at(start);
    if (duplicate) {
      const first = lines.position(duplicate.firstStart).line;
      return makeFinding(
        file,
        'yaml-duplicate-key',
        `Duplicate key \`${duplicate.name}\` (first on line ${first}): YAML readers disagree on which value wins. Keep one of them.`,
        lines.markRange(duplicate.start, duplicate.end),
      );
    }
    return makeFinding(file, 'yaml-duplicate-key', 'Duplicate key: YAML readers disagree on which value wins. Keep one of them.', lines.markRange(start, end));
  }
  const message = `${plainSyntaxMessage(error)} Certify checks the rest of the file once it reads as YAML.`;
  return makeFinding(file, 'yaml-syntax', message, errorRange(lines, start, end));
}

/**
 * An error found at the end of the text (an unclosed bracket or quote) marks the last line
 * with content, where the author can see it, rather than an empty line below it.
 */
function errorRange(lines: TextPositions, start: number, end: number): ReturnType<TextPositions['markRange']> {
  const text = lines.text;
  let contentEnd = text.length;
  while (contentEnd > 0 && /\s/.test(text[contentEnd - 1])) contentEnd -= 1;
  if (start < contentEnd || contentEnd === 0) return lines.markRange(start, end);
  const lineStart = text.lastIndexOf('\n', contentEnd - 1) + 1;
  let first = lineStart;
  while (first < contentEnd && /\s/.test(text[first])) first += 1;
  return lines.markRange(first, contentEnd);
}

interface Duplicate {
  name: string;
  start: number;
  end: number;
  /** Where the first key of the same mapping with the same value starts (the key's own start when none). */
  firstStart: number;
}

/**
 * The scalar keys of a document by where they start, each with the first key of its mapping
 * that has the same value: built once, in one walk, on the first question, so every duplicate
 * key error is placed in constant time (a walk per error was quadratic in the duplicates).
 */
class DuplicateIndex {
  private keys?: Map<number, Scalar>;
  /** Only for keys with an earlier one of the same value. */
  private readonly firstStarts = new Map<number, number>();

  constructor(private readonly doc: Document.Parsed) {}

  at(offset: number): Duplicate | undefined {
    this.keys ??= this.build();
    const key = this.keys.get(offset);
    if (!key?.range) return undefined;
    return { name: String(key.value), start: key.range[0], end: key.range[1], firstStart: this.firstStarts.get(offset) ?? key.range[0] };
  }

  private build(): Map<number, Scalar> {
    const keys = new Map<number, Scalar>();
    const firstStarts = this.firstStarts;
    visit(this.doc, {
      Map(_key, map) {
        const firstOf = new Map<unknown, number>();
        for (const pair of map.items) {
          const key = pair.key;
          if (!isScalar(key) || !key.range) continue;
          const start = key.range[0];
          // The first mapping (in visit order) holding a key at an offset answers for it.
          const claimed = !keys.has(start);
          if (claimed) keys.set(start, key);
          // NaN equals nothing (===), so it never has an earlier occurrence.
          if (typeof key.value === 'number' && Number.isNaN(key.value)) continue;
          const earlier = firstOf.get(key.value);
          if (earlier === undefined) firstOf.set(key.value, start);
          else if (claimed) firstStarts.set(start, earlier);
        }
      },
    });
    return keys;
  }
}

interface AliasScan {
  findings: Finding[];
  targets: Map<Alias, Node>;
  firstCyclic?: Alias;
}

/**
 * One pass in document order: every alias must name an earlier anchor (the latest one wins,
 * as in YAML), and there may be at most MAX_ALIASES of them, because the `yaml` package's
 * toJS resolves each alias by scanning the anchors before it (quadratic in the alias count).
 */
function scanAliases(file: string, lines: TextPositions, doc: Document.Parsed): AliasScan {
  const anchors = new Map<string, Node>();
  const scan: AliasScan = { findings: [], targets: new Map() };
  visit(doc, {
    Node(_key, node) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        return undefined;
      }
      const range = node.range ? lines.markRange(node.range[0], node.range[1]) : lines.markRange(0, 0);
      if (scan.targets.size >= MAX_ALIASES) {
        const limit = MAX_ALIASES.toLocaleString('en-US');
        scan.findings = [makeFinding(file, 'yaml-aliases', `More than ${limit} aliases (*name): Certify does not read this file. Use fewer aliases.`, range)];
        return visit.BREAK;
      }
      const target = anchors.get(node.source);
      if (!target) {
        scan.findings.push(
          makeFinding(file, 'yaml-aliases', `Alias \`*${node.source}\` refers to no anchor \`&${node.source}\` above it. Define the anchor first or fix the name.`, range),
        );
        return undefined;
      }
      scan.targets.set(node, target);
      const inside = target.range && node.range && target.range[0] <= node.range[0] && node.range[1] <= target.range[2];
      if (inside && !scan.firstCyclic) scan.firstCyclic = node;
      return undefined;
    },
  });
  return scan;
}
