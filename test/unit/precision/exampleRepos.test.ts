// The precision check: `certify validate`'s engine (the CLI's own loading and validation, in
// process) over both example repos, held to each repo's list of what is true. Every planted
// problem must be reported, every error must be a planted one, every other finding must be a
// listed true one, and a file that does not parse yields exactly one syntax finding.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { validateRepo } from '../../../src/check/validateRepo';
import type { Finding, Severity } from '../../../src/core/findings';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { EXAMPLE_REPO } from '../helpers/tempRepo';

interface Expectation {
  rule: string;
  severity: Severity;
  file: string;
  line?: number;
  why: string;
}

interface Expectations {
  /** True problems put there on purpose: each must be found; no other error may be reported. */
  planted: Expectation[];
  /** True warnings and notes nobody planted. */
  expected: Expectation[];
}

const EXAMPLES = path.dirname(EXAMPLE_REPO);
const REPOS = [
  { name: 'homelab', root: EXAMPLE_REPO, expectations: path.join(__dirname, 'homelab.expected.yml') },
  { name: 'clubinfra', root: path.join(EXAMPLES, 'clubinfra'), expectations: path.join(EXAMPLES, 'clubinfra', 'PLANTED.yml') },
];

/** Rules that report a file Certify cannot parse. */
const SYNTAX_RULES = new Set(['yaml-syntax', 'inventory-syntax']);

async function readExpectations(file: string): Promise<Expectations> {
  const read = parse(await fs.readFile(file, 'utf8')) as Partial<Expectations>;
  const all = [...(read.planted ?? []), ...(read.expected ?? [])];
  for (const item of all) {
    assert.ok(item.rule && item.severity && item.file && item.why, `${file}: each entry needs rule, severity, file and why: ${JSON.stringify(item)}`);
  }
  assert.ok((read.expected ?? []).every((item) => item.severity !== 'error'), `${file}: an error nobody planted cannot be expected; plant it or fix Certify`);
  return { planted: read.planted ?? [], expected: read.expected ?? [] };
}

async function validate(root: string): Promise<Finding[]> {
  const repo = await loadRepoForValidation(root);
  return validateRepo(repo, repo.cache).findings;
}

const describeFinding = (finding: Finding): string => `${finding.severity} ${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`;
const describeExpectation = (item: Expectation): string => `${item.severity} ${item.rule} ${item.file}${item.line === undefined ? '' : `:${item.line}`} (${item.why})`;

const matches = (item: Expectation, finding: Finding): boolean =>
  finding.ruleId === item.rule && finding.severity === item.severity && finding.file === item.file && (item.line === undefined || finding.line === item.line);

/** Pairs each expectation with one finding: what no finding reports, and what no expectation explains. */
function pair(items: readonly Expectation[], findings: readonly Finding[]): { missed: Expectation[]; unexplained: Finding[] } {
  const left = [...findings];
  const missed: Expectation[] = [];
  for (const item of items) {
    const index = left.findIndex((finding) => matches(item, finding));
    if (index < 0) missed.push(item);
    else left.splice(index, 1);
  }
  return { missed, unexplained: left };
}

for (const repo of REPOS) {
  describe(`precision on examples/${repo.name}`, () => {
    const loaded = Promise.all([validate(repo.root), readExpectations(repo.expectations)]);

    test('every planted problem is reported', async () => {
      const [findings, { planted }] = await loaded;
      assert.deepEqual(pair(planted, findings).missed.map(describeExpectation), []);
    });

    test('every error is a planted problem: no false error', async () => {
      const [findings, { planted }] = await loaded;
      const errors = findings.filter((finding) => finding.severity === 'error');
      assert.deepEqual(pair(planted, errors).unexplained.map(describeFinding), []);
    });

    test('every warning and note is a planted or a known true one', async () => {
      const [findings, { planted, expected }] = await loaded;
      const { missed, unexplained } = pair([...planted, ...expected], findings);
      assert.deepEqual({ missed: missed.map(describeExpectation), unexplained: unexplained.map(describeFinding) }, { missed: [], unexplained: [] });
    });

    test('each broken file yields exactly one syntax finding, and only planted files are broken', async () => {
      const [findings, { planted }] = await loaded;
      const perFile = new Map<string, number>();
      for (const finding of findings) if (SYNTAX_RULES.has(finding.ruleId)) perFile.set(finding.file, (perFile.get(finding.file) ?? 0) + 1);
      const broken = planted.filter((item) => SYNTAX_RULES.has(item.rule)).map((item) => item.file);
      assert.deepEqual(Object.fromEntries(perFile), Object.fromEntries(broken.map((file) => [file, 1])));
    });
  });
}
