// Validation of a whole repo and of one document as it is typed: schemas for Certify's files,
// syntax and lint for Ansible's, cross-file consistency, and certify.yml's rule settings on top.
// Pure: the caller reads the files (workspace/) and hands in their texts.

import type { Finding, RuleInfo } from '../core/findings';
import type { RepoModel } from '../core/service';
import { buildRepoModel } from '../repo/discovery';
import { checkKindOf, RESTORE_ROLE, settingsFileOf, yamlDialectOf } from '../repo/layout';
import { parseCached, type YamlCache } from '../repo/parseCache';
import { DISCOVERY_RULES } from '../repo/discoveryRules';
import type { RepoSnapshot } from '../repo/snapshot';
import { capFindings } from '../yaml/findingCap';
import { parseYaml, type ParsedYaml } from '../yaml/parse';
import { checkConsistency, CONSISTENCY_RULES } from './consistency';
import { buildLintContext, lintFile, lintRepoWork, LINT_RULES, type LintContext, type LintRepoInput, type ParseAnsible } from './lint';
import { applyRuleSettings, readRuleSettings, SETTINGS_RULES, type RuleSettings } from './ruleSettings';
import { SCHEMA_RULES, validateYamlDocument } from './schema';
import { runNow, type Work } from './work';

/** Every rule Certify knows, once each (schema and discovery share the yaml-* rules). */
export const ALL_RULES: readonly RuleInfo[] = dedupeRules([...DISCOVERY_RULES, ...SCHEMA_RULES, ...LINT_RULES, ...CONSISTENCY_RULES, ...SETTINGS_RULES]);

export interface RepoFiles {
  snapshot: RepoSnapshot;
  model: RepoModel;
  /** Every file validation reads (workspace/validationTexts), discovery's included. */
  texts: ReadonlyMap<string, string>;
  /** Files that could not be read. */
  readFindings?: readonly Finding[];
}

/** What validating one document needs from the rest of the repo, built once per repo change. */
export interface RepoContext extends RepoFiles {
  lintContext: LintContext;
  settings: RuleSettings;
  /** Findings of the whole repo, settings applied: what documents not being edited show. */
  findings: Finding[];
  cache: YamlCache;
}

const SCHEMA_FILE_RULES = /^(yaml-|definition\/)/;

/**
 * `previous`: the validation of the repo before a change; what it derived from files whose text
 * did not change is reused (parses come from `cache` either way).
 */
export function validateRepo(files: RepoFiles, cache: YamlCache = new Map(), previous?: RepoContext): RepoContext {
  return runNow(validationWork(files, cache, previous));
}

/** validateRepo one file per step (see check/work: the extension runs it in slices). */
export function* validationWork(files: RepoFiles, cache: YamlCache = new Map(), previous?: RepoContext): Work<RepoContext> {
  const settingsFile = settingsFileOf((file) => files.texts.has(file));
  const settingsText = settingsFile === undefined ? undefined : files.texts.get(settingsFile);
  const { settings, findings: settingsFindings } = readRuleSettings(settingsText, ALL_RULES, settingsFile);
  // One parse per file for syntax findings, lint and the lint context, shared with discovery through the cache.
  const lintInput = lintInputOf(files, cache);
  const { parse } = lintInput;
  const found: Finding[] = [...(files.readFindings ?? []), ...settingsFindings];
  // Discovery's own parse findings are recomputed below for every file, so only its semantic ones stay.
  append(found, files.model.findings.filter((finding) => !SCHEMA_FILE_RULES.test(finding.ruleId)));
  const lintContext = buildLintContext(lintInput, previous?.lintContext);
  for (const [file, text] of files.texts) {
    append(found, documentChecks(file, text, parse));
    yield;
  }
  append(found, yield* lintRepoWork(lintInput, lintContext));
  append(found, checkConsistency({ snapshot: files.snapshot, model: files.model, cache, texts: files.texts }));
  return {
    ...files,
    lintContext,
    settings,
    cache,
    findings: finish(found, settings),
  };
}

/**
 * The previous validation brought up to date with changed repo files, except for its findings:
 * a new lint context (cheap: what it derived from unchanged files is reused) and the new model.
 * For work that must not wait for a full validation, such as the static checks of the services
 * a change touched; a full validateRepo follows.
 */
export function refreshedContext(previous: RepoContext, files: RepoFiles): RepoContext {
  return { ...previous, ...files, lintContext: buildLintContext(lintInputOf(files, previous.cache), previous.lintContext) };
}

function lintInputOf(files: RepoFiles, cache: YamlCache): LintRepoInput & { parse: ParseAnsible } {
  const parse = (file: string, text: string): ParsedYaml => parseCached(cache, file, text);
  return { texts: files.texts, roleFiles: files.snapshot.roleFiles, roleDirs: files.snapshot.roleDirs, parse };
}

