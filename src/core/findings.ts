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
  /** Stable id of the check that spoke, e.g. `yaml-syntax`, `discovery/unresolved-value`. */
  ruleId: string;
  severity: Severity;
  /** Plain words: what is wrong and what to do next. */
  message: string;
}
