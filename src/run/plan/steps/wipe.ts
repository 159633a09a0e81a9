// Step 8 (Wipe): only behind the wipe guard (core/gates: Step 7 passed with a verified backup
// newer than the test data) and a confirmation naming the container. First the recorded backup
// is found intact where it is kept (same files, same checksums), then the container is
// deleted, proven gone and unreachable, and the backup is checked again.

import type { BackupArtefact } from '../../../core/record';
import { pending, type Judgement, type StepPlan } from '../action';
import type { BackupInspection } from '../backupInspection';
import { controller, curlStatusArgv, pct, PROBE_TIMEOUT_MS, type PlanContext } from '../planContext';
import { parseCurlStatus } from '../probeParsers';
import { endedText, lastError, succeeded } from '../sharedActions';
import { inspectAction } from './backupRun';
import { containerGoneAction } from './containerGone';
import { protectionAction } from './recreate';
import { healthUrl } from '../serviceRunFacts';

/**
 * Statuses a gateway answers for a backend it cannot reach (bad gateway, unavailable, timeout):
 * with a reverse proxy in front, the URL of a wiped service still answers, with one of these.
 */
const GATEWAY_NO_BACKEND = new Set([502, 503, 504]);
/**
 * Cloudflare's own statuses for an origin it cannot reach: web server down (521), connection
 * timed out (522), origin unreachable (523), and 530 (its tunnel to the origin is down). Not 520
 * or 524: those mean the origin answered, wrongly or too slowly, so something still serves it.
 */
const CDN_ORIGIN_DOWN = new Set([521, 522, 523, 530]);

/**
 * Whether the service's URL shows it gone after the wipe: no answer at all (status 0: no
 * connection), or a gateway's "no backend" answer. Any other status, 404 included, is something
 * still serving that URL. `failure` is curl's last error line, shown when nothing answered.
 */
export function serviceGone(url: string, status: number, failure: string): { gone: boolean; evidence: string } {
  if (status === 0) return { gone: true, evidence: `${url}: no answer (${failure})` };
  if (GATEWAY_NO_BACKEND.has(status)) return { gone: true, evidence: `${url}: answers ${status}, as a gateway in front does with no service behind it` };
  if (CDN_ORIGIN_DOWN.has(status)) return { gone: true, evidence: `${url}: answers ${status}, as Cloudflare does when it cannot reach the origin` };
  return { gone: false, evidence: `${url} still answers ${status}` };
}

export function wipePlan(context: PlanContext, now: () => Date): StepPlan {
  const vmid = context.facts.containerId;
  const backup = context.record.backup;
  const url = healthUrl(context.facts) ?? '<external url>';
  const intact = (criterion?: string) => (inspection: BackupInspection): Judgement => {
    const problems = changedArtefacts(backup?.artefacts ?? [], inspection.artefacts);
    const ok = problems.length === 0;
    const evidence = ok
      ? `backup ${inspection.timestamp}: ${inspection.artefacts.length} artefacts, checksums as recorded in Step 7`
      : `backup ${inspection.timestamp} changed since Step 7: ${problems.join('; ')}`;
    return { ...(criterion ? { criteria: [{ id: criterion, met: ok, evidence }] } : {}), ...(ok ? {} : { stop: evidence }) };
  };
  return {
    step: 'wipe',
    // No baseline backup is the wipe guard's to refuse, before any plan runs.
    ...(vmid === undefined ? { blocked: `${context.facts.name} has no container id.` } : {}),
    actions: [
      { ...inspectAction(context, intact(), backup?.timestamp), id: 'backup-before', title: `The baseline backup ${backup?.timestamp ?? pending('backup timestamp')} is there and complete (checksums)` },
      protectionAction(context),
      {
        id: 'delete',
        title: `Wipe: destroy container ${vmid} (pct destroy --force)`,
        target: 'proxmox',
        destructive: { containerId: vmid ?? 0, what: `wipe container ${vmid} (${context.facts.name}) and its data; it comes back only from backup ${backup?.timestamp}` },
        command: () => pct('destroy', vmid ?? '<container id>', '--force', 1),
        judge: (outcome) => (succeeded(outcome) ? {} : { stop: `pct destroy ${vmid} failed (${endedText(outcome)})${lastError(outcome)}` }),
      },
      containerGoneAction(context, 'gone', 'container-deleted'),
      {
        id: 'unreachable',
        title: `The service no longer answers (${url})`,
        target: 'local',
        command: () => controller(context, curlStatusArgv(url), PROBE_TIMEOUT_MS),
        judge: (outcome) => {
          const answer = parseCurlStatus(outcome.result.stdout);
          const { gone, evidence } = serviceGone(url, answer?.status ?? 0, outcome.result.stderr.trim().split('\n').pop() || endedText(outcome));
          return { criteria: [{ id: 'inaccessible', met: gone, evidence }], figures: { 'unreachable.status': answer?.status ?? 0 } };
        },
      },
      { ...inspectAction(context, intact('backup-exists'), backup?.timestamp), id: 'backup-after', title: `The backup ${backup?.timestamp ?? pending('backup timestamp')} is still there after the wipe` },
    ],
    finish: () => ({
      report: {
        name: `wipe-${now().toISOString().replace(/[:.]/g, '-')}.txt`,
        criterion: 'report',
        text: [
          `Service: ${context.facts.name}`,
          `Wipe Date: ${now().toISOString()}`,
          'Wipe Type: container-only',
          `Container ID: ${vmid}`,
          '',
          'Verification:',
          `- Container deleted: YES (pct status ${vmid}: does not exist)`,
          `- Service accessible: NO (${url})`,
          '',
          'Ready for restoration: YES',
          `Backup to restore: ${backup?.timestamp}`,
          '',
        ].join('\n'),
      },
    }),
  };
}

/** Artefacts missing or different from what Step 7 recorded. */
function changedArtefacts(recorded: readonly BackupArtefact[], now: readonly BackupArtefact[]): string[] {
  const byPath = new Map(now.map((a) => [a.path, a]));
  const problems: string[] = [];
  for (const artefact of recorded) {
    const current = byPath.get(artefact.path);
    if (!current) problems.push(`${artefact.path} is missing`);
    else if (artefact.sha256 && current.sha256 !== artefact.sha256) problems.push(`${artefact.path} has changed (SHA-256)`);
  }
  if (recorded.length === 0) problems.push('Step 7 recorded no artefacts');
  return problems;
}
