// The service in the full-deployment playbook (the workflow's playbooks/full-deployment.yml; a
// site.yml plays the same part): an import of its deploy playbook when the playbook is a list of
// imports, or its roles in the roles list of a play, written like the entries already there.

import * as path from 'node:path';
import { isMap, isScalar, isSeq, stringify, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { rolesOfPlaybook } from '../../repo/playbookRoles';
import { appendToBlockList, Insertions, YamlLines } from '../../yaml/insertions';
import { parseYaml } from '../../yaml/parse';
import type { DocFacts, DocsEdit, DocsUpdate } from './types';

export const FULL_DEPLOYMENT_PLAYBOOKS = [
  'playbooks/full-deployment.yml',
  'playbooks/full-deployment.yaml',
  'playbooks/site.yml',
  'playbooks/site.yaml',
  'site.yml',
  'site.yaml',
] as const;
const IMPORT_KEYS = ['ansible.builtin.import_playbook', 'import_playbook', 'ansible.legacy.import_playbook'];

export function fullDeploymentEdits(texts: ReadonlyMap<string, string>, facts: DocFacts): DocsUpdate {
  const file = FULL_DEPLOYMENT_PLAYBOOKS.find((candidate) => texts.has(candidate));
  const text = file === undefined ? undefined : texts.get(file);
  if (file === undefined || text === undefined) {
    return { edits: [], notes: [`The repo has no ${FULL_DEPLOYMENT_PLAYBOOKS[0]} (nor site.yml): ${facts.name} was not added to a full deployment.`] };
  }
  const parsed = parseYaml(file, text, '1.1');
  const plays = parsed.ast?.contents;
  if (parsed.findings.length > 0 || !isSeq(plays)) return { edits: [], notes: [`${file} does not parse as a list of plays: fix it, then add ${facts.name} to it.`] };

  const items = plays.items as unknown[];
  const imports = items.filter((item): item is YAMLMap => isMap(item) && importKey(item) !== undefined);
  const imported = imports.map((item) => importedFile(file, item)).filter((target): target is string => target !== undefined);
  const applied = new Set(rolesOfPlaybook(parsed).map((role) => role.name));
  if ((facts.deployPlaybook !== undefined && imported.includes(facts.deployPlaybook)) || facts.roles.some((role) => applied.has(role))) return { edits: [], notes: [] };

  const label = `Add ${facts.name} to the full-deployment playbook (${file})`;
  const target = new YamlLines(file, text);
  if (imports.length > 0) {
    if (facts.deployPlaybook === undefined) return { edits: [], notes: [`${file} imports each service's deploy playbook, and ${facts.name} has none: add it by hand.`] };
    return { edits: [importEdit(target, plays, imports[imports.length - 1], imports, facts.deployPlaybook, facts.name, label)], notes: [] };
  }
  const roles = items
    .map((play) => (isMap(play) ? (play.get('roles', true) as unknown) : undefined))
    .filter((list): list is YAMLSeq => isSeq(list))
    .reduce<YAMLSeq | undefined>((best, list) => (best === undefined || list.items.length >= best.items.length ? list : best), undefined);
  if (!roles || facts.roles.length === 0) {
    return { edits: [], notes: [`${file} has no import_playbook entries and no roles list Certify could extend: add ${facts.name} to it by hand.`] };
  }
  const edit = appendToBlockList(target, roles, facts.roles.map((role) => roleItem(roles, role)));
  if (!edit) return { edits: [], notes: [`The roles list in ${file} is written inline: add ${facts.roles.join(', ')} to it by hand.`] };
  return { edits: [{ ...edit, label }], notes: [] };
}

function importKey(item: YAMLMap): string | undefined {
  return item.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')).find((key) => IMPORT_KEYS.includes(key));
}

/** The repo path an import names, relative to the importing playbook's folder as Ansible reads it. */
function importedFile(file: string, item: YAMLMap): string | undefined {
  const key = importKey(item);
  const value = key === undefined ? undefined : item.get(key);
  if (typeof value !== 'string' || /\{\{|\{%/.test(value)) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), value.trim()));
}

/** An import written like the last one: its keys (name and import), its indentation, its blank line before. */
function importEdit(target: YamlLines, plays: YAMLSeq, model: YAMLMap, imports: YAMLMap[], deployPlaybook: string, name: string, label: string): DocsEdit {
  const key = importKey(model) as string;
  const relative = path.posix.relative(path.posix.dirname(target.file), deployPlaybook);
  const firstLine = target.lineOf((model.items[0]?.key as Node | undefined)?.range?.[0] ?? 0);
  const dash = /^(\s*-\s+)/.exec(target.lines[firstLine - 1] ?? '')?.[1] ?? '- ';
  const inner = ' '.repeat(dash.length);
  const entries = model.items.flatMap((pair) => {
    const at = isScalar(pair.key) ? String(pair.key.value) : '';
    if (at === 'name') return [`name: ${scalar(playName(imports, name))}`];
    if (at === key) return [`${key}: ${scalar(relative)}`];
    return [];
  });
  const spaced = plays.items.length > 1 && (target.lines[firstLine - 2] ?? '').trim() === '';
  const lines = [...(spaced ? [''] : []), ...entries.map((entry, i) => `${i === 0 ? dash : inner}${entry}`)];
  const insertions = new Insertions(target);
  insertions.add(target.lastLine(plays), lines);
  return { ...insertions.edits()[0], label };
}

/** "Deploy <name>" when every named import says "Deploy …"; otherwise the service's name. */
function playName(imports: YAMLMap[], name: string): string {
  const names = imports.map((item) => item.get('name')).filter((value): value is string => typeof value === 'string');
  const verbs = new Set(names.map((value) => value.split(/\s+/)[0]));
  const [verb] = verbs;
  return names.length > 0 && verbs.size === 1 && names.every((value) => /\s/.test(value.trim())) ? `${verb} ${name}` : name;
}

/** `- role: x` or `- x`, as the list's first entry is written. */
function roleItem(roles: YAMLSeq, role: string): string {
  const first = roles.items[0];
  if (isMap(first)) return `- ${first.has('role') ? 'role' : 'name'}: ${scalar(role)}`;
  return `- ${scalar(role)}`;
}

/** A plain YAML scalar Ansible reads back as this string. */
function scalar(value: string): string {
  return stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd();
}
