// Lint volume a person can read, at 80 columns: a rule firing many times in one file is grouped
// in the text report, `--summary` counts by rule and file, and JSON and SARIF keep every finding.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import { groupFindings } from '../../../src/cli/findingGroups';
import type { Finding } from '../../../src/core/findings';
import { summaryFinding } from '../../../src/yaml/findingCap';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';

const COLUMNS = 80;
const MANY = 'roles/gitea_api/tasks/many.yml';

async function certify(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { cwd, columns: COLUMNS, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `count` commands without changed_when: as many no-changed-when findings in one file. */
function manyCommands(count: number): string {
  return Array.from({ length: count }, (_, i) => `- name: Run step ${i}\n  ansible.builtin.command: /bin/true ${i}\n`).join('');
}

function finding(line: number, ruleId = 'no-changed-when', file = 'a.yml'): Finding {
  return { file, line, ruleId, severity: 'warning', message: `problem on ${line}` };
}

describe('certify validate at a readable volume', () => {
  let root = '';
  before(async () => {
    root = await copyRepo(EXAMPLE_REPO);
    await fs.writeFile(path.join(root, MANY), manyCommands(12));
  });

  test('text shows the first 3 of a rule in a file and counts the rest; the totals count every finding', async () => {
    const { code, out } = await certify(root, 'validate');
    assert.equal(code, EXIT.ok);
    const shown = out.split('\n').filter((line) => line.startsWith(`${MANY}:`));
    assert.deepEqual(shown.map((line) => line.split(' ')[0]), [`${MANY}:2:3:`, `${MANY}:4:3:`, `${MANY}:6:3:`]);
    assert.match(out, /^ {2}… and 9 more no-changed-when in this file \(--format json lists each one\)$/m);
    assert.match(out, /^0 errors, 16 warnings, 1 note in 4 files\.$/m);
    for (const line of out.split('\n')) assert.ok([...line].length <= COLUMNS, line);
  });

  test('JSON and SARIF keep every finding', async () => {
    const json = JSON.parse((await certify(root, 'validate', '--format', 'json')).out) as { findings: Finding[] };
    assert.equal(json.findings.filter((f) => f.file === MANY).length, 12);
    const sarif = JSON.parse((await certify(root, 'validate', '--format', 'sarif')).out) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(sarif.runs[0].results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === MANY).length, 12);
  });

  test('--summary prints counts by rule and by file, fitted to 80 columns', async () => {
    const { code, out } = await certify(root, 'validate', '--summary');
    assert.equal(code, EXIT.ok);
    assert.match(out, /^RULE\s+ERRORS\s+WARNINGS\s+NOTES\s+FILES$/m);
    assert.match(out, /^no-changed-when\s+0\s+12\s+0\s+1$/m);
    assert.match(out, /^restore-missing\s+0\s+2\s+0\s+1$/m);
    assert.match(out, /^FILE\s+ERRORS\s+WARNINGS\s+NOTES$/m);
    assert.match(out, new RegExp(`^${MANY.replace(/\./g, '\\.')}\\s+0\\s+12\\s+0$`, 'm'));
    assert.match(out, /^0 errors, 16 warnings, 1 note in 4 files\.$/m);
    assert.doesNotMatch(out, /Run step|changed_when/, 'no finding is listed');
    for (const line of out.split('\n')) assert.ok([...line].length <= COLUMNS, line);
  });

  test('--summary with JSON or SARIF is a usage error', async () => {
    const { code, err } = await certify(root, 'validate', '--summary', '--format', 'json');
    assert.equal(code, EXIT.usage);
    assert.match(err, /--summary is for text output/);
  });
});

describe('grouping findings for the text report', () => {
  test('a group one over the limit is shown whole; other rules and files are grouped apart', () => {
    const findings = [...[1, 2, 3, 4].map((line) => finding(line)), finding(5, 'state-latest'), ...[6, 7, 8, 9, 10].map((line) => finding(line, 'no-changed-when', 'b.yml'))];
    const rows = groupFindings(findings);
    const brief = rows.map((row) => (row.kind === 'finding' ? `${row.finding.file}:${row.finding.line}` : `more ${row.file} ${row.ruleId} ${row.count}`));
    assert.deepEqual(brief, ['a.yml:1', 'a.yml:2', 'a.yml:3', 'a.yml:4', 'a.yml:5', 'b.yml:6', 'b.yml:7', 'b.yml:8', 'more b.yml no-changed-when 2']);
  });

  test('the cap’s own summary is always shown, not counted as one more', () => {
    const findings = [...Array.from({ length: 10 }, (_, i) => finding(i + 1)), summaryFinding(finding(11), 5_000)];
    const rows = groupFindings(findings);
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[3], { kind: 'more', file: 'a.yml', ruleId: 'no-changed-when', count: 7 });
    assert.equal(rows[4].kind === 'finding' && rows[4].finding.message.startsWith('… and 5,000 more problems'), true);
  });
});
