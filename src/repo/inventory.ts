// Reads a YAML inventory: the Proxmox admin host (group `proxmox_admin`) the playbooks target,
// and the variables set for `all`, which templates in role defaults may refer to.

import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Finding, SourceRef } from '../core/findings';
import type { ProxmoxHost } from '../core/service';
import { SECRET_MARK } from '../core/urlCredentials';
import type { ParsedYaml, YamlEntry } from '../yaml/parse';
import { isSecretVar } from './secretVars';

export const PROXMOX_GROUP = 'proxmox_admin';

export interface InventoryFacts {
  proxmoxHost?: ProxmoxHost;
  /** `all.vars`, which Ansible applies to every host. */
  allVars: Map<string, YamlEntry>;
  /** Lines an INI inventory cannot be read at (a YAML inventory's problems are its parse's findings). */
  findings?: Finding[];
}

export function readInventory(inventory: ParsedYaml): InventoryFacts {
  const facts: InventoryFacts = { allVars: new Map() };
  const root = inventory.ast?.contents;
  if (!isMap(root)) return facts;
  const all = root.get('all', true);
  if (isMap(all)) facts.allVars = mapEntries(inventory, all.get('vars', true) as Node | undefined);

  const group = findGroup(root, PROXMOX_GROUP);
  const hosts = group?.get('hosts', true);
  if (!isMap(hosts)) return facts;
  const first = hosts.items[0];
  if (!first || !isScalar(first.key)) return facts;
  facts.proxmoxHost = proxmoxHostOf(String(first.key.value), mapEntries(inventory, first.value as Node | undefined), inventory.locate(first.key as Node));
  return facts;
}

/** The Proxmox host from its name and variables, whichever form the inventory has. */
export function proxmoxHostOf(name: string, vars: Map<string, YamlEntry>, source: SourceRef): ProxmoxHost {
  const text = (key: string): string | undefined => {
    const entry = vars.get(key);
    // An address kept in the vault is shown as the mark, as every vault value is.
    if (entry && isSecretVar(key, entry)) return SECRET_MARK;
    const value = entry?.value;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const port = Number(text('ansible_port') ?? NaN);
  return { name, address: text('ansible_host'), user: text('ansible_user'), port: Number.isInteger(port) ? port : undefined, source };
}

/** Groups nest under `children:` at any depth; the first group with this name wins. */
function findGroup(node: YAMLMap, name: string, depth = 0): YAMLMap | undefined {
  if (depth > 16) return undefined;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    if (String(pair.key.value) === name) return pair.value;
    const children = pair.value.get('children', true);
    if (isMap(children)) {
      const found = findGroup(children, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function mapEntries(file: ParsedYaml, node: Node | undefined): Map<string, YamlEntry> {
  const entries = new Map<string, YamlEntry>();
  if (!isMap(node)) return entries;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const value = pair.value as Node | null;
    entries.set(String(pair.key.value), { value: value && 'toJSON' in value ? value.toJSON() : value, source: file.locate(pair.key) });
  }
  return entries;
}
