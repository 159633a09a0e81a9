// Steps 6–8 look at a backup where it is kept (the Proxmox host, or the controller): the newest
// (or a named) <backup root>/<timestamp>/ folder, every file in it validated by its type — a
// PostgreSQL custom dump with `pg_restore --list`, a tarball with `tar -tzf`, a Redis dump with
// `redis-check-rdb`, the manifest present — with its size and SHA-256. One script, one SSH
// round trip; its output is one line per artefact, read by parseInspection.

import type { BackupArtefact } from '../../core/record';

/**
 * argv for the backup host: `sh -c <script> inspect <root> [<timestamp>]`. A host without
 * pg_restore (a plain Proxmox host often has none) still gets the dump's header checked, and
 * the artefact says so.
 */
export function inspectBackupCommand(root: string, timestamp?: string): string[] {
  return ['sh', '-c', INSPECT_SCRIPT, 'certify-inspect-backup', root, ...(timestamp ? [timestamp] : [])];
}

/** `$` for shell parameter expansions inside the template below. */
const D = '$';
const INSPECT_SCRIPT = String.raw`set -u
root=$1; ts=${D}{2:-}
if [ -z "$ts" ]; then
  ts=$(ls -1 "$root" 2>/dev/null | grep -E '^[0-9]{8}_[0-9]{6}$' | sort | tail -n 1)
fi
if [ -z "$ts" ] || [ ! -d "$root/$ts" ]; then echo "no-backup $root"; exit 3; fi
dir=$root/$ts
echo "backup	$ts	$(stat -c %Y "$dir")	$(du -sb "$dir" | cut -f1)	$dir"
cd "$dir" || exit 4
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
find . -type f | LC_ALL=C sort | while IFS= read -r f; do
  rel=${D}{f#./}
  bytes=$(stat -c %s "$f")
  sha=$(sha256sum "$f" | cut -d' ' -f1)
  valid=yes
  case $rel in
    MANIFEST.yml|MANIFEST.yaml|*/MANIFEST.yml)
      type=manifest; detail="$(grep -c . "$f") lines"; [ "$bytes" -gt 0 ] || valid=no ;;
    *.dump)
      type=postgresql-dump
      if command -v pg_restore >/dev/null 2>&1; then
        if pg_restore --list "$f" >"$tmp" 2>&1; then detail="$(grep -c 'TABLE DATA' "$tmp") tables with data"
        else valid=no; detail="pg_restore --list: $(head -c 200 "$tmp" | tr '\n\t' '  ')"; fi
      elif [ "$(head -c 5 "$f")" = PGDMP ]; then detail="custom-format header (pg_restore is not installed here)"
      else valid=no; detail="not a pg_dump custom-format file"; fi ;;
    *.tar.gz|*.tgz)
      type=tar
      if tar -tzf "$f" >"$tmp" 2>&1; then detail="$(wc -l <"$tmp") entries"
      else valid=no; detail="tar -tzf: $(tail -c 200 "$tmp" | tr '\n\t' '  ')"; fi ;;
    *.tar)
      type=tar
      if tar -tf "$f" >"$tmp" 2>&1; then detail="$(wc -l <"$tmp") entries"
      else valid=no; detail="tar -tf: $(tail -c 200 "$tmp" | tr '\n\t' '  ')"; fi ;;
    *.rdb)
      type=redis-rdb
      if command -v redis-check-rdb >/dev/null 2>&1; then
        if redis-check-rdb "$f" >"$tmp" 2>&1; then detail="redis-check-rdb: OK"
        else valid=no; detail="redis-check-rdb: $(tail -c 200 "$tmp" | tr '\n\t' '  ')"; fi
      elif [ "$(head -c 5 "$f")" = REDIS ]; then detail="RDB header (redis-check-rdb is not installed here)"
      else valid=no; detail="not a Redis RDB file"; fi ;;
    *) type=file; detail="" ;;
  esac
  [ "$bytes" -gt 0 ] || { valid=no; detail="empty (0 bytes)"; }
  printf 'artefact\t%s\t%s\t%s\t%s\t%s\t%s\n' "$type" "$bytes" "$sha" "$valid" "$detail" "$rel"
done`;

export interface BackupInspection {
  readonly timestamp: string;
  readonly folder: string;
  /** The folder's modification time on the host (the workflow's `date -r`), as a Date. */
  readonly takenAt: Date;
  readonly sizeBytes: number;
  readonly artefacts: readonly BackupArtefact[];
}

export function parseInspection(stdout: string): BackupInspection | undefined {
  let head: Omit<BackupInspection, 'artefacts'> | undefined;
  const artefacts: BackupArtefact[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.split('\t');
    if (fields[0] === 'backup' && fields.length >= 5) {
      head = { timestamp: fields[1], takenAt: new Date(Number(fields[2]) * 1000), sizeBytes: Number(fields[3]), folder: fields.slice(4).join('\t') };
    } else if (fields[0] === 'artefact' && fields.length >= 7) {
      const [, type, bytes, sha256, valid, detail] = fields;
      const artefact: BackupArtefact = { path: fields.slice(6).join('\t'), type, bytes: Number(bytes), sha256, valid: valid === 'yes' };
      if (detail) artefact.detail = detail;
      artefacts.push(artefact);
    }
  }
  if (!head || Number.isNaN(head.takenAt.getTime()) || !Number.isFinite(head.sizeBytes)) return undefined;
  return { ...head, artefacts };
}

/** The artefacts that belong to `service`: its name in the file's path ("postgresql/notes_…", "configs/notes_…"). */
export function serviceArtefacts(inspection: BackupInspection, service: string): BackupArtefact[] {
  const pattern = new RegExp(`(^|/)${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[_.-]`);
  return inspection.artefacts.filter((artefact) => pattern.test(artefact.path));
}

export function artefactLine(artefact: BackupArtefact): string {
  return `${artefact.path} (${artefact.type}, ${artefact.bytes} bytes${artefact.detail ? `, ${artefact.detail}` : ''})`;
}
