// The workflow's API-first role layout (Step 1): defaults/main.yml, tasks/main.yml,
// handlers/main.yml and templates/. A missing piece is usually a role started by hand.

import type { Finding, Fix } from '../../../core/findings';
import { firstLineFinding } from '../lintedFile';
import type { LintContext, LintRuleInfo, RepoRule } from '../rule';

const info: LintRuleInfo = {
  id: 'role-structure',
  severity: 'warning',
  summary: 'Every role has defaults/main.yml, tasks/main.yml, handlers/main.yml and templates/ (the workflow\'s API-first layout).',
  category: 'lint',
  scope: 'repo',
};

export interface Part {
  label: string;
  present(files: readonly string[], role: string): boolean;
  create?: (role: string) => { file: string; content: string };
}

const mainFile = (folder: string, comment: string): Part => ({
  label: `${folder}/main.yml`,
  present: (files, role) => files.includes(`roles/${role}/${folder}/main.yml`) || files.includes(`roles/${role}/${folder}/main.yaml`),
  create: (role) => ({ file: `roles/${role}/${folder}/main.yml`, content: `---\n# ${comment} for ${role}\n` }),
});

/** The API-first layout's parts, in the order findings and reports name them. */
export const PARTS: readonly Part[] = [
  mainFile('defaults', 'Configuration variables'),
  mainFile('tasks', 'Deployment tasks'),
  mainFile('handlers', 'Handlers'),
  { label: 'templates/', present: (files, role) => files.some((file) => file.startsWith(`roles/${role}/templates/`)) },
];

/** Where a finding about a whole role stands: its tasks/main.yml, else its first file. */
export function roleAnchor(context: LintContext, role: string): string {
  const files = context.roleFiles.get(role) ?? [];
  return files.find((file) => /^roles\/[^/]+\/tasks\/main\.ya?ml$/.test(file)) ?? files[0] ?? `roles/${role}`;
}

export const roleStructure: RepoRule = {
  info,
  check(context) {
    const findings: Finding[] = [];
    for (const role of context.roles) {
      const files = context.roleFiles.get(role) ?? [];
      const anchor = roleAnchor(context, role);
      for (const part of PARTS) {
        if (part.present(files, role)) continue;
        const created = part.create?.(role);
        const fixes: Fix[] = created ? [{ title: `Create ${created.file}`, edits: [{ kind: 'create', ...created }] }] : [];
        const what = created ? `create ${created.file}` : `add roles/${role}/templates/ with the service's configuration templates`;
        findings.push(
          firstLineFinding(anchor, context.texts.get(anchor), info, `Role ${role} has no ${part.label}: the API-first layout wants defaults/, tasks/, handlers/ and templates/; ${what}.`, fixes),
        );
      }
    }
    return findings;
  },
};
