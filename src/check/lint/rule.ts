// The shape every lint rule has: what it declares about itself, and a check over one parsed
// Ansible file (file rules) or over the whole repo (repo rules, e.g. a role's missing README);
// and what a rule may ask of the repo (the lint context, built by ./context).

import type { Finding, RuleInfo } from '../../core/findings';
import type { ParsedYaml } from '../../yaml/parse';
import type { Work } from '../work';
import type { LintedFile } from './lintedFile';

export interface LintRuleInfo extends RuleInfo {
  category: 'lint';
  /** `file`: findings depend on one file's text (re-run as it is typed); `repo`: on the repo's file set. */
  scope: 'file' | 'repo';
}

export interface FileRule {
  info: LintRuleInfo;
  check(file: LintedFile, context: LintContext): Finding[];
}

export interface RepoRule {
  info: LintRuleInfo;
  check(context: LintContext): Finding[];
}

export interface LintContext {
  readonly texts: ReadonlyMap<string, string>;
  /** Role names (directories under roles/), sorted. */
  readonly roles: readonly string[];
  /** role → its files (repo-relative), sorted. */
  readonly roleFiles: ReadonlyMap<string, readonly string[]>;
  /** role → the `playbooks/*-deploy.yml` that apply it. */
  readonly deployPlaybooks: ReadonlyMap<string, readonly string[]>;
  /** `vault_*` names documented in a vault example, a README or docs, or defined in group_vars/role vars. */
  readonly documentedVault: ReadonlySet<string>;
  /** Where vault variables are documented (`…/vault.yml.example`), when the repo has such a file. */
  readonly vaultExample?: string;
  /** Results derived from `texts`, computed once per context (texts never change within one). */
  memo<T>(key: string, compute: () => T): T;
  /**
   * A result derived from one file's text (and path) alone: kept, for the next context built
   * with this one as `previous`, for as long as that file's text is unchanged.
   */
  fileMemo<T>(file: string, key: string, compute: () => T): T;
  /** The parse of a file of `texts`; undefined when it is not there. */
  parsed(file: string): ParsedYaml | undefined;
  /** The lint view of a file of `texts`; undefined when it is not there, not lintable or does not parse. */
  linted(file: string): LintedFile | undefined;
  /**
   * Works out each file's share of the repo-wide values (documented vault names, deploy
   * playbooks) one file per step, so that a validation run in slices never does them all at once.
   */
  warm(): Work<void>;
}
