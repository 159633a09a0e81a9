// `certify validate [paths…]`: the same checks the editor runs as you type — schemas, YAML
// syntax, role lint, cross-file consistency, with certify.yml's rule settings — for CI gates.

import * as path from 'node:path';
import { displayText } from '../../core/displayText';
import type { Finding } from '../../core/findings';
import { ALL_RULES, validateRepo } from '../../check/validateRepo';
import { loadRepoForValidation } from '../../repo/loadRepo';
import { checkArguments } from '../args';
import { REPO_OPTION, type Command } from '../command';
import { CliError, EXIT } from '../exitCodes';
import { countTables } from '../findingCounts';
import { groupFindings } from '../findingGroups';
import { isMissing } from '../missingPath';
import { findRepoRoot } from '../repoRoot';
import { outputWidth, printJson, printText } from '../safeOutput';
import { toSarif } from '../sarif';
import { findingLines } from '../serviceText';
import { VERSION } from '../version';

const FORMATS = ['text', 'json', 'sarif'] as const;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check service definitions, certify.yml, roles and playbooks; exit 1 on any error',
  usage: 'certify validate [paths…] [--format text|json|sarif] [--summary] [--repo DIR]',
  details:
    'Without paths, the whole repo is checked; with paths (files or folders), only findings in them\n' +
    'are reported (the rest of the repo is still read, for cross-file checks). Rules are set per repo\n' +
    'in certify.yml: `rules: { no-changed-when: off, state-latest: error }`.\n' +
    'In text, a rule that fires more than 4 times in one file shows its first 3 findings and a count\n' +
    'of the rest; --summary prints counts by rule and by file instead. JSON and SARIF list every finding.',
  options: [
    { name: 'format', value: 'FORMAT', choices: FORMATS, description: 'text (default), json, or sarif for code-scanning tools' },
    { name: 'summary', description: 'print counts by rule and by file instead of each finding (text only)' },
    REPO_OPTION,
  ],
  arguments: { min: 0, max: Infinity, takes: 'any number of paths' },
  async run(args, context) {
    checkArguments(args, validateCommand.arguments, validateCommand.usage);
    const format = args.values.get('format') ?? 'text';
    // Counts in JSON are its `summary` field; a flag that silently did nothing would mislead a CI job.
    if (args.flags.has('summary') && format !== 'text') throw new CliError(EXIT.usage, `--summary is for text output; --format ${format} lists every finding.`);
    const root = await findRepoRoot(context.cwd, args.values.get('repo'));
    const scopes = await Promise.all(args.positionals.map((given) => scopeOf(root, context.cwd, given)));
    const repo = await loadRepoForValidation(root);
    const validated = validateRepo(repo, repo.cache);
    const findings = validated.findings.filter((finding) => scopes.length === 0 || scopes.some((scope) => within(finding.file, scope)));
    if (format === 'sarif') printJson(context, toSarif(findings, ALL_RULES, root, VERSION));
    else if (format === 'json') printJson(context, { root, summary: summary(findings), findings });
    else printText(context, args.flags.has('summary') ? summaryReport(findings, outputWidth(context)) : textReport(findings));
    return findings.some((finding) => finding.severity === 'error') ? EXIT.failed : EXIT.ok;
  },
};

/**
 * A path to report on, relative to the repo. One that does not exist is a usage error: reporting
 * "no problems" for it would let a typo in a CI job pass.
 */
async function scopeOf(root: string, cwd: string, given: string): Promise<string> {
  const absolute = path.resolve(cwd, given);
  if (await isMissing(absolute, false)) throw new CliError(EXIT.usage, `${displayText(given)} does not exist.`);
  return repoRelative(root, absolute, given);
}

function repoRelative(root: string, absolute: string, given: string): string {
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new CliError(EXIT.usage, `${displayText(given)} is outside the repo ${displayText(root)}; give paths inside it.`);
  }
  return relative;
}

function within(file: string, scope: string): boolean {
  return scope === '' || file === scope || file.startsWith(`${scope.replace(/\/$/, '')}/`);
}

function summary(findings: readonly Finding[]): { errors: number; warnings: number; infos: number; files: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
    files: new Set(findings.map((f) => f.file)).size,
  };
}

function textReport(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No problems found.';
  const lines = groupFindings(findings).map((row) =>
    row.kind === 'finding'
      ? findingLines([row.finding])[0].trimStart()
      : `  … and ${row.count.toLocaleString('en-US')} more ${displayText(row.ruleId)} in this file (--format json lists each one)`,
  );
  return [...lines, '', totalsLine(findings)].join('\n');
}

function summaryReport(findings: readonly Finding[], width: number): string {
  if (findings.length === 0) return 'No problems found.';
  return [countTables(findings, width), '', totalsLine(findings)].join('\n');
}

function totalsLine(findings: readonly Finding[]): string {
  const { errors, warnings, infos, files } = summary(findings);
  return `${counted(errors, 'error')}, ${counted(warnings, 'warning')}, ${counted(infos, 'note')} in ${counted(files, 'file')}.`;
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
