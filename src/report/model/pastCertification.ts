// What the report shows of a kept certification (store/history): when it completed and the
// figures it measured, in each metric's unit. One mapping for the CLI and the panel alike.

import type { CertificationRecord } from '../../core/record';
import { METRIC_IDS } from '../../core/targets';
import type { HistoryEntry } from './reportTypes';

export function pastCertification(entry: { certifiedAt: string; record: CertificationRecord }): HistoryEntry {
  const metrics: HistoryEntry['metrics'] = {};
  for (const metric of METRIC_IDS) {
    const measured = entry.record.metrics[metric];
    if (measured) metrics[metric] = measured.value;
  }
  return { certifiedAt: entry.certifiedAt, metrics };
}
