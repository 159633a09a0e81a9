// Step 1's "Required vault variables documented": every vault_* variable the service's role
// files and deploy playbook use is in the lint context's documented set (vault *.example file,
// a README or docs, or defined in group_vars/role vars), exactly what vault-undocumented checks.
// Templates (*.j2) are not read, as lint does not read them: they use the role's variables,
// which its defaults map to vault_* names.

import type { Node } from 'yaml';
import type { SourceRef } from '../../core/findings';
import { vaultUses } from '../lint/jinja';
import { forEachPair } from '../lint/tasks';
import { deploySources } from './deploySources';
import { docLines, serviceReadmes, tokenPattern, wordLines } from './documents';
import { listText, met, notMet, ref, unknown, type Verdict } from './result';
import type { StaticScope } from './scope';
import { lintKindOf } from '../../repo/layout';

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
    for (const file of scope.roleFiles(role)) if (lintKindOf(file)?.role === role) files.push(file);
  }
  if (scope.service.deployPlaybook) files.push(scope.service.deployPlaybook);
  return files;
}

/**
 * Where a person finds the variable documented: the vault example, the role README, other docs
 * (the first in path order), then a definition in inventory, defaults or vars.
 */
function documentedAt(scope: StaticScope, name: string): SourceRef | undefined {
  const example = scope.repo.lintContext.vaultExample;
  // Vault names are word characters; anything else is searched line by line.
  if (!/^\w+$/.test(name)) return scanDocuments(scope, name, example);
  for (const file of new Set([...(example ? [example] : []), ...serviceReadmes(scope)])) {
    const line = wordLines(scope, file).get(name);
    if (line !== undefined) return ref(file, line);
  }
  // The first of all other documents: a file searched above would have answered already.
  return firstInDocuments(scope).get(name) ?? firstDefinitions(scope).get(name);
}

const DOCUMENT = /\.(md|example|sample)$/i;

function sortedTexts(scope: StaticScope): readonly string[] {
  return scope.repo.lintContext.memo('static-criteria:sorted-texts', () => [...scope.repo.texts.keys()].sort());
}

/** Every word's first mention across the repo's documents, in path order. */
function firstInDocuments(scope: StaticScope): ReadonlyMap<string, SourceRef> {
  return scope.repo.lintContext.memo('static-criteria:first-in-documents', () => {
    const first = new Map<string, SourceRef>();
    for (const file of sortedTexts(scope).filter((candidate) => DOCUMENT.test(candidate))) {
      for (const [word, line] of wordLines(scope, file)) if (!first.has(word)) first.set(word, ref(file, line));
    }
    return first;
  });
}

/** Every key's first definition in inventory, defaults and vars files, in path order. */
function firstDefinitions(scope: StaticScope): ReadonlyMap<string, SourceRef> {
  return scope.repo.lintContext.memo('static-criteria:first-definitions', () => {
    const first = new Map<string, SourceRef>();
    for (const file of sortedTexts(scope)) {
      const kind = lintKindOf(file)?.kind;
      if (kind !== 'inventory' && kind !== 'defaults' && kind !== 'vars') continue;
      const linted = scope.linted(file);
      if (!linted) continue;
      forEachPair(linted.root, ({ pair, key }) => {
        if (typeof key === 'string' && !first.has(key)) {
          const at = scope.at(linted, pair.key as Node);
          first.set(key, { file: at.file, line: at.line });
        }
      });
    }
    return first;
  });
}

/** documentedAt for a name that is not a single word: the same order, read line by line. */
function scanDocuments(scope: StaticScope, name: string, example: string | undefined): SourceRef | undefined {
  const pattern = tokenPattern(name, '');
  const texts = sortedTexts(scope);
  const documents = [...(example ? [example] : []), ...serviceReadmes(scope), ...texts.filter((file) => DOCUMENT.test(file))];
  for (const line of docLines(scope, [...new Set(documents)])) if (pattern.test(line.text)) return ref(line.file, line.line);
  return firstDefinitions(scope).get(name);
}
