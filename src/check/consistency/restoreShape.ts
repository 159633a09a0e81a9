// How one role handles what the other lists, as far as the files show it. Restore roles are
// written in several shapes: an explicit list (`restore_postgresql_databases`), a map keyed by
// service or container id, or a loop over whatever the backup directory holds. A mismatch is an
// error only where the shape lets Certify show it; where it cannot tell, it says so once per
// role, as information naming the file to read, never once per database.

import type { Finding } from '../../core/findings';
import type { Service } from '../../core/service';
import type { BackupSide } from './backupDefaults';
import { BACKUP_MISMATCH } from './backupMismatch';
import type { ConsistencyContext } from './context';

/**
 * `compare`: the side has the explicit list, so what it lacks is a mismatch.
 * `handled`: its loop takes everything in the backup directory, or its map names the service.
 * `unknown`: neither: Certify cannot tell from the files.
 */
export type Handling = 'compare' | 'handled' | 'unknown';

export function handling(side: BackupSide, list: string, service: Service | undefined): Handling {
  if (side.loop) return 'handled';
  if (service && side.mapped.has(service)) return 'handled';
  if (side.pairs.has(list)) return 'compare';
  return 'unknown';
}

/** What each role may or may not handle, gathered so each role gets at most one finding. */
export class Unseen {
  private readonly byRole = new Map<BackupSide, string[]>();

  note(side: BackupSide, what: string): void {
    const list = this.byRole.get(side) ?? [];
    if (!list.includes(what)) list.push(what);
    this.byRole.set(side, list);
  }

  findings(ctx: ConsistencyContext): Finding[] {
    const findings: Finding[] = [];
    for (const [side, items] of this.byRole) {
      const file = fileToRead(ctx, side);
      if (!file) continue;
      const other = side.side === 'restore' ? 'backed up' : 'restored';
      const verb = side.side === 'restore' ? 'restores' : 'backs up';
      findings.push({
        file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        ruleId: BACKUP_MISMATCH.id,
        severity: 'info',
        message:
          `Certify cannot tell whether ${side.role} ${verb} what is ${other} (${shortList(items)}): ${side.file ?? 'its defaults'} lists no ` +
          `${side.side}_postgresql_databases or ${side.side}_docker_containers naming them, no map by service or container id does, ` +
          `and no loop over the backup directory was recognised in its tasks. Check ${file}.`,
      });
    }
    return findings;
  }
}

/** The role's tasks/main.yml when the repo has it (where the restore is done), else its defaults. */
function fileToRead(ctx: ConsistencyContext, side: BackupSide): string | undefined {
  const tasks = [`roles/${side.role}/tasks/main.yml`, `roles/${side.role}/tasks/main.yaml`].find((file) => ctx.text(file) !== undefined);
  return tasks ?? side.file;
}

/** The first few, then a count: a role backing up 300 databases still gets a readable line. */
function shortList(items: string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
