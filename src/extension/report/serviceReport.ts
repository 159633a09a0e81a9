// One service's completion report as the panel and the export show it, made as `certify report`
// makes it: the record (an empty one before the first step), the container id and targets the
// repo sets, whether the certification still holds, and every past certification — all through
// the repo engine, so the editor and the CLI show the same facts.

import type { CertificationReport } from '../../report/model/reportTypes';
import { createEmptyRecord } from '../../core/record';
import { recordPath } from '../../repo/layout';
import type { RepoWatcher } from '../repoWatcher';

export type ServiceReport =
  | { kind: 'report'; report: CertificationReport; /** History files the store could not use, each with why. */ skipped: string[] }
  /** What keeps the report from being made, and what to do; `file`: the repo file to fix. */
  | { kind: 'unavailable'; message: string; file?: string };

export async function serviceReport(repo: RepoWatcher, name: string, now = new Date()): Promise<ServiceReport> {
  const service = repo.model.services.find((candidate) => candidate.name === name);
  if (!service) return { kind: 'unavailable', message: `${name} is no longer a service of ${repo.folder.name}: it was renamed or removed.` };
  const stored = repo.record(name);
  const file = recordPath(name);
  if (stored?.kind === 'corrupt') return { kind: 'unavailable', message: `${file} is damaged (${stored.problems.join('; ')}): repair it or move it away.`, file };
  if (stored?.kind === 'newer') return { kind: 'unavailable', message: `${file} is from a newer Certify (schema ${stored.schemaVersion}): update Certify to read it.`, file };
  const record = stored?.kind === 'ok' ? stored.record : createEmptyRecord(name, now);
  const { report, skipped } = await repo.engine.serviceReport(repo.model, service, record, now);
  return { kind: 'report', report, skipped };
}
