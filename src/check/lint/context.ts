// What lint knows about the repo beyond the file being linted: the roles and their files,
// which roles deploy a service, and which vault variables are documented somewhere, and the
// parse of every file it holds (through the caller's cache, so a repo change re-parses only
// the files that changed). Built once per repo change; linting one typed file reuses it.

import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { rolesOfPlaybook } from '../../workspace/playbookRoles';
import { parseYaml, type ParsedYaml } from '../../workspace/yamlText';
import { classifyFile, lintedFrom, type LintedFile } from './lintedFile';
import { forEachPair, keyName } from './tasks';

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
  /** The parse of a file of `texts`; undefined when it is not there. */
  parsed(file: string): ParsedYaml | undefined;
  /** The lint view of a file of `texts`; undefined when it is not there, not lintable or does not parse. */
  linted(file: string): LintedFile | undefined;
}

const DEPLOY_PLAYBOOK = /^playbooks\/[^/]+-deploy\.ya?ml$/;
const VAULT_EXAMPLE = /(^|\/)[^/]*vault[^/]*\.(example|sample)$/i;
const MARKDOWN = /(^|\/)[^/]+\.md$/i;
const VAULT_MENTION = /(?<![\w.-])vault_[A-Za-z0-9_]+/g;

export function buildLintContext(input: LintRepoInput): LintContext {
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

  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const parse = input.parse ?? parseAnsible;
  const parsed = (file: string): ParsedYaml | undefined => {
    const text = input.texts.get(file);
    return text === undefined ? undefined : parse(file, text);
  };
  const linted = (file: string): LintedFile | undefined =>
    memo(`lint:linted:${file}`, () => {
      const text = input.texts.get(file);
      return text === undefined || !classifyFile(file) ? undefined : lintedFrom(file, text, parsed(file));
    });
  return {
    texts: input.texts,
    roles: [...roleFiles.keys()].sort(),
    roleFiles,
    deployPlaybooks: findDeployPlaybooks(input.texts, parsed),
    documentedVault: findDocumentedVault(input.texts, parsed),
    vaultExample: chooseVaultExample(input.texts),
    memo,
    parsed,
    linted,
  };
}

/** A deploy role is applied by a `playbooks/*-deploy.yml` or follows the `*_api` naming of the workflow. */
export function isDeployRole(context: LintContext, role: string): boolean {
  return context.deployPlaybooks.has(role) || role.endsWith('_api');
}

function findDeployPlaybooks(texts: ReadonlyMap<string, string>, parsed: (file: string) => ParsedYaml | undefined): Map<string, string[]> {
  const byRole = new Map<string, string[]>();
  for (const file of [...texts.keys()].sort()) {
    if (!DEPLOY_PLAYBOOK.test(file)) continue;
    for (const ref of rolesOfPlaybook(parsed(file) as ParsedYaml)) {
      const list = byRole.get(ref.name) ?? [];
      if (!list.includes(file)) list.push(file);
      byRole.set(ref.name, list);
    }
  }
  return byRole;
}

function findDocumentedVault(texts: ReadonlyMap<string, string>, parsedFile: (file: string) => ParsedYaml | undefined): Set<string> {
  const names = new Set<string>();
  for (const [file, text] of texts) {
    if (VAULT_EXAMPLE.test(file) || MARKDOWN.test(file)) {
      for (const match of text.matchAll(VAULT_MENTION)) names.add(match[0]);
      continue;
    }
    // A definition (not a reference) in inventory vars or a role's defaults/vars also documents it.
    const fileClass = classifyFile(file);
    if (!fileClass || !['inventory', 'defaults', 'vars'].includes(fileClass.kind)) continue;
    const parsed = parsedFile(file);
    if (!parsed || parsed.findings.length > 0) continue;
    forEachPair((parsed.ast?.contents as Node | null) ?? null, ({ key }) => {
      if (key.startsWith('vault_')) names.add(key);
    });
  }
  return names;
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
