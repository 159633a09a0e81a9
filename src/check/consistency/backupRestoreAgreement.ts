// backup-mismatch, between the two roles: restore_infrastructure must restore what
// backup_infrastructure took: the same Docker containers and volumes, databases and paths.
// A service missing from one role entirely is restore-missing's to report, not this.

import type { Node } from 'yaml';
import type { Finding, Fix } from '../../core/findings';
import { isCovered, type Service } from '../../core/service';
import { BACKUP_MISMATCH, servicesByToken, type Flagged } from './backupMismatch';
import { serviceToken, type BackupSide, type DockerEntry, type Located, type Side } from './backupDefaults';
import { findingAt, type ConsistencyContext } from './context';
import { appendToList, replaceNode, scalarText } from './yamlEdit';
import { handling, Unseen, type Handling } from './restoreShape';

export function checkBackupRestoreAgreement(ctx: ConsistencyContext, sides: Record<Side, BackupSide>, flagged: Flagged): Finding[] {
  const { backup, restore } = sides;
  if (!backup.file || !restore.file || backup.broken || restore.broken) return [];
  const findings: Finding[] = [];
  const services = servicesByToken(ctx.model.services);
  const report = (side: BackupSide, node: Node, message: string, fixes: Fix[] = []): void => {
    if (!side.file) return;
    flagged.add(node);
    const span = ctx.span(side.file, node);
    if (span) findings.push(findingAt(BACKUP_MISMATCH, span, message, fixes));
  };
  const at = (side: BackupSide, node: Node): string => `${side.file}:${ctx.span(side.file as string, node)?.line ?? 1}`;
  const replaceWith = (node: Node, value: string | number): Fix[] => {
    const edit = replaceNode(ctx, restore.file as string, node, scalarText(value, node));
    return edit ? [{ title: `Use ${value}`, edits: [edit] }] : [];
  };

  // What a side lists is compared only where Certify can read how the other side handles it.
  const handles = (to: BackupSide, list: string, service: Service | undefined): Handling => handling(to, list, service);
  const unseen = new Unseen();

  // Docker containers, matched by name.
  const backupDocker = byName(backup.docker);
  const restoreDocker = byName(restore.docker);
  for (const [name, entry] of restoreDocker) {
    const service = services.get(name);
    const taken = backupDocker.get(name);
    if (!taken) {
      if (service && !isCovered(service.backup)) continue;
      const seen = handles(backup, 'backup_docker_containers', service);
      if (seen === 'unknown') unseen.note(backup, `${name}'s volumes`);
      if (seen !== 'compare') continue;
      report(restore, entryNode(entry), `restore_docker_containers restores ${name}, but backup_docker_containers has no ${name} entry; add it to ${backup.file} or remove it here.`);
      continue;
    }
    const ids = [taken.containerId, entry.containerId];
    if (taken.containerId?.resolved && entry.containerId?.resolved && taken.containerId.value !== entry.containerId.value && !ids.some((id) => id && flagged.has(id.node))) {
      report(
        restore,
        entry.containerId.node,
        `${name} is restored into container ${entry.containerId.value} but backed up from ${taken.containerId.value} (${at(backup, taken.containerId.node)}); use ${taken.containerId.value}.`,
        replaceWith(entry.containerId.node, taken.containerId.value),
      );
    }
    const takenPaths = new Set(taken.volumes.filter((v) => v.resolved).map((v) => cleanPath(v.value)));
    const restoredPaths = new Set(entry.volumes.filter((v) => v.resolved).map((v) => cleanPath(v.value)));
    for (const volume of entry.volumes) {
      if (!volume.resolved || takenPaths.has(cleanPath(volume.value))) continue;
      report(restore, volume.node, `${name}: volume ${volume.value} is restored but never backed up (${at(backup, entryNode(taken))}); add it to the backup entry or remove it here.`);
    }
    // Volumes backed up but not restored: one finding on the restore entry's list, one fix adding them all.
    const missing = taken.volumes.filter((v) => v.resolved && !restoredPaths.has(cleanPath(v.value)) && !flagged.has(v.node));
    if (missing.length > 0) {
      const paths = missing.map((v) => v.value).join(', ');
      const edit = appendToList(ctx, restore.file, entry.volumesNode, missing.map((v) => `- ${scalarText(v.value, v.node)}`));
      report(
        restore,
        entry.volumesKey ?? entryNode(entry),
        `${name}: ${missing.length === 1 ? 'volume' : 'volumes'} ${paths} ${missing.length === 1 ? 'is' : 'are'} backed up (${at(backup, missing[0].node)}) but not restored; add ${missing.length === 1 ? 'it' : 'them'} to this entry's volumes.`,
        edit ? [{ title: `Restore ${paths} too`, edits: [edit] }] : [],
      );
    }
  }
  for (const [name, entry] of backupDocker) {
    const service = services.get(name);
    if (restoreDocker.has(name)) continue;
    const seen = handles(restore, 'restore_docker_containers', service);
    if (seen === 'unknown' && !(service && !isCovered(service.restore))) unseen.note(restore, `${name}'s volumes`);
    if (seen !== 'compare' || (service && !isCovered(service.restore))) continue;
    report(backup, entryNode(entry), `${name}'s Docker volumes are backed up but restore_docker_containers has no ${name} entry; add one to ${restore.file}.`);
  }

  // PostgreSQL databases.
  const owner = (database: string): Service | undefined => ctx.model.services.find((service) => (service.databases ?? []).includes(database));
  const takenDatabases = new Set(backup.databases.filter((d) => d.resolved).map((d) => d.value));
  const restoredDatabases = new Set(restore.databases.filter((d) => d.resolved).map((d) => d.value));
  for (const database of restore.databases) {
    const service = owner(database.value);
    if (!database.resolved || takenDatabases.has(database.value) || flagged.has(database.node) || (service && !isCovered(service.backup))) continue;
    const seen = handles(backup, 'backup_postgresql_databases', service);
    if (seen === 'unknown') unseen.note(backup, `database ${database.value}`);
    if (seen !== 'compare') continue;
    report(restore, database.node, `Database ${database.value} is restored but backup_postgresql_databases does not back it up; add it there or remove it here.`);
  }
  const restoreList = restore.pairs.get('restore_postgresql_databases')?.value;
  for (const database of backup.databases) {
    const service = owner(database.value);
    if (!database.resolved || restoredDatabases.has(database.value) || flagged.has(database.node)) continue;
    const seen = handles(restore, 'restore_postgresql_databases', service);
    if (seen === 'unknown' && !(service && !isCovered(service.restore))) unseen.note(restore, `database ${database.value}`);
    if (seen !== 'compare' || (service && !isCovered(service.restore))) continue;
    const edit = appendToList(ctx, restore.file, restoreList, [`- ${scalarText(database.value, database.node)}`]);
    report(
      backup,
      database.node,
      `Database ${database.value} is backed up but restore_postgresql_databases does not restore it; add it there so Step 9 restores it.`,
      edit ? [{ title: `Restore database ${database.value} too`, edits: [edit] }] : [],
    );
  }

  // Same-named settings of a service (backup_gitea_repositories_dir / restore_gitea_repositories_dir).
  const tokens = [...new Set([...ctx.model.services.map((service) => serviceToken(service.name)), 'postgresql'])];
  for (const [variable, taken] of backup.scalars) {
    const rest = variable.replace(/^backup_/, '');
    if (rest === variable || rest.endsWith('_enabled') || !tokens.some((token) => rest.startsWith(`${token}_`))) continue;
    const restored = restore.scalars.get(`restore_${rest}`);
    if (!restored || !taken.resolved || !restored.resolved || sameValue(taken, restored) || flagged.has(taken.node) || flagged.has(restored.node)) continue;
    report(
      restore,
      restored.node,
      `restore_${rest} is ${restored.value} but ${variable} is ${taken.value} (${at(backup, taken.node)}); restore what the backup took: use ${taken.value}.`,
      replaceWith(restored.node, taken.value),
    );
  }
  for (const finding of unseen.findings(ctx)) findings.push(finding);
  return findings;
}

function byName(entries: DockerEntry[]): Map<string, DockerEntry> {
  const map = new Map<string, DockerEntry>();
  for (const entry of entries) if (entry.name?.resolved && !map.has(entry.name.value.toLowerCase())) map.set(entry.name.value.toLowerCase(), entry);
  return map;
}

/** The node a finding about a whole entry marks: its name. */
function entryNode(entry: DockerEntry): Node {
  return entry.name?.node ?? entry.item;
}

function cleanPath(path: string): string {
  return path.trim().replace(/\/+$/, '') || '/';
}

function sameValue(a: Located<string>, b: Located<string>): boolean {
  return a.value.startsWith('/') ? cleanPath(a.value) === cleanPath(b.value) : a.value.trim() === b.value.trim();
}
