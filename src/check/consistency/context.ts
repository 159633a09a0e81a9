// What every consistency rule reads: the model, the repo texts, parses shared with discovery
// (so a run after a one-file edit parses nothing new), and exact ranges of YAML nodes.

import { isMap, isPair, isSeq, type Node, type Pair } from 'yaml';
import type { Finding, Fix, RuleInfo, SourceRef, TextRange } from '../../core/findings';
import type { RepoModel } from '../../core/service';
import { collectGroupVars } from '../../repo/discovery';
import { parseCached, type YamlCache } from '../../repo/parseCache';
import type { ParsedYaml, YamlEntry } from '../../yaml/parse';
import { TextPositions } from '../../yaml/positions';
import { roleDefaultsFiles } from '../../repo/layout';

/** The part of workspace's RepoSnapshot the checks read (a RepoSnapshot is one). */
export interface SnapshotView {
  texts: ReadonlyMap<string, string>;
  roleDirs: readonly string[];
  /** Roles Ansible finds beyond roles/ (roles_path, playbooks/roles); not read, but they exist. */
  rolesElsewhere?: readonly string[];
}

/** A marked range in one file: 1-based, end column exclusive. */
export interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export class ConsistencyContext {
  private readonly positionsMemo = new Map<string, TextPositions>();
  private readonly nodeIndexes = new Map<string, NodeIndex | undefined>();
  private groupVarsMemo?: Map<string, YamlEntry>;

  constructor(
    readonly snapshot: SnapshotView,
    readonly model: RepoModel,
    private readonly cache: YamlCache,
    /**
     * Validation's texts (role tasks among them), which discovery's snapshot does not hold: how
     * a restore role restores is often only in its tasks. The snapshot's text wins (an editor overlay).
     */
    private readonly moreTexts: ReadonlyMap<string, string> = new Map(),
  ) {}

  text(file: string): string | undefined {
    return this.snapshot.texts.get(file) ?? this.moreTexts.get(file);
  }

  /** Every known file under `prefix` (e.g. `roles/x/tasks/`), sorted, from both text maps. */
  filesUnder(prefix: string): string[] {
    const files = new Set<string>();
    for (const texts of [this.snapshot.texts, this.moreTexts]) for (const file of texts.keys()) if (file.startsWith(prefix)) files.add(file);
    return [...files].sort();
  }

  parsed(file: string): ParsedYaml | undefined {
    const text = this.text(file);
    return text === undefined ? undefined : parseCached(this.cache, file, text);
  }

  /** `roles/<role>/defaults/main.yml` (or .yaml) when the repo has it. */
  roleDefaultsFile(role: string): string | undefined {
    return roleDefaultsFiles(role).find((file) => this.snapshot.texts.has(file));
  }

  /** inventory all.vars and group_vars/all: what templates in role defaults may refer to. */
  groupVars(): Map<string, YamlEntry> {
    this.groupVarsMemo ??= collectGroupVars([...this.snapshot.texts.keys()].sort(), (file) => this.parsed(file), (file) => this.text(file)).groupVars;
    return this.groupVarsMemo;
  }

  /** The range a node covers (its value, without trailing comments). */
  span(file: string, node: Node): Span | undefined {
    const range = node.range;
    const text = this.text(file);
    if (!range || text === undefined) return undefined;
    // Block collections end after their final newline; mark up to the last character instead.
    let endOffset = Math.max(range[1], range[0]);
    while (endOffset > range[0] && /\s/.test(text[endOffset - 1])) endOffset--;
    const positions = this.positions(file, text);
    const start = positions.position(range[0]);
    const end = positions.position(endOffset);
    return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  /**
   * The node a SourceRef points at: the value of the mapping entry whose key starts there (facts
   * from role defaults point at keys) or the node that starts there (definition facts).
   */
  nodeAt(source: SourceRef): Node | undefined {
    const offset = this.offset(source);
    if (offset === undefined) return undefined;
    return this.nodeIndex(source.file)?.get(offset);
  }

  /** The file's nodes by the offsets a SourceRef may point at, indexed once per file (a search per finding was quadratic). */
  private nodeIndex(file: string): NodeIndex | undefined {
    if (!this.nodeIndexes.has(file)) {
      const root = this.parsed(file)?.ast?.contents;
      this.nodeIndexes.set(file, root ? indexNodes(root as Node) : undefined);
    }
    return this.nodeIndexes.get(file);
  }

  /** The exact span of a SourceRef's node, or the word-less position itself when there is no node. */
  spanOf(source: SourceRef): Span {
    const node = this.nodeAt(source);
    const span = node ? this.span(source.file, node) : undefined;
    const column = source.column ?? 1;
    return span ?? { file: source.file, line: source.line, column, endLine: source.line, endColumn: column };
  }

  private offset(source: SourceRef): number | undefined {
    const text = this.text(source.file);
    if (text === undefined) return undefined;
    const positions = this.positions(source.file, text);
    if (source.line < 1 || source.line > positions.lineCount) return undefined;
    return positions.lineStart(source.line) + (source.column ?? 1) - 1;
  }

  private positions(file: string, text: string): TextPositions {
    let positions = this.positionsMemo.get(file);
    if (!positions) {
      positions = new TextPositions(text);
      this.positionsMemo.set(file, positions);
    }
    return positions;
  }
}

/** Offset → the node a SourceRef starting there means. */
type NodeIndex = Map<number, Node>;

/** How deep the index looks: a fact or role reference is never deeper (parses refuse far deeper texts anyway). */
const MAX_INDEX_DEPTH = 64;

/**
 * Every offset a SourceRef may point at, with the node it means, in one walk (iterative, in
 * document order; the first node claiming an offset keeps it): a mapping entry's key start
 * means its value (facts from role defaults point at keys), or the key when the value is empty;
 * a scalar's (or alias's) start means itself (definition facts, role names).
 */
function indexNodes(root: Node): NodeIndex {
  const index: NodeIndex = new Map();
  const claim = (offset: number | undefined, node: Node): void => {
    if (offset !== undefined && !index.has(offset)) index.set(offset, node);
  };
  // What is still to walk, the next last: collections, a mapping's entries, a list's items.
  const stack: { entry: Node | Pair; depth: number }[] = [{ entry: root, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { entry, depth } = next;
    if (isPair(entry)) {
      const key = entry.key as Node | null;
      const value = entry.value as Node | null;
      if (key) claim(key.range?.[0], value ?? key);
      if (value && (isMap(value) || isSeq(value))) {
        if (depth < MAX_INDEX_DEPTH) stack.push({ entry: value, depth: depth + 1 });
      } else if (value) claim(value.range?.[0], value);
    } else if (isMap(entry)) {
      for (let i = entry.items.length - 1; i >= 0; i--) stack.push({ entry: entry.items[i], depth });
    } else if (isSeq(entry)) {
      const items = entry.items as (Node | Pair | null)[];
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i];
        // A `- key: value` shorthand item is a pair: nothing a SourceRef points at.
        if (!item || isPair(item)) continue;
        if (!isMap(item) && !isSeq(item)) stack.push({ entry: item, depth });
        else if (depth < MAX_INDEX_DEPTH) stack.push({ entry: item, depth: depth + 1 });
      }
    } else claim(entry.range?.[0], entry);
  }
  return index;
}

export function rangeOf(span: Span): TextRange {
  return { start: { line: span.line, column: span.column }, end: { line: span.endLine, column: span.endColumn } };
}

/** A finding of `rule` on `span`, with its default severity. */
export function findingAt(rule: RuleInfo, span: Span, message: string, fixes?: Fix[]): Finding {
  const finding: Finding = { ...span, ruleId: rule.id, severity: rule.severity, message };
  if (fixes && fixes.length > 0) finding.fixes = fixes;
  return finding;
}

/** "roles/x/defaults/main.yml:3": where a value was stated, for messages. */
export function where(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}
