// `certify status <service>`: one service in full — facts and where each came from, roles,
// backup/restore coverage, each step's status and what blocks it, measured metrics graded, and
// whether its last certification still holds (fresh, stale, due) with what changed since.

import { displayText } from '../../core/displayText';
import { factOrigin, factText } from '../../core/factText';
import { stepsText, type Freshness } from '../../core/freshness';
import { gradeMetrics } from '../../core/grading';
import { createEmptyRecord, runners, type CertificationRecord } from '../../core/record';
import { isCovered, type Coverage, type Fact, type Service } from '../../core/service';
import { stepById, STEPS } from '../../core/steps';
import { canStart, serviceProgress } from '../../core/transitions';
import { discoverRepo } from '../../repo/loadRepo';
import { historyFreshness, type HistoryFreshness } from '../../store/history';
import { loadRecord, type StoredRecord } from '../../store/records';
import { checkArguments } from '../args';
import { JSON_OPTION, REPO_OPTION, type Command } from '../command';
import { CliError, EXIT } from '../exitCodes';
import { historyJson } from '../historyJson';
import { findRepoRoot } from '../repoRoot';
import { outputWidth, printJson, printText } from '../safeOutput';
import { formatTable, type Column } from '../table';
import { findingLines, progressText, serviceJson } from '../serviceText';

export const statusCommand: Command = {
  name: 'status',
  summary: "show one service's facts, steps, gates and metrics",
  usage: 'certify status <service> [--json] [--repo DIR]',
  details: 'Exits 4 when the service\'s record is damaged or from a newer Certify (the file is left as it is).',
  options: [JSON_OPTION, REPO_OPTION],
  arguments: { min: 1, max: 1, takes: 'exactly one service name' },
  async run(args, context) {
    checkArguments(args, statusCommand.arguments, statusCommand.usage);
    const [name] = args.positionals;
    const root = await findRepoRoot(context.cwd, args.values.get('repo'));
    const model = await discoverRepo(root);
    const service = model.services.find((candidate) => candidate.name === name);
    if (!service) {
      const known = model.services.map((candidate) => displayText(candidate.name)).join(', ') || 'none';
      throw new CliError(EXIT.notFound, `no service "${displayText(name)}" in ${displayText(root)}. Services: ${known}. See certify list.`);
    }
    const stored = await loadRecord(root, name);
    // A service with no record yet shows its gates as an empty record would (nothing is written).
    const record = stored.kind === 'ok' ? stored.record : stored.kind === 'missing' ? createEmptyRecord(name, new Date()) : undefined;
    const findings = model.findings.filter((finding) => serviceFiles(service).some((file) => finding.file.startsWith(file)));
    const certification = await historyFreshness(model, service, stored.kind === 'ok' ? { record: stored.record } : {});
    if (args.flags.has('json')) {
      printJson(context, {
        service: serviceJson(service, stored),
        steps: stepRows(record),
        metrics: metricRows(record),
        freshness: certification.freshness,
        history: historyJson(certification.history),
        findings,
      });
    } else {
      printText(context, statusText(service, stored, record, certification, findingLines(findings), outputWidth(context)));
    }
    return stored.kind === 'corrupt' || stored.kind === 'newer' ? EXIT.recordUnavailable : EXIT.ok;
  },
};

/** Files whose findings concern this service. */
function serviceFiles(service: Service): string[] {
  return [service.definitionFile, service.deployPlaybook, ...service.roles.map((role) => role.dir && `${role.dir}/`)].filter(
    (file): file is string => Boolean(file),
  );
}

function stepRows(record: CertificationRecord | undefined) {
  return STEPS.map((step) => {
    const state = record?.steps[step.id];
    return {
      number: step.number,
      id: step.id,
      title: step.title,
      status: state?.status ?? 'not-started',
      reason: state?.reason,
      startedAt: state?.startedAt,
      finishedAt: state?.finishedAt,
      blockedBy: record ? canStart(record, step.id) : undefined,
    };
  });
}

function metricRows(record: CertificationRecord | undefined) {
  return record ? gradeMetrics(record.metrics) : [];
}

/** Facts: the label keeps its width; the value and its origin wrap (paths and lists read whole). */
const FACT_COLUMNS: readonly Column[] = [
  { header: '', overflow: 'keep' },
  { header: '', overflow: 'wrap', min: 20 },
  { header: '', overflow: 'wrap', min: 20 },
];

/** Steps: the status keeps its width; the title and the note wrap, the note (longer) first. */
const STEP_COLUMNS: readonly Column[] = [
  { header: 'STEP', overflow: 'wrap', min: 20 },
  { header: 'STATUS', overflow: 'keep' },
  { header: 'NOTE', overflow: 'wrap', min: 20 },
];

