// The Step 7 baseline backup as the report shows it: when and where it was taken, its size and
// each artefact as Steps 6 and 7 validated it.

import type { BackupRecord } from '../../core/record';
import { formatMetric } from '../../core/targets';
import type { BackupReport } from './reportTypes';

const size = (bytes: number): string => formatMetric('backup-size', bytes);

export function backupReport(backup: BackupRecord): BackupReport {
  return {
    timestamp: backup.timestamp,
    location: backup.location,
    verified: backup.verified,
    ...(backup.verifiedAt !== undefined ? { verifiedAt: backup.verifiedAt } : {}),
    ...(backup.takenAt !== undefined ? { takenAt: backup.takenAt } : {}),
    ...(backup.sizeBytes !== undefined ? { sizeBytes: backup.sizeBytes, size: size(backup.sizeBytes) } : {}),
    artefacts: (backup.artefacts ?? []).map((a) => ({
      path: a.path,
      type: a.type,
      bytes: a.bytes,
      size: size(a.bytes),
      ...(a.sha256 !== undefined ? { sha256: a.sha256 } : {}),
      valid: a.valid,
      ...(a.detail !== undefined ? { detail: a.detail } : {}),
    })),
  };
}
