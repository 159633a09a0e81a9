// The Step 7 baseline backup as the report shows it: when and where it was taken, its size and
// each artefact as Steps 6 and 7 validated it.

import type { BackupRecord } from '../../core/record';
import { formatMetric } from '../../core/targets';
import type { BackupReport } from './reportTypes';

const size = (bytes: number): string => formatMetric('backup-size', bytes);

export function backupReport({ artefacts = [], ...backup }: BackupRecord): BackupReport {
  return {
    ...backup,
    ...(backup.sizeBytes !== undefined ? { size: size(backup.sizeBytes) } : {}),
    artefacts: artefacts.map((artefact) => ({ ...artefact, size: size(artefact.bytes) })),
  };
}
