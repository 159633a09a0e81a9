// A finding is something Certify noticed in the repo that a person should know about:
// a broken YAML file, an unresolved value, a rule violation. Every front end shows them.

export type Severity = 'error' | 'warning' | 'info';

/** A place in the repo: path relative to the repo root (forward slashes), 1-based line and column. */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

export interface Finding extends SourceRef {
  /** Stable id of the check that spoke, e.g. `yaml-syntax`, `no-changed-when`. */
  ruleId: string;
  severity: Severity;
  /** Plain words: what is wrong and what to do next. */
  message: string;
  /** End of the marked range (1-based, exclusive column); absent: the rest of the word at line:column. */
  endLine?: number;
  endColumn?: number;
  /** Fixes a front end can offer (a quick fix in the editor). */
  fixes?: Fix[];
}

/** 1-based positions; `end` is exclusive. */
export interface TextRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export type FixEdit =
  /** Replace a range of an existing file (an empty range inserts). */
  | { kind: 'replace'; file: string; range: TextRange; newText: string }
  /** Create a file that does not exist; never overwrites. */
  | { kind: 'create'; file: string; content: string };

export interface Fix {
  /** What the user picks: "Add changed_when: false", "Create roles/x/README.md". */
  title: string;
  edits: FixEdit[];
}

/** What every rule declares about itself: shown in docs, SARIF and the settings schema. */
export interface RuleInfo {
  id: string;
  /** Severity when certify.yml does not change it. */
  severity: Severity;
  /** One line: what the rule wants and why. */
  summary: string;
  category: 'yaml' | 'schema' | 'lint' | 'consistency' | 'discovery';
  /**
   * 'file': decided by one file's text, so the editor re-checks it as you type;
   * 'repo': decided by several files (a missing README), re-checked when files change on disk.
   */
  scope?: 'file' | 'repo';
}
