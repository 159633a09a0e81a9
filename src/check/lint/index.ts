// Role-file lint: rules over Ansible roles, playbooks and inventory vars that catch what breaks
// the service workflow (non-idempotent tasks, pct instead of the API, secrets in plain text,
// missing health checks, undocumented vault variables, incomplete roles). Pure: text in, findings out.

import type { Finding } from '../../core/findings';
import { buildLintContext, parseAnsible, type LintRepoInput, type ParseAnsible } from './context';
import { lintedFrom } from './lintedFile';
import type { FileRule, LintContext, LintRuleInfo, RepoRule } from './rule';
import { runNow, type Work } from '../work';
import { healthCheckMissing } from './rules/healthCheckMissing';
import { checkAnsibleCfg, hostKeyCheckingOff } from './rules/hostKeyCheckingOff';
import { noChangedWhen } from './rules/noChangedWhen';
import { plaintextSecret } from './rules/plaintextSecret';
import { proxmoxViaPct } from './rules/proxmoxViaPct';
import { roleReadme } from './rules/roleReadme';
import { roleStructure } from './rules/roleStructure';
import { stateLatest } from './rules/stateLatest';
import { vaultUndocumented } from './rules/vaultUndocumented';
import { weakDefaultPassword } from './rules/weakDefaultPassword';
import { lintKindOf } from '../../repo/layout';
import { capFindings } from '../../yaml/findingCap';

export { buildLintContext, type LintRepoInput, type ParseAnsible } from './context';
export type { LintContext, LintRuleInfo } from './rule';

const FILE_RULES: readonly FileRule[] = [
  noChangedWhen,
  proxmoxViaPct,
  stateLatest,
  healthCheckMissing,
  plaintextSecret,
  weakDefaultPassword,
  hostKeyCheckingOff,
  vaultUndocumented,
];
const REPO_RULES: readonly RepoRule[] = [roleStructure, roleReadme];

export const LINT_RULES: readonly LintRuleInfo[] = [...REPO_RULES, ...FILE_RULES].map((rule) => rule.info);

const ANSIBLE_CFG = /(^|\/)ansible\.cfg$/;

/** Lints one role/playbook/inventory YAML file (or ansible.cfg) as typed in the editor. */
export function lintFile(file: string, text: string, context: LintContext, parse: ParseAnsible = parseAnsible): Finding[] {
  if (ANSIBLE_CFG.test(file)) return guarded(file, hostKeyCheckingOff.info, () => checkAnsibleCfg(file, text));
  const linted = lintKindOf(file) ? lintedFrom(file, text, parse(file, text)) : undefined;
  if (!linted) return [];
  const findings = capFindings(FILE_RULES.flatMap((rule) => guarded(file, rule.info, () => rule.check(linted, context))));
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * Every per-file rule on every lintable file, plus the repo-level rules (role structure, READMEs).
 * Pass the context when the caller already built it from the same input.
 */
export function lintRepo(input: LintRepoInput, context: LintContext = buildLintContext(input)): Finding[] {
  return runNow(lintRepoWork(input, context));
}

/** lintRepo one file (one repo rule) per step. */
export function* lintRepoWork(input: LintRepoInput, context: LintContext): Work<Finding[]> {
  const findings: Finding[] = [];
  yield* context.warm();
  for (const file of [...input.texts.keys()].sort()) {
    for (const finding of lintFile(file, input.texts.get(file) ?? '', context, input.parse)) findings.push(finding);
    yield;
  }
  for (const rule of REPO_RULES) {
    for (const finding of guarded('roles', rule.info, () => rule.check(context))) findings.push(finding);
    yield;
  }
  return findings;
}

/**
 * A rule that throws is a bug in Certify, not in the repo: it becomes an info finding naming
 * the rule, so the user sees why a check said nothing, and the other rules still run.
 */
function guarded(file: string, rule: LintRuleInfo, run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        file,
        line: 1,
        ruleId: rule.id,
        severity: 'info',
        message: `Certify could not run ${rule.id} on this file (${reason}); the other checks ran. Please report this.`,
      },
    ];
  }
}
