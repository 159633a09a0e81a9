// `certify list`: every service the repo defines or deploys, with roles, facts, backup and
// restore coverage and certification progress, then whether each certification still holds.

import { displayText } from '../../core/displayText';
import { factText } from '../../core/factText';
import { stepsText } from '../../core/freshness';
import { isCovered, type RepoModel, type Service } from '../../core/service';
import { recertifyInterval } from '../../repo/certifiedInputs';
import { readSettings } from '../../repo/mappingFile';
import { backupHostText, backupLocation, backupSettingsOf, type BackupSettings } from '../../run/targets/runTargets';
import { discoverRepo } from '../../repo/loadRepo';
import { historyFreshness, type HistoryFreshness } from '../../store/history';
import { loadRecords, type StoredRecord } from '../../store/records';
import { checkArguments } from '../args';
import { JSON_OPTION, REPO_OPTION, type Command } from '../command';
import { EXIT } from '../exitCodes';
import { findRepoRoot } from '../repoRoot';
import { outputWidth, printJson, printText } from '../safeOutput';
import { formatTable, type Column } from '../table';
import { findingLines, progressText, serviceJson } from '../serviceText';
import { historyJson } from '../historyJson';

export const listCommand: Command = {
  name: 'list',
  summary: 'list the services of the repo with their facts, coverage and progress',
  usage: 'certify list [--json] [--repo DIR]',
  details:
    'Services come from services/<name>.yml and playbooks/<name>-deploy.yml. Facts come from the\n' +
    'definition, else from the deploy role\'s defaults/main.yml; a template Certify cannot evaluate is\n' +
    'shown as written. Findings (broken YAML, unresolved values) follow the table.',
  options: [JSON_OPTION, REPO_OPTION],
  arguments: { min: 0, max: 0, takes: 'no arguments' },
  async run(args, context) {
    checkArguments(args, listCommand.arguments, listCommand.usage);
    const root = await findRepoRoot(context.cwd, args.values.get('repo'));
    const model = await discoverRepo(root);
    const loaded = await loadRecords(root, model.services.map((service) => service.name));
    const records = model.services.map((service) => loaded.get(service.name) as StoredRecord);
    // certify.yml is read once for all services; null: it sets no interval.
    const intervalDays = (await recertifyInterval(root)) ?? null;
    const backup = backupSettingsOf(await readSettings(root));
    const certifications = await judgeAll(model, records, intervalDays);
    if (args.flags.has('json')) printJson(context, listJson(model, records, certifications, backup));
    else printText(context, listText(model, records, certifications, backup, outputWidth(context)));
    // The same code status gives for a record it cannot use, so a pipeline can rely on either.
    return records.some((stored) => stored.kind === 'corrupt' || stored.kind === 'newer') ? EXIT.recordUnavailable : EXIT.ok;
  },
};

/** Services judged at once: each hashes its files with several reads in flight, and a large repo must not run out of file handles. */
const JUDGED_AT_ONCE = 4;

