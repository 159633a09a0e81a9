// `certify list`: every service the repo defines or deploys, with roles, facts, backup and
// restore coverage and certification progress.

import { displayText } from '../../core/displayText';
import { factText } from '../../core/factText';
import { isCovered, type RepoModel, type Service } from '../../core/service';
import { discoverRepo } from '../../repo/loadRepo';
import { loadRecords, type StoredRecord } from '../../store/records';
import { checkArguments } from '../args';
import { JSON_OPTION, REPO_OPTION, type Command } from '../command';
import { EXIT } from '../exitCodes';
import { findRepoRoot } from '../repoRoot';
import { outputWidth, printJson, printText } from '../safeOutput';
import { formatTable, type Column } from '../table';
import { findingLines, progressText, serviceJson } from '../serviceText';

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
    if (args.flags.has('json')) printJson(context, listJson(model, records));
    else printText(context, listText(model, records, outputWidth(context)));
    // The same code status gives for a record it cannot use, so a pipeline can rely on either.
    return records.some((stored) => stored.kind === 'corrupt' || stored.kind === 'newer') ? EXIT.recordUnavailable : EXIT.ok;
  },
};

function listJson(model: RepoModel, records: StoredRecord[]): unknown {
  return {
    root: model.root,
    proxmoxHost: model.proxmoxHost ?? null,
    backupRoot: model.backupRoot ?? null,
    services: model.services.map((service, index) => serviceJson(service, records[index])),
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

function listText(model: RepoModel, records: StoredRecord[], width: number): string {
  const lines: string[] = [];
  const host = model.proxmoxHost;
  lines.push(`Repo: ${displayText(model.root)}`);
  if (host) lines.push(`Proxmox host: ${displayText(host.name)}${host.address ? ` (${host.user ? `${displayText(host.user)}@` : ''}${displayText(host.address)}${host.port ? `:${host.port}` : ''})` : ''}`);
  else lines.push('Proxmox host: none found (add a proxmox_admin group to inventory/hosts.yml)');
  if (model.backupRoot) lines.push(`Backups: ${displayText(factText(model.backupRoot))}`);
  lines.push('');
  if (model.services.length === 0) {
    lines.push('No services found. Add services/<name>.yml or playbooks/<name>-deploy.yml.');
  } else {
    const rows = model.services.map((service, index) => row(service, records[index]));
    lines.push(formatTable(LIST_COLUMNS, rows, width));
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
