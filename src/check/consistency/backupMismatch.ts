// backup-mismatch, against the services: the backup/restore roles must name each service's data
// as the service itself states it (container ids, the PostgreSQL server, databases, data paths),
// or a backup silently captures the wrong container or nothing.

import type { Node } from 'yaml';
import type { Finding, RuleInfo } from '../../core/findings';
import type { Service } from '../../core/service';
import { isUnder, serviceToken, type BackupSide, type Located, type Side } from './backupDefaults';
import { findingAt, where, type ConsistencyContext } from './context';
import { isRecord } from './records';
import { replaceNode, scalarText } from './yamlEdit';

export const BACKUP_MISMATCH: RuleInfo = {
  id: 'backup-mismatch',
  severity: 'error',
  category: 'consistency',
  summary: 'The backup/restore roles must name each service\'s container, database and paths as the service does, and agree with each other.',
};

const POSTGRES_NAMES = ['postgresql', 'postgres'];

/** What the rules already said about a node, so backup/restore agreement does not repeat it. */
export type Flagged = Set<Node>;

export function checkBackupAgainstServices(ctx: ConsistencyContext, sides: Record<Side, BackupSide>, flagged: Flagged): Finding[] {
  const findings: Finding[] = [];
  const services = servicesByToken(ctx.model.services);
  const owned = new Set(ctx.model.services.flatMap((service) => service.databases ?? []));
  const postgres = ctx.model.services.find((service) => POSTGRES_NAMES.includes(service.name));

  for (const side of [sides.backup, sides.restore]) {
    if (!side.file) continue;
    const file = side.file;
    const report = (node: Node, message: string, replacement?: string | number): void => {
      flagged.add(node);
      const span = ctx.span(file, node);
      if (!span) return;
      const edit = replacement === undefined ? undefined : replaceNode(ctx, file, node, scalarText(replacement, node));
      findings.push(findingAt(BACKUP_MISMATCH, span, message, edit ? [{ title: `Use ${replacement}`, edits: [edit] }] : []));
    };
    const list = `${side.side}_docker_containers`;

    for (const entry of side.docker) {
      const service = entry.name?.resolved ? services.get(entry.name.value.toLowerCase()) : undefined;
      const id = service?.facts.containerId;
      if (!service || id?.kind !== 'known' || !entry.containerId?.resolved || entry.containerId.value === id.value) continue;
      report(
        entry.containerId.node,
        `${list}: ${service.name} is container ${id.value} (${where(id.source)}), not ${entry.containerId.value}; use ${id.value}.`,
        id.value,
      );
    }

    const serverId = postgres?.facts.containerId;
    const stated = side.postgresContainerId;
    if (postgres && serverId?.kind === 'known' && stated?.resolved && stated.value !== serverId.value) {
      report(
        stated.node,
        `${side.side}_postgresql_container_id is ${stated.value}, but ${postgres.name} is container ${serverId.value} (${where(serverId.source)}); use ${serverId.value}.`,
        serverId.value,
      );
    }

    for (const database of side.databases) {
      if (!database.resolved || owned.has(database.value)) continue;
      report(
        database.node,
        `No service owns database ${database.value}: name it in the service's role defaults (<prefix>_db_name) or as a backup item's database in its services/<name>.yml, or remove it here.`,
      );
    }
  }
  // One at a time: a runaway backup file can raise more findings than a call can take arguments.
  for (const finding of checkDataPaths(ctx, sides.backup, services, flagged)) findings.push(finding);
  return findings;
}

/**
 * When a definition lists its data (`backup: [{type: files, paths: [...]}]`), every path the
 * backup role saves for that service must lie under one of them: else the definition and the
 * backup describe different data, and Step 6's verification checks the wrong thing.
 */
function checkDataPaths(ctx: ConsistencyContext, backup: BackupSide, services: Map<string, Service>, flagged: Flagged): Finding[] {
  const findings: Finding[] = [];
  if (!backup.file) return findings;
  const file = backup.file;
  const memo = new Map<Service, string[]>();
  const check = (service: Service, path: Located<string>, what: string): void => {
    const dataPaths = memo.get(service) ?? definitionDataPaths(ctx, service);
    memo.set(service, dataPaths);
    if (dataPaths.length === 0 || !path.resolved || dataPaths.some((data) => isUnder(path.value, data))) return;
    const span = ctx.span(file, path.node);
    if (!span) return;
    flagged.add(path.node);
    findings.push(
      findingAt(
        BACKUP_MISMATCH,
        span,
        `${what} ${path.value} is not under the data paths ${service.definitionFile} lists for ${service.name} (${dataPaths.join(', ')}); ` +
          `add it to the definition's backup files paths or fix it here.`,
      ),
    );
  };
  for (const entry of backup.docker) {
    const service = entry.name?.resolved ? services.get(entry.name.value.toLowerCase()) : undefined;
    if (service) for (const volume of entry.volumes) check(service, volume, `Volume`);
  }
  // Plain directories follow the naming backup_<service>_<what>_dir (e.g. backup_gitea_repositories_dir).
  for (const [variable, value] of backup.scalars) {
    const match = /^backup_(.+)_(dir|directory|path)$/.exec(variable);
    if (!match || !value.value.startsWith('/')) continue;
    const service = [...services.entries()].find(([token]) => match[1] === token || match[1].startsWith(`${token}_`))?.[1];
    if (service) check(service, value, variable);
  }
  return findings;
}

/**
 * The `paths` (or `path`) of the definition's backup items of type files. Read from the values,
 * not the AST: discovery's fast reader gives them, and no definition's AST is built for this.
 */
export function definitionDataPaths(ctx: ConsistencyContext, service: Service): string[] {
  const root = service.definitionFile ? ctx.parsed(service.definitionFile)?.documents[0] : undefined;
  const backup = isRecord(root) ? root.backup : undefined;
  const paths: string[] = [];
  if (!Array.isArray(backup)) return paths;
  for (const item of backup) {
    if (!isRecord(item) || item.type !== 'files') continue;
    const values = Array.isArray(item.paths) ? item.paths : [item.path];
    for (const value of values) if (typeof value === 'string' && value.startsWith('/')) paths.push(value);
  }
  return paths;
}


/** Services by the names entries use for them: the service name, and with dashes as underscores. */
export function servicesByToken(services: readonly Service[]): Map<string, Service> {
  const byToken = new Map<string, Service>();
  for (const service of services) {
    byToken.set(service.name.toLowerCase(), service);
    byToken.set(serviceToken(service.name), service);
  }
  return byToken;
}