function statusText(
  service: Service,
  stored: StoredRecord,
  record: CertificationRecord | undefined,
  certification: HistoryFreshness,
  findings: string[],
  width: number,
): string {
  const lines: string[] = [];
  const progress = record ? serviceProgress(record) : undefined;
  lines.push(`${displayText(service.name)} — ${progressText(stored)} steps passed${progress ? ` (${progress.state})` : ''}`);
  const fact = (label: string, value: Fact<unknown> | undefined): string[] =>
    value ? [label, factText(value), `${value.origin} ${factOrigin(value)}`] : [label, '—', 'not stated'];
  const rows: string[][] = [
    ['definition', service.definitionFile ?? '— (create services/<name>.yml to state facts explicitly)', ''],
    ['playbook', service.deployPlaybook ?? '— (no deploy playbook)', ''],
    ['roles', service.roles.map((role) => role.name).join(', ') || '—', service.roles.map((r) => `${r.via} ${r.source.file}:${r.source.line}`).join('; ')],
    fact('container', service.facts.containerId),
    fact('hostname', service.facts.hostname),
    fact('ip', service.facts.ipAddress),
    fact('port', service.facts.servicePort),
    fact('url', service.facts.externalUrl),
    ['backup', coverageText(service.backup), ''],
    ['restore', coverageText(service.restore), ''],
    ['scripts', [service.scripts.populate, service.scripts.verify].filter(Boolean).join(', ') || '— (no populate/verify scripts)', ''],
    ['record', recordText(stored), ''],
    ...(record && runners(record).length > 0 ? [['ran by', runners(record).join(', '), '']] : []),
  ];
  lines.push(formatTable(FACT_COLUMNS, rows, width).split('\n').slice(1).join('\n'), '');

  lines.push(
    formatTable(
      STEP_COLUMNS,
      stepRows(record).map((row) => [
        `${row.number} ${row.title}`,
        row.status,
        row.reason ?? (row.status === 'not-started' && row.blockedBy ? `blocked: ${row.blockedBy}` : ''),
      ]),
      width,
    ),
  );
  const metrics = metricRows(record);
  lines.push('', metrics.length > 0 ? 'Metrics:' : 'Metrics: none measured yet.');
  for (const metric of metrics) lines.push(`  ${metric.metric.padEnd(22)} ${displayText(metric.summary)}`);
  lines.push('', ...certificationLines(certification, width));
  if (findings.length > 0) lines.push('', 'Findings:', ...findings);
  return lines.join('\n');
}

function coverageText(coverage: Coverage): string {
  if (coverage.toggle?.enabled === false) return `switched off by ${coverage.toggle.variable}`;
  if (!isCovered(coverage)) return 'not covered';
  return `covered: ${coverage.entries.map((entry) => `${entry.variable} (${entry.detail})`).join(', ')}`;
}

function recordText(stored: StoredRecord): string {
  switch (stored.kind) {
    case 'missing':
      return `${stored.file} (not created yet)`;
    case 'ok':
      return stored.file;
    case 'corrupt':
      return `${stored.file} is DAMAGED and was left as it is: ${stored.problems.join('; ')}`;
    case 'newer':
      return `${stored.file} is from a newer Certify (schema ${stored.schemaVersion}); update Certify`;
  }
}

/** Past certifications by time and file; files that are not usable entries, with why. */
/** Changed inputs shown in text; --json lists every one. */
const MAX_CHANGED_SHOWN = 20;

/** Whether the last certification holds: the sentence, then when, what changed, what to re-run. */
function certificationLines({ freshness, history }: HistoryFreshness, width: number): string[] {
  const rows: string[][] = [];
  if (freshness.certifiedAt) rows.push(['certified', freshness.certifiedAt]);
  if (freshness.state !== 'uncertified') rows.push(['due', freshness.dueAt ?? '— (certify.yml sets no recertify_after_days)']);
  freshness.changed.slice(0, MAX_CHANGED_SHOWN).forEach((input, i) => rows.push([i === 0 ? 'changed' : '', `${input.change} ${input.name}`]));
  if (freshness.changed.length > MAX_CHANGED_SHOWN) rows.push(['', `… and ${freshness.changed.length - MAX_CHANGED_SHOWN} more (--json lists each)`]);
  if (freshness.state !== 'fresh' && freshness.state !== 'uncertified') rows.push(['re-run', rerunText(freshness)]);
  if (history.entries.length > 0) rows.push(['history', `${history.entries.length} certification${history.entries.length === 1 ? '' : 's'} kept, the last ${history.entries[history.entries.length - 1].certifiedAt}`]);
  for (const skipped of history.skipped) rows.push(['skipped', `${skipped.file}: ${skipped.problems.join('; ')}`]);
  const lines = [`Certification: ${displayText(freshness.summary)}`];
  if (rows.length > 0) lines.push(formatTable(FACT_COLUMNS.slice(0, 2), rows, width).split('\n').slice(1).join('\n'));
  return lines;
}

function rerunText(freshness: Freshness): string {
  return `${stepsText(freshness.rerun)} (${freshness.rerun.map((step) => stepById(step).shortTitle).join(', ')})`;
}
