// Writes a starting README.md for a role from what the repo already says about it: the playbook
// that applies it, its defaults, the vault variables it uses, where it runs, its ports. What the
// files cannot say is left as a TODO for the author.

import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { rolesOfPlaybook } from '../../repo/playbookRoles';
import type { ParsedYaml } from '../../yaml/parse';
import { topLevelVars, type TopLevelVar } from './context';
import type { LintContext } from './rule';
import { jinjaExpressions, vaultNamesIn, vaultUses } from './jinja';
import { forEachPair, forEachStringValue, getNode, keyName, stringValue } from './tasks';
import { isPlaybook, lintKindOf } from '../../repo/layout';

const MAX_PLAYBOOK_LINES = 30;

export function roleReadme(role: string, context: LintContext): string {
  const files = context.roleFiles.get(role) ?? [];
  const defaultsFile = files.find((file) => /\/defaults\/main\.ya?ml$/.test(file));
  const defaults = defaultsFile ? topLevelVars(context.parsed(defaultsFile), context.texts.get(defaultsFile)) : [];
  const lines: string[] = [
    `# ${role}`,
    '',
    '<!-- Started by Certify from the role\'s files: replace every TODO. -->',
    '',
    'TODO: what this role deploys, in which container (id, address) and where the service is published.',
    '',
    ...usage(role, context),
    ...variables(defaults),
    ...vaultSection(files, context),
    ...dependencies(role, files, context),
    ...ports(defaults),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

function usage(role: string, context: LintContext): string[] {
  const playbooks = playbooksApplying(role, context);
  const lines = ['## Usage', ''];
  const playbook = playbooks[0];
  if (playbook === undefined) {
    const service = role.replace(/_api$/, '').replace(/_/g, '-');
    lines.push(
      '```yaml',
      `# playbooks/${service}-deploy.yml`,
      `- name: Deploy ${service}`,
      '  hosts: proxmox_admin',
      '  roles:',
      `    - role: ${role}`,
      '```',
      '',
      '```bash',
      `ansible-playbook playbooks/${service}-deploy.yml --vault-password-file=.vault_pass.txt`,
      '```',
      '',
    );
    return lines;
  }
  const body = (context.texts.get(playbook) ?? '').split(/\r?\n/);
  while (body.length > 0 && (/^\s*(---|#.*)?\s*$/.test(body[0]))) body.shift();
  if (body.length > 0 && body.length <= MAX_PLAYBOOK_LINES) lines.push('```yaml', `# ${playbook}`, ...trimTrailingBlank(body), '```', '');
  lines.push('```bash', ...playbooks.map((file) => `ansible-playbook ${file} --vault-password-file=.vault_pass.txt`), '```', '');
  return lines;
}

function variables(defaults: TopLevelVar[]): string[] {
  if (defaults.length === 0) return ['## Variables', '', 'TODO: the role has no defaults/main.yml yet; list its variables here.', ''];
  const lines = ['## Variables', '', 'Defaults from `defaults/main.yml`; override them in group_vars or with `-e`.', '', '| Variable | Default | Meaning |', '| --- | --- | --- |'];
  for (const variable of defaults) {
    lines.push(`| ${code(variable.name)} | ${describeValue(variable.node, variable.source)} | ${cell(variable.comment ?? 'TODO')} |`);
  }
  lines.push('');
  return lines;
}

function vaultSection(files: readonly string[], context: LintContext): string[] {
  // Sets keep first-seen order: the README lists names as the role's files first use them.
  const direct = new Set<string>();
  const used = new Set<string>();
  for (const file of files) {
    const linted = context.linted(file);
    if (!linted) continue;
    for (const use of vaultUses(linted)) direct.add(use.name);
    forEachStringValue(linted.root, ({ value, key }) => {
      for (const expression of jinjaExpressions(value, key)) for (const name of identifiersIn(expression)) used.add(name);
    });
  }
  // Vault variables reached through inventory variables the role uses (`proxmox_api_token_secret`).
  const indirect = new Map<string, string>();
  for (const [variable, vaultNames] of inventoryVaultVars(context)) {
    if (!used.has(variable)) continue;
    for (const name of vaultNames) if (!direct.has(name) && !indirect.has(name)) indirect.set(name, variable);
  }
  if (direct.size === 0 && indirect.size === 0) return ['## Vault variables', '', 'None: the role uses no `vault_*` variables.', ''];
  const where = context.vaultExample ? ` (template: ${code(context.vaultExample)})` : '';
  return [
    '## Vault variables',
    '',
    '| Variable | Used for |',
    '| --- | --- |',
    ...[...direct].map((name) => `| ${code(name)} | TODO |`),
    ...[...indirect].map(([name, variable]) => `| ${code(name)} | through ${code(variable)} (group_vars) |`),
    '',
    `Set them in the encrypted vault file${where}.`,
    '',
  ];
}

/** Inventory variables whose values reference vault variables: name → vault names. */
function inventoryVaultVars(context: LintContext): Map<string, string[]> {
  return context.memo('lint:inventory-vault-vars', () => findInventoryVaultVars(context));
}

function findInventoryVaultVars(context: LintContext): Map<string, string[]> {
  const byVariable = new Map<string, string[]>();
  for (const file of [...context.texts.keys()].sort()) {
    if (lintKindOf(file)?.kind !== 'inventory') continue;
    const linted = context.linted(file);
    forEachPair(linted?.root ?? null, ({ pair, key }) => {
      const value = stringValue(pair.value);
      const names = value === undefined ? [] : jinjaExpressions(value, undefined).flatMap(vaultNamesIn);
      if (names.length > 0) byVariable.set(key, [...new Set([...(byVariable.get(key) ?? []), ...names])]);
    });
  }
  return byVariable;
}

function identifiersIn(expression: string): string[] {
  return [...expression.matchAll(/(?<![\w.'"])[A-Za-z_][A-Za-z0-9_]*/g)].map((match) => match[0]);
}

function dependencies(role: string, files: readonly string[], context: LintContext): string[] {
  const hosts = new Set<string>();
  for (const file of files.filter((f) => /\/(tasks|handlers)\/[^/]+\.ya?ml$/.test(f))) {
    const linted = context.linted(file);
    forEachPair(linted?.root ?? null, ({ pair, key }) => {
      const host = key === 'delegate_to' ? stringValue(pair.value) : undefined;
      if (host && !/\{\{|\{%/.test(host) && host !== 'localhost') hosts.add(host);
    });
  }
  const metaFile = files.find((file) => /\/meta\/main\.ya?ml$/.test(file));
  const metaRoles = metaFile ? metaDependencies(context.parsed(metaFile)) : [];
  return [
    '## Dependencies',
    '',
    `- Runs tasks on: ${hosts.size > 0 ? [...hosts].map(code).join(', ') : 'the play\'s hosts only'}.`,
    `- Role dependencies (meta/main.yml): ${metaRoles.length > 0 ? metaRoles.map(code).join(', ') : 'none'}.`,
    `- TODO: services that must be deployed before ${role}, and the collections it needs.`,
    '',
  ];
}

function ports(defaults: TopLevelVar[]): string[] {
  const found = defaults.filter((variable) => /(^|_)port$/.test(variable.name) && isScalar(variable.node));
  const lines = ['## Ports', '', '| Port | Variable | Protocol | Exposed to |', '| --- | --- | --- | --- |'];
  if (found.length === 0) lines.push('| TODO | | | |');
  for (const variable of found) lines.push(`| ${cell(variable.source)} | ${code(variable.name)} | TODO | TODO |`);
  lines.push('');
  return lines;
}

function playbooksApplying(role: string, context: LintContext): string[] {
  const deploy = context.deployPlaybooks.get(role) ?? [];
  const others = (playbooksByRole(context).get(role) ?? []).filter((file) => !deploy.includes(file));
  return [...deploy, ...others];
}

/** role → every playbook applying it, in path order; worked out once per repo state. */
function playbooksByRole(context: LintContext): Map<string, string[]> {
  return context.memo('lint:playbooks-by-role', () => {
    const byRole = new Map<string, string[]>();
    for (const file of [...context.texts.keys()].filter(isPlaybook).sort()) {
      for (const ref of rolesOfPlaybook(context.parsed(file) as ParsedYaml)) {
        const list = byRole.get(ref.name) ?? [];
        if (!list.includes(file)) list.push(file);
        byRole.set(ref.name, list);
      }
    }
    return byRole;
  });
}

/** Role names a role's meta/main.yml lists under `dependencies` (plain names and `role:`/`name:` entries). */
export function metaDependencies(parsed: ParsedYaml | undefined): string[] {
  if (parsed === undefined) return [];
  const root = parsed.ast?.contents;
  const list = isMap(root) ? getNode(root, 'dependencies') : undefined;
  if (!isSeq(list)) return [];
  return list.items
    .map((item) => (isMap(item) ? stringValue(getNode(item, 'role') ?? getNode(item, 'name')) : stringValue(item)))
    .filter((name): name is string => name !== undefined);
}

function describeValue(node: Node | null, source: string): string {
  if (isSeq(node)) return `(list of ${node.items.length})`;
  if (isMap(node)) return `(mapping: ${(node.items as Pair[]).map((pair) => keyName(pair) ?? '?').slice(0, 4).join(', ')})`;
  if (source.includes('\n')) return '(multi-line)';
  return code(source.replace(/^(["'])(.*)\1$/, '$2'));
}

function code(text: string): string {
  const escaped = cell(text);
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function trimTrailingBlank(lines: string[]): string[] {
  const copy = [...lines];
  while (copy.length > 0 && copy[copy.length - 1].trim() === '') copy.pop();
  return copy;
}