/**
 * Findings for one document with the text the editor holds (maybe unsaved): the document's own
 * checks, consistency with the rest of the repo as if this text were saved, and repo-level
 * findings about this file that editing it cannot change.
 */
export function validateDocument(file: string, text: string, repo: RepoContext): Finding[] {
  const kind = checkKindOf(file);
  if (kind === 'other') return repo.findings.filter((finding) => finding.file === file);
  // The edited text is parsed once, for syntax and lint alike, and kept out of the repo's cache.
  let parsed: ParsedYaml | undefined;
  const parse = (name: string, source: string): ParsedYaml => (parsed ??= parseYaml(name, source, '1.1'));
  const found: Finding[] = [...documentChecks(file, text, parse)];
  if (kind === 'ansible') append(found, lintFile(file, text, repo.lintContext, parse));

  const snapshot = overlay(repo.snapshot, file, text);
  // An unsaved text must not enter the repo's own cache (and discovery memo): the overlay gets a copy.
  const cache = snapshot === repo.snapshot ? repo.cache : new Map(repo.cache);
  // Discovery over the overlay reads this text as the checks above just did (the lazy reader gives
  // the same result): handed over, a large file is not parsed twice per keystroke.
  if (cache !== repo.cache && parsed !== undefined && yamlDialectOf(file) === '1.1') cache.set(file, { text, parsed });
  const model = snapshot === repo.snapshot ? repo.model : buildRepoModel(snapshot, cache);
  const consistencyIds = new Set(CONSISTENCY_RULES.map((rule) => rule.id));
  append(found, checkConsistency({ snapshot, model, cache, texts: textsWith(repo.texts, file, text) }).filter((finding) => finding.file === file));
  const documentIds = new Set([...found.map((finding) => finding.ruleId), ...consistencyIds, ...fileLevelRuleIds(kind)]);
  // Repo-level findings on this file (a missing README reported on tasks/main.yml) stay as they were.
  append(found, repo.findings.filter((finding) => finding.file === file && !documentIds.has(finding.ruleId)));
  append(found, model.findings.filter((finding) => finding.file === file && !SCHEMA_FILE_RULES.test(finding.ruleId)));
  return finish(found, repo.settings);
}

/**
 * Deduplicated, capped per file and rule (before the settings, which copy findings, so the
 * summaries the readers and rules made are still known as such), settings applied, sorted.
 */
function finish(found: Finding[], settings: RuleSettings): Finding[] {
  return sortFindings(applyRuleSettings(capFindings(dedupe(found)), settings));
}

/** Appends one at a time: a spread call fails past about 120,000 arguments. */
function append(into: Finding[], findings: readonly Finding[]): void {
  for (const finding of findings) into.push(finding);
}

/** Syntax and schema checks that depend on this document's text alone. */
function documentChecks(file: string, text: string, parse: (file: string, text: string) => ParsedYaml): Finding[] {
  switch (checkKindOf(file)) {
    case 'service-definition':
      return validateYamlDocument(file, text, 'service').findings;
    case 'settings':
      return validateYamlDocument(file, text, 'certify').findings;
    case 'ansible': {
      // Ansible loads a file with a repeated key (the last value wins) and warns: so does Certify.
      const parsed = parse(file, text);
      return parsed.warnings ? [...parsed.findings, ...parsed.warnings] : parsed.findings;
    }
    default:
      return [];
  }
}

/** Rules whose findings on a file come only from that file's text. */
function fileLevelRuleIds(kind: string): string[] {
  if (kind === 'ansible') return [...LINT_RULES.filter((rule) => rule.scope !== 'repo').map((rule) => rule.id), 'yaml-syntax', 'yaml-aliases', 'yaml-duplicate-key'];
  return [...SCHEMA_RULES.map((rule) => rule.id), 'definition/invalid-field', 'definition/not-a-mapping'];
}

function overlay(snapshot: RepoSnapshot, file: string, text: string): RepoSnapshot {
  if (!snapshot.texts.has(file) && checkKindOf(file) !== 'service-definition') return snapshot;
  if (snapshot.texts.get(file) === text) return snapshot;
  return { ...snapshot, texts: new Map(snapshot.texts).set(file, text) };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.file}:${finding.line}:${finding.column ?? 0}:${finding.ruleId}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeRules(rules: RuleInfo[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()];
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

/**
 * Validation's texts with the edited one in place, copied only for the restore role's files:
 * consistency reads those for how the restore is done, and nothing else it reads is missing
 * from the overlaid snapshot.
 */
function textsWith(texts: ReadonlyMap<string, string>, file: string, text: string): ReadonlyMap<string, string> {
  if (!file.startsWith(`roles/${RESTORE_ROLE}/`) || texts.get(file) === text) return texts;
  return new Map(texts).set(file, text);
}
