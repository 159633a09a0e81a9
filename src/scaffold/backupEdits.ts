// The edits the scaffold proposes to roles/backup_infrastructure and roles/restore_infrastructure
// defaults (Step 4): the service's toggle after the last `<side>_*_enabled` toggle, and its data
// where the role already lists that kind of data (a database, a Docker volume entry, a Redis
// instance), after the last entry, with the file's own indentation. A missing defaults file gets
// a create edit. Entries already there are not proposed again.

import { isMap, isScalar, isSeq } from 'yaml';
import type { FixEdit } from '../core/findings';
import { BACKUP_ROLE, RESTORE_ROLE, roleDefaultsFiles } from '../repo/layout';
import { REDIS_RDB_PATH, yamlText, type TemplateInput } from './templates/input';
import { Insertions, YamlFile } from '../yaml/insertions';

export type Side = 'backup' | 'restore';

export interface SideResult {
  edits: FixEdit[];
  notes: string[];
}

/** The kind of list a backup type adds to, and how one entry reads (without its list indentation). */
interface DataList {
  variable: string;
  heading: string;
  item: (dash: string) => string[];
}

export function backupSideEdits(
  side: Side,
  input: TemplateInput,
  texts: ReadonlyMap<string, string>,
  exists: (file: string) => boolean,
): SideResult {
  const role = side === 'backup' ? BACKUP_ROLE : RESTORE_ROLE;
  if (input.request.backupType === 'none') return { edits: [], notes: [] };
  const candidates = roleDefaultsFiles(role);
  const file = candidates.find((candidate) => texts.has(candidate));
  const toggle = `${side}_${input.names.token}_enabled`;
  const list = dataList(side, input);

  if (file === undefined) {
    const target = candidates[0];
    if (exists(target)) return { edits: [], notes: [`Could not read ${target}: add ${toggle}: true and ${list.variable} for ${input.names.name} by hand.`] };
    const content = [
      '---',
      `# Defaults of ${role} (Step 4 of the service workflow).`,
      `${toggle}: true`,
      '',
      list.heading,
      `${list.variable}:`,
      ...list.item('  '),
      ...(side === 'restore' ? ['', 'restore_health_checks:', healthCheck(input, '  ')] : []),
    ];
    return {
      edits: [{ kind: 'create', file: target, content: `${content.join('\n')}\n` }],
      notes: [`${target} did not exist: the proposed file only lists ${input.names.name}; check that ${role}'s tasks read it.`],
    };
  }

  const yaml = new YamlFile(file, texts.get(file) ?? '');
  if (!yaml.ok) return { edits: [], notes: [`${file} does not parse: fix it, then add ${toggle}: true and ${list.variable} for ${input.names.name}.`] };
  const insertions = new Insertions(yaml);
  const keys = yaml.topLevelKeys();

  if (!keys.includes(toggle)) {
    const toggles = keys.filter((key) => new RegExp(`^${side}_.+_enabled$`).test(key));
    const last = toggles.length > 0 ? yaml.pair(toggles[toggles.length - 1]) : undefined;
    if (last) insertions.add(yaml.pairEnd(last), [`${toggle}: true`]);
    else insertions.append(['', `${toggle}: true`]);
  }
  const notes = addToList(yaml, insertions, list, side, input.names.token);
  if (side === 'restore') addHealthCheck(yaml, insertions, input);
  return { edits: insertions.edits(), notes };
}

function dataList(side: Side, input: TemplateInput): DataList {
  const { names, request, paths } = input;
  const token = yamlText(names.token);
  switch (request.backupType) {
    case 'postgresql':
      return {
        variable: `${side}_postgresql_databases`,
        heading: `# --- PostgreSQL databases (each gated by ${side}_<service>_enabled) ---`,
        item: (dash) => [`${dash}- ${token}`],
      };
    case 'redis':
      return {
        variable: `${side}_redis_instances`,
        heading: `# --- Redis: RDB snapshot (redis-cli SAVE); inventory host <name>_container ---`,
        item: (dash) => [`${dash}- container_id: ${request.containerId}`, `${dash}  name: ${token}`, `${dash}  rdb_path: ${REDIS_RDB_PATH}`],
      };
    case 'files':
    case 'none':
      return {
        variable: `${side}_docker_containers`,
        heading: '# --- Docker volumes: tar.gz, Docker container stopped while archiving ---',
        item: (dash) => [`${dash}- container_id: ${request.containerId}`, `${dash}  name: ${token}`, `${dash}  volumes:`, `${dash}    - "${paths.data}"`],
      };
  }
}

/**
 * Adds the service's entry to its list: after the last item, or as a new list after the role's
 * other data lists. Returns notes for what it leaves to the person (a flow list is not rewritten).
 */
function addToList(yaml: YamlFile, insertions: Insertions, list: DataList, side: Side, token: string): string[] {
  const pair = yaml.pair(list.variable);
  if (isSeq(pair?.value) && pair.value.items.some((item) => namesService(item, token))) return [];
  if (pair?.value) {
    const dash = yaml.dashIndent(pair.value);
    if (dash === undefined) return [`${list.variable} in ${yaml.file} is not a block list: add ${list.item('').join(' ').replace(/^- /, '')} to it by hand.`];
    insertions.add(yaml.pairEnd(pair), list.item(dash));
    return [];
  }
  if (pair) {
    // `key:` with nothing under it.
    insertions.add(yaml.pairEnd(pair), list.item('  '));
    return [];
  }
  const lists = [`${side}_docker_containers`, `${side}_postgresql_databases`, `${side}_redis_instances`].flatMap((key) => {
    const found = yaml.pair(key);
    return found ? [yaml.pairEnd(found)] : [];
  });
  const block = ['', list.heading, `${list.variable}:`, ...list.item('  ')];
  if (lists.length > 0) insertions.add(Math.max(...lists), block);
  else insertions.append(block);
  return [];
}

/** A list item that is the service: its database name, or an entry with `name: <token>`. */
function namesService(item: unknown, token: string): boolean {
  if (isScalar(item)) return String(item.value) === token;
  return isMap(item) && String(item.get('name')) === token;
}

/** restore_health_checks: <token>: <url>, which the restore role probes when the toggle is on. */
function addHealthCheck(yaml: YamlFile, insertions: Insertions, input: TemplateInput): void {
  const pair = yaml.pair('restore_health_checks');
  const checks = pair?.value;
  const indent = checks ? yaml.keyIndent(checks) : undefined;
  if (!pair || !isMap(checks) || indent === undefined) return;
  if (checks.items.some((item) => isScalar(item.key) && String(item.key.value) === input.names.token)) return;
  insertions.add(yaml.pairEnd(pair), [healthCheck(input, indent)]);
}

function healthCheck(input: TemplateInput, indent: string): string {
  return `${indent}${yamlText(input.names.token)}: "http://{{ hostvars['${input.names.host}']['ansible_host'] }}:${input.request.port}/"`;
}
