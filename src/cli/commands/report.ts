// `certify report <service>`: the completion report of one service, as the workflow's text,
// Markdown, standalone HTML, JSON or JUnit XML, to stdout or (atomically) to a file; and
// `certify report --all --format junit`: one JUnit file with a suite per service, for CI.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { displayLines, displayText } from '../../core/displayText';
import { createEmptyRecord, type CertificationRecord } from '../../core/record';
import type { RepoModel, Service } from '../../core/service';
import { discoverRepo } from '../../repo/loadRepo';
import type { CertificationReport } from '../../report/model/reportTypes';
import { renderJunit, type UnavailableService } from '../../report/render/junitReport';
import { REPORT_FORMATS, type ReportFormat as Format } from '../../report/render/reportFormats';
import { renderReport } from '../../report/render/renderReport';
import { REPO_REPORT_EXTRAS, serviceReport, type ReportExtrasSource } from '../../run/serviceReport';
import { writeAtomically } from '../../store/atomicWrite';
import { loadRecord, loadRecords, type StoredRecord } from '../../store/records';
import { StoreError } from '../../store/storeError';
import { checkArguments, type ParsedArgs } from '../args';
import { REPO_OPTION, type CliContext, type Command } from '../command';
import { CliError, EXIT } from '../exitCodes';
import { findRepoRoot } from '../repoRoot';
import { printText } from '../safeOutput';

const USAGE = 'certify report <service> [--format text|md|html|json|junit] [--out FILE] [--repo DIR] | certify report --all --format junit [--out FILE] [--repo DIR]';

export function makeReportCommand(extras: ReportExtrasSource): Command {
  const command: Command = {
    name: 'report',
    summary: "write a service's completion report as text, Markdown, HTML, JSON or JUnit XML",
    usage: USAGE,
    details:
      'text is the workflow\'s completion report; md and html (standalone, no script, strict CSP) add every\n' +
      'criterion with its evidence and each run\'s transcripts; json follows schemas/report.schema.json; junit\n' +
      'has a test case per step and per criterion. Every format says whether the last certification still\n' +
      'holds (stale: which files changed and which steps to re-run; due: since when) and lists the kept ones\n' +
      '(html charts them). --all --format junit writes one file with a test suite per\n' +
      'service, for CI. A service with no record yet gets a report of nine steps not started. --out writes\n' +
      'the file whole or not at all (its folder must exist). Exits 4 when a record is damaged or from a newer\n' +
      'Certify (with --all, that service is an error case in the JUnit file).',
    options: [
      { name: 'format', value: 'FORMAT', choices: REPORT_FORMATS, description: 'text (default), md, html, json or junit' },
      { name: 'out', value: 'FILE', description: 'write the report to FILE instead of stdout' },
      { name: 'all', description: 'every service of the repo, in one JUnit file (needs --format junit)' },
      REPO_OPTION,
    ],
    arguments: { min: 0, max: 1, takes: 'one service name, or none with --all' },
    async run(args, context) {
      checkArguments(args, command.arguments, command.usage);
      const format = (args.values.get('format') ?? 'text') as Format;
      const all = args.flags.has('all');
      checkChoice(args, all, format);
      const root = await findRepoRoot(context.cwd, args.values.get('repo'));
      const model = await discoverRepo(root);
      const now = new Date();
      if (all) {
        const { reports, unavailable } = await allReports(model, extras, now);
        await emit(context, args, 'junit', renderJunit(reports, unavailable));
        return unavailable.length > 0 ? EXIT.recordUnavailable : EXIT.ok;
      }
      const [name] = args.positionals;
      const service = model.services.find((candidate) => candidate.name === name);
      if (!service) {
        const known = model.services.map((candidate) => displayText(candidate.name)).join(', ') || 'none';
        throw new CliError(EXIT.notFound, `no service "${displayText(name)}" in ${displayText(root)}. Services: ${known}. See certify list.`);
      }
      const stored = await loadRecord(root, service.name);
      const record = usableRecord(stored, service.name, now);
      if (!record) throw new CliError(EXIT.recordUnavailable, `${unavailableText(stored)}; see certify status ${service.name}.`);
      const report = await reportOf(model, service, record, extras, now);
      await emit(context, args, format, renderReport(format, report));
      return EXIT.ok;
    },
  };
  return command;
}

export const reportCommand = makeReportCommand(REPO_REPORT_EXTRAS);

function checkChoice(args: ParsedArgs, all: boolean, format: Format): void {
  if (all && args.positionals.length > 0) throw new CliError(EXIT.usage, `--all reports every service: leave out "${displayText(args.positionals[0])}". Usage: ${USAGE}`);
  if (!all && args.positionals.length === 0) throw new CliError(EXIT.usage, `name a service, or pass --all --format junit. Usage: ${USAGE}`);
  if (all && format !== 'junit') throw new CliError(EXIT.usage, '--all writes one JUnit file for the whole repo: add --format junit.');
}

/** The record to report: the stored one, an empty one when there is none yet, none when it cannot be used. */
function usableRecord(stored: StoredRecord, name: string, now: Date): CertificationRecord | undefined {
  if (stored.kind === 'ok') return stored.record;
  return stored.kind === 'missing' ? createEmptyRecord(name, now) : undefined;
}

function unavailableText(stored: StoredRecord): string {
  if (stored.kind === 'corrupt') return `${stored.file} is damaged and was left as it is: ${stored.problems.join('; ')}`;
  if (stored.kind === 'newer') return `${stored.file} is from a newer Certify (schema ${stored.schemaVersion}); update Certify`;
  return `${stored.file} cannot be used`;
}

/** Made as every front end makes it (run/serviceReport). */
async function reportOf(model: RepoModel, service: Service, record: CertificationRecord, extras: ReportExtrasSource, now: Date): Promise<CertificationReport> {
  return (await serviceReport(model, service, record, now, extras)).report;
}

async function allReports(model: RepoModel, extras: ReportExtrasSource, now: Date): Promise<{ reports: CertificationReport[]; unavailable: UnavailableService[] }> {
  const stored = await loadRecords(model.root, model.services.map((service) => service.name));
  const reports: CertificationReport[] = [];
  const unavailable: UnavailableService[] = [];
  for (const service of model.services) {
    const entry = stored.get(service.name) as StoredRecord;
    const record = usableRecord(entry, service.name, now);
    if (record) reports.push(await reportOf(model, service, record, extras, now));
    else unavailable.push({ service: service.name, problem: unavailableText(entry) });
  }
  return { reports, unavailable };
}

/** To stdout (text fitted to the terminal like every text output), or whole to --out. */
async function emit(context: CliContext, args: ParsedArgs, format: Format, content: string): Promise<void> {
  const out = args.values.get('out');
  if (out === undefined) {
    const body = content.replace(/\n$/, '');
    if (format === 'text') printText(context, body);
    else context.out(displayLines(body));
    return;
  }
  const file = path.resolve(context.cwd, out);
  const folder = await fs.stat(path.dirname(file)).catch(() => undefined);
  if (!folder?.isDirectory()) throw new CliError(EXIT.usage, `--out ${displayText(out)}: the folder ${displayText(path.dirname(file))} does not exist.`);
  try {
    await writeAtomically(file, displayLines(content));
  } catch (error) {
    if (error instanceof StoreError) throw new CliError(EXIT.failed, error.message);
    throw error;
  }
  context.out(`Wrote ${displayText(file)} (${format}).`);
}

