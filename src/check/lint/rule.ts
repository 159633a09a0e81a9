// The shape every lint rule has: what it declares about itself, and a check over one parsed
// Ansible file (file rules) or over the whole repo (repo rules, e.g. a role's missing README).

import type { Finding, RuleInfo } from '../../core/findings';
import type { LintContext } from './context';
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
