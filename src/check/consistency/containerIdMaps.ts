// backup-mismatch for config keyed by container id: an entry whose id is no service's while
// its name is a service's backs up (or restores into) a container that does not exist, and
// the service's own container is left out. Reported with both ids and both files, since
// either one may be the wrong one.

import type { Finding } from '../../core/findings';
import type { BackupSide, Side } from './backupDefaults';
import { BACKUP_MISMATCH, servicesByToken, type Flagged } from './backupMismatch';
import { findingAt, where, type ConsistencyContext } from './context';
import { replaceNode, scalarText } from './yamlEdit';

export function checkContainerIdMaps(ctx: ConsistencyContext, sides: Record<Side, BackupSide>, flagged: Flagged): Finding[] {
  const findings: Finding[] = [];
  const ids = new Set<number>();
  for (const service of ctx.model.services) if (service.facts.containerId?.kind === 'known') ids.add(service.facts.containerId.value);
  const byName = servicesByToken(ctx.model.services);
  for (const side of [sides.backup, sides.restore]) {
    if (!side.file || side.broken) continue;
    const file = side.file;
    for (const entry of side.maps) {
      if (!entry.id || !entry.name || ids.has(entry.id.value)) continue;
      const service = byName.get(entry.name.value.toLowerCase());
      const id = service?.facts.containerId;
      if (!service || id?.kind !== 'known') continue;
      const span = ctx.span(file, entry.id.node);
      if (!span) continue;
      flagged.add(entry.id.node);
      const named = entry.name.node === entry.key ? 'its key' : `${file}:${ctx.span(file, entry.name.node)?.line ?? span.line}`;
      const edit = replaceNode(ctx, file, entry.id.node, scalarText(id.value, entry.id.node));
      findings.push(
        findingAt(
          BACKUP_MISMATCH,
          span,
          `${entry.variable}: container ${entry.id.value} (${file}:${span.line}) is no service's, but this entry is ${service.name} (named by ${named}), ` +
            `which is container ${id.value} (${where(id.source)}${defined(service.definitionFile, id.source.file)}); use ${id.value}, or fix the service's id.`,
          edit ? [{ title: `Use ${id.value}`, edits: [edit] }] : [],
        ),
      );
    }
  }
  return findings;
}

/** The service's definition too, when its id is stated elsewhere (its role defaults). */
function defined(definitionFile: string | undefined, idFile: string): string {
  return definitionFile && definitionFile !== idFile ? `; service defined in ${definitionFile}` : '';
}
