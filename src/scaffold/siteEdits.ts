// Proposed edits outside the role: the inventory host every delegated task needs
// (<token>_container with the container's address), and the vault example entry for a secret
// the role references.

import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { FixEdit } from '../core/findings';
import type { TemplateInput } from './templates/input';
import { Insertions, YamlFile } from '../yaml/insertions';
import { inventoryFileOf, isIniInventory } from '../repo/layout';

export interface SiteEdits {
  edits: FixEdit[];
  notes: string[];
}


/** Adds `<token>_container` to the inventory group that holds the other containers. */
export function inventoryEdit(input: TemplateInput, texts: ReadonlyMap<string, string>): SiteEdits {
  const { names, request } = input;
  const file = inventoryFileOf((candidate) => texts.has(candidate));
  const byHand = `add the host ${names.host} (ansible_host: ${request.ipAddress}) to the inventory: the role delegates every task inside the container to it.`;
  if (file === undefined) return { edits: [], notes: [`The repo has no inventory/hosts.yml: ${byHand}`] };
  // Edits are placed by the YAML tree; an INI inventory gets the line from the user.
  if (isIniInventory(file)) return { edits: [], notes: [`${file} is an INI inventory: ${byHand}`] };
  const yaml = new YamlFile(file, texts.get(file) ?? '');
  if (!yaml.ok || !yaml.root) return { edits: [], notes: [`${file} does not parse: fix it, then ${byHand}`] };

  const groups: YAMLMap[] = [];
  collectHostMaps(yaml.root, 0, groups);
  if (groups.some((hosts) => hosts.items.some((item) => isScalar(item.key) && String(item.key.value) === names.host))) return { edits: [], notes: [] };
  const containerCount = (hosts: YAMLMap): number => hosts.items.filter((item) => isScalar(item.key) && /_container$/.test(String(item.key.value))).length;
  const target = groups.filter((hosts) => containerCount(hosts) > 0).sort((a, b) => containerCount(b) - containerCount(a))[0];
  const indent = target ? yaml.keyIndent(target) : undefined;
  if (!target || indent === undefined) return { edits: [], notes: [`${file} has no group of *_container hosts: ${byHand}`] };

  // Follow the first host: its variables' indentation, and whether hosts state their container_id.
  const first = target.items[0].value as Node | null;
  const innerIndent = isMap(first) ? yaml.keyIndent(first) : undefined;
  const inner = innerIndent !== undefined && innerIndent.length > indent.length ? innerIndent : `${indent}  `;
  const statesId = isMap(first) && first.items.some((item) => isScalar(item.key) && item.key.value === 'container_id');
  const last = target.items[target.items.length - 1];
  const insertions = new Insertions(yaml);
  const lastValue = last.value as Node | null;
  const lastLine = lastValue?.range && lastValue.range[1] > lastValue.range[0] ? yaml.lastLine(lastValue) : yaml.lastLine(last.key as Node);
  insertions.add(lastLine, [
    `${indent}${names.host}:`,
    `${inner}ansible_host: ${request.ipAddress}`,
    ...(statesId ? [`${inner}container_id: ${request.containerId}`] : []),
  ]);
  return { edits: insertions.edits(), notes: [] };
}

/** Every `hosts:` mapping of an inventory, at any depth of `children:`. */
function collectHostMaps(node: YAMLMap, depth: number, found: YAMLMap[]): void {
  if (depth > 16) return;
  for (const item of node.items) {
    if (!isScalar(item.key) || !isMap(item.value)) continue;
    if (String(item.key.value) === 'hosts') found.push(item.value);
    else collectHostMaps(item.value, depth + 1, found);
  }
}

/** Documents the role's vault variables in the repo's vault example, with CHANGE_ME placeholders. */
export function vaultExampleEdit(input: TemplateInput, texts: ReadonlyMap<string, string>): SiteEdits {
  const { names, conventions, postgres } = input;
  const variable = `vault_${names.token}_db_password`;
  if (!postgres) return { edits: [], notes: [] };
  const notes = [`Set ${variable} in the encrypted vault file before deploying.`];
  const file = conventions.vaultExample;
  const text = file === undefined ? undefined : texts.get(file);
  if (file === undefined || text === undefined || new RegExp(`\\b${variable}\\b`).test(text)) return { edits: [], notes };
  const yaml = new YamlFile(file, text);
  const insertions = new Insertions(yaml);
  const title = `# --- ${names.display} (roles/${names.role}) `;
  insertions.append([
    ...(text.trim() === '' || text.endsWith('\n\n') ? [] : ['']),
    title.padEnd(78, '-'),
    `# Password of the \`${names.token}\` PostgreSQL role (${names.token}_db_password).`,
    `${variable}: "CHANGE_ME"`,
  ]);
  return { edits: insertions.edits(), notes };
}
