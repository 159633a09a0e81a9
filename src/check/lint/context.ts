// What lint knows about the repo beyond the file being linted: the roles and their files,
// which roles deploy a service, and which vault variables are documented somewhere, and the
// parse of every file it holds (through the caller's cache, so a repo change re-parses only
// the files that changed). Built once per repo change; linting one typed file reuses it.
// What depends on one file's text alone is kept per file and handed from one context to the
// next, so after an edit only the edited file's share is worked out again.

import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { rolesOfPlaybook } from '../../repo/playbookRoles';
import { parseYaml, type ParsedYaml } from '../../yaml/parse';
import { FileResults } from './fileResults';
import { lintedFrom, type LintedFile } from './lintedFile';
import type { LintContext } from './rule';
import { forEachPair, keyName } from './tasks';
import { isDeployPlaybook, lintKindOf } from '../../repo/layout';

export interface LintRepoInput {
  /** repo-relative path (forward slashes) → text: role YAML, playbooks, READMEs, docs, group_vars (incl. *.example), ansible.cfg. */
  texts: ReadonlyMap<string, string>;
  /** Every file path under roles/<role>/ (top-level files and one level of sub-folders). */
  roleFiles: readonly string[];
  /** Role directory names under roles/. */
  roleDirs: readonly string[];
  /** Parses an Ansible file; callers that keep a parse cache pass it, so unchanged files are not parsed again. */
  parse?: ParseAnsible;
}

/** Parses an Ansible file (YAML 1.1). */
export type ParseAnsible = (file: string, text: string) => ParsedYaml;
export const parseAnsible: ParseAnsible = (file, text) => parseYaml(file, text, '1.1');


const VAULT_EXAMPLE = /(^|\/)[^/]*vault[^/]*\.(example|sample)$/i;
const MARKDOWN = /(^|\/)[^/]+\.md$/i;
const VAULT_MENTION = /(?<![\w.-])vault_[A-Za-z0-9_]+/g;

/** What each context derived from single files, handed to the next context built from it. */
const fileResultsOf = new WeakMap<LintContext, FileResults>();
/** Each context's memo: the next context reuses repo-wide values from it without holding the context. */
const memosOf = new WeakMap<LintContext, ReadonlyMap<string, unknown>>();

/**
 * `previous`: the context of the repo before this change; what it worked out for files whose
 * text did not change is reused. Its texts must be its own (callers replace the map on a change,
 * never edit it), so that it tells what changed.
 */
export function buildLintContext(input: LintRepoInput, previous?: LintContext): LintContext {
  const listing = previous && sameListing.get(previous);
  const roleFiles = listing && listing.roleFiles === input.roleFiles && listing.roleDirs === input.roleDirs ? previous.roleFiles : groupRoleFiles(input);

  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const fileResults = new FileResults(input.texts, previous && fileResultsOf.get(previous));
  // Values only, never `previous` itself: each context holding the one before would keep every one alive.
  const earlier = (previous && memosOf.get(previous)) ?? new Map<string, unknown>();
  const roles = previous?.roleFiles === roleFiles ? previous.roles : [...roleFiles.keys()].sort();
  const fileMemo = <T>(file: string, key: string, compute: () => T): T => fileResults.get(file, key, compute);
  const parse = input.parse ?? parseAnsible;
  const parsed = (file: string): ParsedYaml | undefined => {
    const text = input.texts.get(file);
    return text === undefined ? undefined : parse(file, text);
  };
  const linted = (file: string): LintedFile | undefined =>
    fileMemo(file, 'lint:linted', () => {
      const text = input.texts.get(file);
      return text === undefined || !lintKindOf(file) ? undefined : lintedFrom(file, text, parsed(file));
    });
  const playbookRoles = (file: string): string[] =>
    fileMemo(file, SHARES.playbookRoles, () => (isDeployPlaybook(file) ? rolesOfPlaybook(parsed(file) as ParsedYaml).map((ref) => ref.name) : []));
  const vaultNames = (file: string): string[] => fileMemo(file, SHARES.vaultNames, () => vaultNamesDocumented(file, input.texts.get(file) ?? '', parsed));
  const context: LintContext = {
    texts: input.texts,
    roles,
    roleFiles,
    get deployPlaybooks() {
      return memo(REPO_WIDE.deployPlaybooks, () =>
        fileResults.folded(SHARES.playbookRoles, earlier.get(REPO_WIDE.deployPlaybooks) as Map<string, string[]> | undefined, playbookRoles, () =>
          findDeployPlaybooks(input.texts, playbookRoles),
        ),
      );
    },
    get documentedVault() {
      return memo(REPO_WIDE.documentedVault, () =>
        fileResults.folded(SHARES.vaultNames, earlier.get(REPO_WIDE.documentedVault) as Set<string> | undefined, vaultNames, () =>
          findDocumentedVault(input.texts, vaultNames),
        ),
      );
    },
    get vaultExample() {
      // Chosen among file names: the same while no file was added or removed.
      return memo(REPO_WIDE.vaultExample, () =>
        earlier.has(REPO_WIDE.vaultExample) && fileResults.sameFiles() ? (earlier.get(REPO_WIDE.vaultExample) as string | undefined) : chooseVaultExample(input.texts),
      );
    },
    memo,
    fileMemo,
    parsed,
    linted,
    *warm() {
      for (const file of input.texts.keys()) {
        vaultNames(file);
        playbookRoles(file);
        yield;
      }
    },
  };
  fileResultsOf.set(context, fileResults);
  memosOf.set(context, cache);
  sameListing.set(context, { roleFiles: input.roleFiles, roleDirs: input.roleDirs });
  return context;
}

