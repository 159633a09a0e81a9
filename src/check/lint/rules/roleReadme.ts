// Step 1's documentation: every role has a README.md with usage, variables, vault variables,
// dependencies and ports. The quick fix writes a starting README from the role's own files.

import type { Finding } from '../../../core/findings';
import { firstLineFinding } from '../lintedFile';
import { roleReadme as readmeText } from '../readmeTemplate';
import type { LintRuleInfo, RepoRule } from '../rule';
import { roleAnchor } from './roleStructure';

const info: LintRuleInfo = {
  id: 'role-readme',
  severity: 'warning',
  summary: 'Every role has a README.md (usage, variables, vault variables, dependencies, ports): Step 1\'s documentation.',
  category: 'lint',
  scope: 'repo',
};

export const roleReadme: RepoRule = {
  info,
  check(context) {
    const findings: Finding[] = [];
    for (const role of context.roles) {
      const files = context.roleFiles.get(role) ?? [];
      if (files.some((file) => file.toLowerCase() === `roles/${role}/readme.md`.toLowerCase())) continue;
      const anchor = roleAnchor(context, role);
      const readme = `roles/${role}/README.md`;
      findings.push(
        firstLineFinding(
          anchor,
          context.texts.get(anchor),
          info,
          `Role ${role} has no README.md: document its usage, variables, vault variables, dependencies and ports (the quick fix starts one from the role's files).`,
          [{ title: `Create ${readme}`, edits: [{ kind: 'create', file: readme, content: readmeText(role, context) }] }],
        ),
      );
    }
    return findings;
  },
};
