// Step 1's "Required vault variables documented": every vault_* variable the service's role
// files and deploy playbook use is in the lint context's documented set (vault *.example file,
// a README or docs, or defined in group_vars/role vars), exactly what vault-undocumented checks.
// Templates (*.j2) are not read, as lint does not read them: they use the role's variables,
// which its defaults map to vault_* names.

import type { Node } from 'yaml';
import type { SourceRef } from '../../core/findings';
import { vaultUses } from '../lint/jinja';
import { classifyFile } from '../lint/lintedFile';
import { forEachPair } from '../lint/tasks';
import { deploySources } from './deploySources';
import { docLines, serviceReadmes, tokenPattern } from './documents';
import { listText, met, notMet, ref, unknown, type Verdict } from './result';
import type { StaticScope } from './scope';

export function vaultDocumented(scope: StaticScope): Verdict {
  const { documentedVault } = scope.repo.lintContext;
  const files = vaultFiles(scope);
  const used = new Map<string, SourceRef>();
  const blind: string[] = [...deploySources(scope).blind];
  for (const file of files) {
    const linted = scope.linted(file);
    if (!linted) {
      if (scope.text(file) !== undefined) blind.push(`${file} does not parse`);
      continue;
    }
    for (const use of vaultUses(linted)) if (!used.has(use.name)) used.set(use.name, scope.offsetAt(linted, use.span[0]));
  }
  const undocumented = [...used].filter(([name]) => !documentedVault.has(name));
  if (undocumented.length > 0) {
    const names = undocumented.map(([name]) => name);
    return notMet(`${listText(names)} not documented (vault example, README or docs)`, undocumented.map(([, at]) => at));
  }
  if (blind.length > 0) return unknown(`${used.size === 0 ? 'no vault variables seen' : `${used.size} vault variables documented`}, but ${blind[0]}`);
  if (used.size === 0) return met(`${scope.service.name} uses no vault_* variables`);
  const sites = [...used.keys()].map((name) => documentedAt(scope, name)).filter((site): site is SourceRef => site !== undefined);
  return met(used.size === 1 ? `${[...used.keys()][0]} documented` : `all ${used.size} vault variables documented`, sites);
}

/** Every YAML file of the service's roles that Ansible loads, and the deploy playbook. */
function vaultFiles(scope: StaticScope): string[] {
  const files: string[] = [];
  for (const role of deploySources(scope).roles) {
    for (const file of scope.roleFiles(role)) if (classifyFile(file)?.role === role) files.push(file);
  }
  if (scope.service.deployPlaybook) files.push(scope.service.deployPlaybook);
  return files;
}

/** Where a person finds the variable documented: the vault example, the role README, other docs, then a definition. */
function documentedAt(scope: StaticScope, name: string): SourceRef | undefined {
  const pattern = tokenPattern(name, '');
  const example = scope.repo.lintContext.vaultExample;
  const texts = [...scope.repo.texts.keys()].sort();
  const documents = [
    ...(example ? [example] : []),
    ...serviceReadmes(scope),
    ...texts.filter((file) => /\.(md|example|sample)$/i.test(file)),
  ];
  for (const line of docLines(scope, [...new Set(documents)])) if (pattern.test(line.text)) return ref(line.file, line.line);
  for (const file of texts) {
    const kind = classifyFile(file)?.kind;
    if (kind !== 'inventory' && kind !== 'defaults' && kind !== 'vars') continue;
    const linted = scope.linted(file);
    let found: SourceRef | undefined;
    forEachPair(linted?.root ?? null, ({ pair, key }) => {
      if (!found && key === name && linted) found = scope.at(linted, pair.key as Node);
    });
    if (found) return { file: found.file, line: found.line };
  }
  return undefined;
}