/** The keys of per-file shares folded into repo-wide values, and of those values in the memo. */
const SHARES = { playbookRoles: 'lint:playbook-roles', vaultNames: 'lint:vault-names' } as const;
const REPO_WIDE = { deployPlaybooks: 'lint:deploy-playbooks', documentedVault: 'lint:documented-vault', vaultExample: 'lint:vault-example' } as const;

/** The role listing a context was built from: an unchanged listing (the same arrays) is not grouped again. */
const sameListing = new WeakMap<LintContext, Pick<LintRepoInput, 'roleFiles' | 'roleDirs'>>();

function groupRoleFiles(input: LintRepoInput): Map<string, string[]> {
  const roleFiles = new Map<string, string[]>();
  for (const role of input.roleDirs) roleFiles.set(role, []);
  for (const file of input.roleFiles) {
    const match = /^roles\/([^/]+)\//.exec(file);
    if (!match) continue;
    const list = roleFiles.get(match[1]) ?? [];
    list.push(file);
    roleFiles.set(match[1], list);
  }
  for (const list of roleFiles.values()) list.sort();
  return roleFiles;
}

/** A deploy role is applied by a `playbooks/*-deploy.yml` or follows the `*_api` naming of the workflow. */
export function isDeployRole(context: LintContext, role: string): boolean {
  return context.deployPlaybooks.has(role) || role.endsWith('_api');
}

function findDeployPlaybooks(texts: ReadonlyMap<string, string>, rolesOf: (file: string) => readonly string[]): Map<string, string[]> {
  const byRole = new Map<string, string[]>();
  for (const file of [...texts.keys()].filter(isDeployPlaybook).sort()) {
    for (const role of rolesOf(file)) {
      const list = byRole.get(role) ?? [];
      if (!list.includes(file)) list.push(file);
      byRole.set(role, list);
    }
  }
  return byRole;
}

function findDocumentedVault(texts: ReadonlyMap<string, string>, namesIn: (file: string) => readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of texts.keys()) for (const name of namesIn(file)) names.add(name);
  return names;
}

/** The vault names one file documents: mentioned in a vault example or Markdown, or defined in inventory vars or a role's defaults/vars. */
function vaultNamesDocumented(file: string, text: string, parsedFile: (file: string) => ParsedYaml | undefined): string[] {
  const names = new Set<string>();
  if (VAULT_EXAMPLE.test(file) || MARKDOWN.test(file)) {
    for (const match of text.matchAll(VAULT_MENTION)) names.add(match[0]);
    return [...names];
  }
  // A definition (not a reference) in inventory vars or a role's defaults/vars also documents it.
  const fileClass = lintKindOf(file);
  if (!fileClass || !['inventory', 'defaults', 'vars'].includes(fileClass.kind)) return [];
  const parsed = parsedFile(file);
  if (!parsed || parsed.findings.length > 0) return [];
  forEachPair((parsed.ast?.contents as Node | null) ?? null, ({ key }) => {
    if (key.startsWith('vault_')) names.add(key);
  });
  return [...names];
}

function chooseVaultExample(texts: ReadonlyMap<string, string>): string | undefined {
  const candidates = [...texts.keys()].filter((file) => VAULT_EXAMPLE.test(file) && /\.example$/.test(file)).sort();
  const preferred = ['inventory/group_vars/all/vault.yml.example', 'group_vars/all/vault.yml.example'];
  return preferred.find((file) => candidates.includes(file)) ?? candidates[0];
}

/** Top-level keys of a vars file with their values as written (for READMEs and fixes). */
export interface TopLevelVar {
  name: string;
  /** The value as written (scalars only; '' for lists and mappings). */
  source: string;
  node: Node | null;
  /** A comment on the same line (`port: 80  # HTTP`). */
  comment?: string;
}

export function topLevelVars(parsed: ParsedYaml | undefined, text: string | undefined): TopLevelVar[] {
  if (parsed === undefined || text === undefined) return [];
  const root = parsed.findings.length > 0 ? undefined : parsed.ast?.contents;
  if (!isMap(root)) return [];
  const vars: TopLevelVar[] = [];
  for (const pair of root.items as Pair[]) {
    const name = keyName(pair);
    if (name === undefined) continue;
    const node = (pair.value as Node | null) ?? null;
    const [start, end] = node?.range ?? [0, 0];
    const source = isScalar(node) ? text.slice(start, end).trim() : '';
    vars.push({ name, source, node, comment: node?.comment?.trim() || undefined });
  }
  return vars;
}
