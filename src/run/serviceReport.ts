// One service's completion report as every front end makes it — `certify report`, the report
// panel and its export: the record, the container id and targets the repo sets (as a run reads
// them), whether the last certification still holds and the past certifications.

import type { Freshness } from '../core/freshness';
import type { CertificationRecord } from '../core/record';
import type { RepoModel, Service } from '../core/service';
import { buildReport } from '../report/model/buildReport';
import { pastCertification } from '../report/model/pastCertification';
import type { CertificationReport, HistoryEntry } from '../report/model/reportTypes';
import { historyFreshness } from '../store/history';
import { serviceRunFacts } from './plan/serviceRunFacts';

/** What the repo keeps beside a service's record: whether its certification still holds, its past certifications. */
export interface ReportExtras {
  freshness?: Freshness;
  history?: HistoryEntry[];
  /** History files the store could not use, each with why. */
  skipped?: string[];
}

/** Where a report's freshness and history come from: the repo's (below), or a test's own. */
export type ReportExtrasSource = (model: RepoModel, service: Service, record: CertificationRecord, now: Date) => Promise<ReportExtras>;

/** The service's kept certifications (store/history) and its last one judged against the repo now. */
export const REPO_REPORT_EXTRAS: ReportExtrasSource = async (model, service, record, now) => {
  const { history, freshness } = await historyFreshness(model, service, { record, now });
  return { freshness, history: history.entries.map(pastCertification), skipped: history.skipped.map((file) => `${file.file}: ${file.problems.join('; ')}`) };
};

export async function serviceReport(
  model: RepoModel,
  service: Service,
  record: CertificationRecord,
  now: Date,
  extras: ReportExtrasSource = REPO_REPORT_EXTRAS,
): Promise<{ report: CertificationReport; skipped: string[] }> {
  const [facts, more] = await Promise.all([serviceRunFacts(model, service), extras(model, service, record, now)]);
  const report = buildReport({
    record,
    generatedAt: now.toISOString(),
    ...(facts.containerId !== undefined ? { containerId: facts.containerId } : {}),
    targets: facts.targets,
    ...(more.freshness ? { freshness: more.freshness } : {}),
    ...(more.history ? { history: more.history } : {}),
  });
  return { report, skipped: more.skipped ?? [] };
}
