// The service's place in the scheduled backup: the repo's backup playbook runs the backup role
// for every service its defaults cover (repo/backupCoverage), so a service is in the schedule
// when the role covers it. When it does not, the entries Certify can take from the definition
// are proposed: each database dumped on the shared PostgreSQL server, with the service's toggle
// beside the others. Other data (files, configuration, Redis) is named for the person: which of
// the role's lists archives it is not something the repo states.

import { isSeq } from 'yaml';
import { isCovered, type Service } from '../../core/service';
import { BACKUP_PLAYBOOKS, BACKUP_ROLE, roleDefaultsFiles } from '../../repo/layout';
import { appendToBlockList, Insertions, YamlFile } from '../../yaml/insertions';
import type { BackupItem, DocFacts, DocsEdit, DocsUpdate } from './types';

const DATABASES = 'backup_postgresql_databases';
const SERVER = 'backup_postgresql_container_id';

export function backupScheduleEdits(texts: ReadonlyMap<string, string>, service: Service, facts: DocFacts): DocsUpdate {
  if (!BACKUP_PLAYBOOKS.some((file) => texts.has(file))) {
    return { edits: [], notes: [`The repo has no backup playbook (${BACKUP_PLAYBOOKS[0]}): schedule ${facts.name}'s backup where the repo's backups run.`] };
  }
  if (isCovered(service.backup)) return { edits: [], notes: [] };
  const toggle = service.backup.toggle;
  if (toggle?.enabled === false) {
    return { edits: [], notes: [`${toggle.variable} is false (${toggle.source.file}:${toggle.source.line}): the scheduled backup skips ${facts.name}; set it to true unless that is meant.`] };
  }
  const file = roleDefaultsFiles(BACKUP_ROLE).find((candidate) => texts.has(candidate));
  if (file === undefined) return { edits: [], notes: [`The repo has no ${roleDefaultsFiles(BACKUP_ROLE)[0]}: add ${facts.name}'s data to the scheduled backup by hand.`] };
  const yaml = new YamlFile(file, texts.get(file) ?? '');
  if (!yaml.ok) return { edits: [], notes: [`${file} does not parse: fix it, then add ${facts.name}'s data to it.`] };

  const label = `Add ${facts.name} to the scheduled backup (${file})`;
  const dumped = facts.backupItems.filter((item) => isSharedDatabase(yaml, item));
  const others = facts.backupItems.filter((item) => !dumped.includes(item));
  const notes = others.length > 0 ? [`Add ${facts.name}'s ${others.map(itemText).join('; ')} to ${file} by hand: Certify cannot tell which of the role's lists takes them.`] : [];
  if (facts.backupItems.length === 0) notes.push(`${facts.name}'s definition lists no backup items: add what the backup must take to it and to ${file}.`);
  const list = yaml.pair(DATABASES)?.value;
  const edit = dumped.length > 0 ? appendToBlockList(yaml, list, dumped.map((item) => `- ${item.database}`)) : undefined;
  if (!edit) {
    if (dumped.length > 0) notes.push(`${DATABASES} in ${file} is not a block list: add ${dumped.map((item) => item.database).join(', ')} to it by hand.`);
    return { edits: [], notes };
  }
  return { edits: [{ ...edit, label }, ...toggleEdit(yaml, facts.name, label)], notes };
}

/**
 * A database the role dumps from its shared server: the role lists databases and names the
 * server's container, and the item is on that container (a service's own PostgreSQL is not).
 */
function isSharedDatabase(yaml: YamlFile, item: BackupItem): boolean {
  if (item.type !== 'postgresql' || item.database === undefined || !isSeq(yaml.pair(DATABASES)?.value)) return false;
  const server = yaml.root?.get(SERVER);
  return typeof server === 'number' && server === item.containerId;
}

/** `backup_<service>_enabled: true` after the role's last per-service toggle, when it has toggles. */
function toggleEdit(yaml: YamlFile, name: string, label: string): DocsEdit[] {
  const variable = `backup_${name.replace(/-/g, '_')}_enabled`;
  const keys = yaml.topLevelKeys();
  const toggles = keys.filter((key) => /^backup_.+_enabled$/.test(key));
  const last = toggles.length > 0 ? yaml.pair(toggles[toggles.length - 1]) : undefined;
  if (keys.includes(variable) || !last) return [];
  const insertions = new Insertions(yaml);
  insertions.add(yaml.pairEnd(last), [`${yaml.indentOf(yaml.lineOf(last.key.range?.[0] ?? 0))}${variable}: true`]);
  return insertions.edits().map((edit) => ({ ...edit, label }));
}

/** "files /var/lib/x", "postgresql database x on container 152". */
function itemText(item: BackupItem): string {
  if (item.database !== undefined) return `${item.type} database ${item.database}${item.containerId !== undefined ? ` on container ${item.containerId}` : ''}`;
  return item.paths.length > 0 ? `${item.type} ${item.paths.join(', ')}` : `${item.type} data`;
}
