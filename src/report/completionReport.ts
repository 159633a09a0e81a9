// The workflow's completion report as text, from a certification record: the report model
// (model/buildReport) drawn by the text renderer (render/textReport). `certify run` prints it
// and Step 9 writes it; `certify report` and the panel draw the same model in other formats.

import type { CertificationRecord } from '../core/record';
import { DEFAULT_TARGETS, type Targets } from '../core/targets';
import { buildReport } from './model/buildReport';
import { renderText } from './render/textReport';

export function completionReportText(record: CertificationRecord, containerId?: number, targets: Targets = DEFAULT_TARGETS, now: Date = new Date()): string {
  return renderText(buildReport({ record, generatedAt: now.toISOString(), ...(containerId !== undefined ? { containerId } : {}), targets }));
}
