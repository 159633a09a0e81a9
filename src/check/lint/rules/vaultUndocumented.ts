// Every vault variable a role uses must be documented where the person rebuilding the service
// looks (the vault example file, a README, docs/): an undocumented one is the classic cause of
// a rebuild that fails on an undefined variable.

import type { Finding, Fix } from '../../../core/findings';
import { TextPositions } from '../../../yaml/positions';
import { vaultUses } from '../jinja';
import { findingAt } from '../lintedFile';
import type { FileRule, LintContext, LintRuleInfo } from '../rule';

const info: LintRuleInfo = {
  id: 'vault-undocumented',
  severity: 'warning',
  summary: 'Every vault_* variable used is documented (vault *.example file, README or docs) or defined in group_vars, so a rebuild knows to set it.',
  category: 'lint',
  scope: 'file',
};

/** Where a new vault example goes: next to the repo's group_vars. */
function newExampleFile(context: LintContext): string {
  const files = [...context.texts.keys()];
  const rootGroupVars = files.some((file) => file.startsWith('group_vars/')) && !files.some((file) => file.startsWith('inventory/'));
  return rootGroupVars ? 'group_vars/all/vault.yml.example' : 'inventory/group_vars/all/vault.yml.example';
}

export const vaultUndocumented: FileRule = {
  info,
  check(file, context) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const use of vaultUses(file)) {
      if (context.documentedVault.has(use.name) || reported.has(use.name)) continue;
      reported.add(use.name);
      const where = context.vaultExample ?? newExampleFile(context);
      findings.push(
        findingAt(
          file,
          info,
          use.span,
          `${use.name} is not documented anywhere: add it to ${where} (with a CHANGE_ME placeholder) and describe it in the role README, or a rebuild fails on an undefined variable.`,
          [documentFix(context, use.name)],
        ),
      );
    }
    return findings;
  },
};

/** Adds `vault_x: "CHANGE_ME"` to the vault example file, creating the file when the repo has none. */
function documentFix(context: LintContext, name: string): Fix {
  const line = `${name}: "CHANGE_ME"`;
  const example = context.vaultExample;
  const text = example === undefined ? undefined : context.texts.get(example);
  if (example === undefined || text === undefined) {
    const content = `---\n# Template for the encrypted vault file: copy it to vault.yml, replace every CHANGE_ME,\n# then run ansible-vault encrypt.\n${line}\n`;
    const file = newExampleFile(context);
    return { title: `Document ${name} in ${file}`, edits: [{ kind: 'create', file, content }] };
  }
  const positions = new TextPositions(text);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const endsWithBreak = text.length === 0 || text.endsWith('\n');
  return {
    title: `Document ${name} in ${example}`,
    edits: [
      {
        kind: 'replace',
        file: example,
        range: positions.range(text.length, text.length),
        newText: `${endsWithBreak ? '' : newline}${line}${newline}`,
      },
    ],
  };
}
