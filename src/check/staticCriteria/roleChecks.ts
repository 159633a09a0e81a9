// Step 1's role checks: the API-first layout (role-files, the parts lint's role-structure rule
// wants) and a README with usage examples (role-readme). Both judge every role of the service
// the repo holds; a role outside the repo (a collection role) cannot be judged.

import type { SourceRef } from '../../core/findings';
import { PARTS, roleAnchor } from '../lint/rules/roleStructure';
import { listText, met, notMet, ref, unknown, type Verdict } from './result';
import type { StaticScope } from './scope';

/** A usage section or example: a "Usage"/"Example" heading, or a fenced code block. */
const USAGE_HEADING = /^#{1,6}\s+.*\b(usage|examples?|how to use)\b/im;
const CODE_BLOCK = /^\s*(```|~~~)/m;

export function roleFiles(scope: StaticScope): Verdict {
  const roles = scope.roles();
  const problems: string[] = [];
  const problemRefs: SourceRef[] = [];
  const evidence: SourceRef[] = [];
  for (const role of roles.local) {
    const files = scope.roleFiles(role);
    const missing = PARTS.filter((part) => !part.present(files, role)).map((part) => part.label);
    if (missing.length > 0) {
      problems.push(`roles/${role} has no ${listText(missing)}`);
      // Lint's role-structure finding, with its create-file fixes, stands on this file.
      problemRefs.push(ref(roleAnchor(scope.repo.lintContext, role)));
      continue;
    }
    for (const part of PARTS) {
      const folder = `roles/${role}/${part.label.split('/')[0]}/`;
      const inFolder = files.filter((file) => file.startsWith(folder));
      const file = inFolder.find((f) => /\/main\.ya?ml$/.test(f)) ?? inFolder[0];
      if (file) evidence.push(ref(file));
    }
  }
  for (const role of roles.missing) {
    problems.push(`role ${role.name} is not in roles/`);
    problemRefs.push(role.source);
  }
  if (problems.length > 0) return notMet(problems.join('; '), problemRefs);
  if (roles.outside.length > 0) return unknown(`${listText(roles.outside)} ${roles.outside.length === 1 ? 'is' : 'are'} outside the repo; Certify cannot see ${roles.outside.length === 1 ? 'its' : 'their'} files`);
  if (roles.local.length === 0) return notMet(noRole(scope), definitionOrPlaybook(scope));
  const parts = PARTS.map((part) => part.label.split('/')[0]);
  return met(`${listText(roles.local.map((role) => `roles/${role}`))} ${roles.local.length === 1 ? 'has' : 'have'} ${listText(parts)}`, evidence);
}

export function roleReadme(scope: StaticScope): Verdict {
  const roles = scope.roles();
  const problems: string[] = [];
  const problemRefs: SourceRef[] = [];
  const unreadable: string[] = [];
  const evidence: SourceRef[] = [];
  for (const role of roles.local) {
    const readme = scope.readmeOf(role);
    if (readme === undefined) {
      problems.push(`no README.md in roles/${role}`);
      // Lint's role-readme finding, whose quick fix writes a starting README, stands here.
      problemRefs.push(ref(roleAnchor(scope.repo.lintContext, role)));
      continue;
    }
    const text = scope.text(readme);
    if (text === undefined) {
      unreadable.push(readme);
      continue;
    }
    if (!USAGE_HEADING.test(text) && !CODE_BLOCK.test(text)) {
      problems.push(`${readme} has no usage example`);
      problemRefs.push(ref(readme));
      continue;
    }
    evidence.push(ref(readme));
  }
  for (const role of roles.missing) {
    problems.push(`role ${role.name} is not in roles/`);
    problemRefs.push(role.source);
  }
  if (problems.length > 0) return notMet(problems.join('; '), problemRefs);
  // Certify reads README.md only in that spelling; another spelling exists but was not read.
  if (unreadable.length > 0) return unknown(`${listText(unreadable)} not read: cannot tell whether it has usage examples`, unreadable.map((file) => ref(file)));
  if (roles.outside.length > 0) return unknown(`${listText(roles.outside)} ${roles.outside.length === 1 ? 'is' : 'are'} outside the repo; Certify cannot see ${roles.outside.length === 1 ? 'its' : 'their'} README`);
  if (roles.local.length === 0) return notMet(noRole(scope), definitionOrPlaybook(scope));
  return met(`${listText(evidence.map((source) => source.file))} with usage examples`, evidence);
}

export function noRole(scope: StaticScope): string {
  return `no role deploys ${scope.service.name}: create roles/${scope.service.name.replace(/-/g, '_')}_api and apply it in its deploy playbook`;
}

/** Where a service's roles would be named: its deploy playbook, else its definition. */
export function definitionOrPlaybook(scope: StaticScope): SourceRef[] {
  const file = scope.service.deployPlaybook ?? scope.service.definitionFile;
  return file ? [ref(file)] : [];
}