async function judgeAll(model: RepoModel, records: StoredRecord[], intervalDays: number | null): Promise<HistoryFreshness[]> {
  const judged: HistoryFreshness[] = new Array(model.services.length);
  let next = 0;
  const judge = async (): Promise<void> => {
    while (next < model.services.length) {
      const index = next++;
      const stored = records[index];
      judged[index] = await historyFreshness(model, model.services[index], { intervalDays, ...(stored.kind === 'ok' ? { record: stored.record } : {}) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(JUDGED_AT_ONCE, model.services.length) }, judge));
  return judged;
}

function listJson(model: RepoModel, records: StoredRecord[], certifications: HistoryFreshness[], backup: BackupSettings): unknown {
  return {
    root: model.root,
    proxmoxHost: model.proxmoxHost ?? null,
    backupRoot: model.backupRoot ?? null,
    // Where a run looks for backups: certify.yml's backup.root over the role's variable, and the machine.
    backup: backupLocation(model, backup),
    services: model.services.map((service, index) => ({
      ...(serviceJson(service, records[index]) as object),
      freshness: certifications[index].freshness,
      history: historyJson(certifications[index].history),
    })),
    findings: model.findings,
  };
}

/**
 * Short codes keep their width; what shrinks first is what is widest: a URL or a list of roles
 * wraps (it is read whole), a template IP or a hostname is cut (its start says enough; status
 * and --json show it whole). The service name wraps, never cut: it is what `status` takes.
 * When even the minimums do not fit (80 columns cannot hold all ten), hostname (most often the
 * service's name), then port, then roles are left out, and the table says so.
 */
const LIST_COLUMNS: readonly Column[] = [
  { header: 'SERVICE', overflow: 'wrap', min: 12 },
  { header: 'CT', overflow: 'keep' },
  { header: 'HOSTNAME', overflow: 'ellipsis', min: 12, dropOrder: 1 },
  { header: 'IP', overflow: 'ellipsis', min: 15 },
  { header: 'PORT', overflow: 'keep', dropOrder: 2 },
  { header: 'URL', overflow: 'wrap', min: 12 },
  { header: 'ROLES', overflow: 'wrap', min: 10, dropOrder: 3 },
  { header: 'BACKUP', overflow: 'keep' },
  { header: 'RESTORE', overflow: 'keep' },
  { header: 'PROGRESS', overflow: 'keep' },
];

function listText(model: RepoModel, records: StoredRecord[], certifications: HistoryFreshness[], backup: BackupSettings, width: number): string {
  const lines: string[] = [];
  const host = model.proxmoxHost;
  lines.push(`Repo: ${displayText(model.root)}`);
  if (host) lines.push(`Proxmox host: ${displayText(host.name)}${host.address ? ` (${host.user ? `${displayText(host.user)}@` : ''}${displayText(host.address)}${host.port ? `:${host.port}` : ''})` : ''}`);
  else lines.push('Proxmox host: none found (add a proxmox_admin group to inventory/hosts.yml)');
  // As the repo states it (a template shown as written); nothing when it states nowhere.
  const stated = backup.root ?? (model.backupRoot ? factText(model.backupRoot) : undefined);
  if (stated !== undefined) lines.push(`Backups: ${displayText(stated)} ${backupHostText(backupLocation(model, backup).host)}`);
  lines.push('');
  if (model.services.length === 0) {
    lines.push('No services found. Add services/<name>.yml or playbooks/<name>-deploy.yml.');
  } else {
    const rows = model.services.map((service, index) => row(service, records[index]));
    lines.push(formatTable(LIST_COLUMNS, rows, width));
    lines.push('', ...certificationsText(model.services, certifications, width));
  }
  const findings = findingLines(model.findings);
  if (findings.length > 0) lines.push('', `Findings (${model.findings.length}):`, ...findings);
  return lines.join('\n');
}

function row(service: Service, stored: StoredRecord): string[] {
  return [
    service.name,
    factText(service.facts.containerId),
    factText(service.facts.hostname),
    factText(service.facts.ipAddress),
    factText(service.facts.servicePort),
    factText(service.facts.externalUrl),
    service.roles.map((role) => role.name).join(',') || '—',
    isCovered(service.backup) ? 'yes' : 'no',
    isCovered(service.restore) ? 'yes' : 'no',
    progressText(stored),
  ];
}

/** State and dates keep their width; the steps and the changed inputs wrap (status lists them all). */
const CERTIFICATION_COLUMNS: readonly Column[] = [
  { header: 'SERVICE', overflow: 'wrap', min: 12 },
  { header: 'STATE', overflow: 'keep' },
  { header: 'CERTIFIED', overflow: 'keep' },
  { header: 'DUE', overflow: 'keep' },
  { header: 'RE-RUN', overflow: 'wrap', min: 9 },
  { header: 'CHANGED', overflow: 'wrap', min: 16 },
];

/** The services with a certification: whether it holds, when it is due, what changed, what to re-run. */
function certificationsText(services: readonly Service[], certifications: HistoryFreshness[], width: number): string[] {
  const rows = services.flatMap((service, index) => {
    const { freshness } = certifications[index];
    if (freshness.state === 'uncertified') return [];
    const changed = freshness.changed.length === 0 ? '—' : `${freshness.changed[0].name}${freshness.changed.length > 1 ? ` and ${freshness.changed.length - 1} more` : ''}`;
    return [[service.name, freshness.state, day(freshness.certifiedAt), day(freshness.dueAt), freshness.rerun.length > 0 ? stepsText(freshness.rerun) : '—', changed]];
  });
  const skipped = certifications.reduce((count, { history }) => count + history.skipped.length, 0);
  const notes = skipped > 0 ? [`${skipped} file${skipped === 1 ? '' : 's'} in .certify/*/history could not be read; certify status <service> says which and why.`] : [];
  if (rows.length === 0) return ['Certifications: none completed yet.', ...notes];
  return ['Certifications:', formatTable(CERTIFICATION_COLUMNS, rows, width), ...notes];
}

const day = (time: string | undefined): string => (time === undefined ? '—' : time.slice(0, 10));
