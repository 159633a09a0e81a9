// Pathological repo files (issue 9's slow paths: 100,000 duplicate keys, 100,000 broken flow
// lines, 10,000-deep nesting, 50,000 roles in one playbook, and a few like them) validated as the
// CLI does and as the editor does as you type, with the static checks after. Each must finish
// (a generous timeout: this checks that nothing is quadratic or recursive without bound, the
// benchmark measures speed) with at most MAX_FINDINGS_PER_RULE + 1 findings per file and rule,
// and never a stack overflow. The first findings kept stay exact.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Finding } from '../../../src/core/findings';
import { evaluateRepoStaticChecks } from '../../../src/check/staticCriteria';
import { validateDocument, validateRepo } from '../../../src/check/validateRepo';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { MAX_FINDINGS_PER_RULE } from '../../../src/yaml/findingCap';
import { parseYaml } from '../../../src/yaml/parse';
import { brokenFlowLines, duplicateKeys, manyRolesPlaybook, pathologicalCases, repoAround } from '../../fixtures/pathologicalRepo';
import { makeRepo } from '../helpers/tempRepo';

const TIMEOUT = { timeout: 60_000 };

function mostPerFileAndRule(findings: readonly Finding[]): number {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(`${finding.file} ${finding.ruleId}`, (counts.get(`${finding.file} ${finding.ruleId}`) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

function assertSane(findings: readonly Finding[], what: string): void {
  assert.ok(mostPerFileAndRule(findings) <= MAX_FINDINGS_PER_RULE + 1, `${what}: ${mostPerFileAndRule(findings)} findings of one rule in one file`);
  for (const finding of findings) assert.doesNotMatch(finding.message, /call stack|could not run|internal error/i, `${what}: ${finding.message}`);
}

describe('pathological inputs finish with bounded findings', () => {
  for (const pathological of pathologicalCases()) {
    test(pathological.name, TIMEOUT, async () => {
      const text = pathological.text();
      const root = await makeRepo(repoAround(pathological.file, text));
      const repo = await loadRepoForValidation(root);
      const context = validateRepo(repo, repo.cache);
      assertSane(context.findings, 'validate');
      // The file itself always says what is wrong with it.
      assert.ok(context.findings.some((finding) => finding.file === pathological.file), 'no finding on the file');
      assertSane(validateDocument(pathological.file, text, context), 'as typed');
      assert.equal(evaluateRepoStaticChecks(context).size, context.model.services.length);
    });
  }
});

describe('the findings kept are exact', () => {
  test('broken flow lines: one syntax finding, at the first error the package reports', () => {
    const text = brokenFlowLines(1_000);
    const findings = parseYaml('roles/r/tasks/main.yml', text, '1.1').findings;
    const errors = parseAllDocuments(text, { version: '1.1', prettyErrors: false }).flatMap((doc) => doc.errors);
    assert.ok(errors.length > 2 * MAX_FINDINGS_PER_RULE);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'yaml-syntax');
    const first = Math.min(...errors.map((error) => error.pos[0]));
    // Line n starts at offset 4·(n-1): each line is "- [\n".
    assert.equal((findings[0].line - 1) * 4 + (findings[0].column ?? 1) - 1, first);
  });

  test('duplicate keys in a definition: the first ones, each naming the line of the first key', async () => {
    const text = `name: big\n${duplicateKeys(5_001, 'hostname').slice(4)}`;
    const root = await makeRepo(repoAround('services/big.yml', text));
    const repo = await loadRepoForValidation(root);
    const findings = validateRepo(repo, repo.cache).findings.filter((finding) => finding.file === 'services/big.yml');
    assert.equal(findings.length, MAX_FINDINGS_PER_RULE + 1);
    // `hostname` first stands on line 2; its repeats on lines 3, 4, ….
    assert.deepEqual(findings.slice(0, 3).map((finding) => [finding.ruleId, finding.line, finding.column]), [
      ['yaml-duplicate-key', 3, 1],
      ['yaml-duplicate-key', 4, 1],
      ['yaml-duplicate-key', 5, 1],
    ]);
    assert.match(findings[0].message, /Duplicate key `hostname` \(first on line 2\)/);
    assert.match(findings[MAX_FINDINGS_PER_RULE].message, /… and 4,900 more problems/);
  });

  test('missing roles: the first ones on their names, with their fixes', async () => {
    const root = await makeRepo({ ...repoAround('playbooks/big-deploy.yml', manyRolesPlaybook(5_000)), 'roles/missing_role_x/tasks/main.yml': '[]\n' });
    const repo = await loadRepoForValidation(root);
    const findings = validateRepo(repo, repo.cache).findings.filter((finding) => finding.ruleId === 'missing-role');
    assert.equal(findings.length, MAX_FINDINGS_PER_RULE + 1);
    // Line 5 holds `    - role: missing_role_0`: the name starts at column 13.
    assert.deepEqual([findings[0].line, findings[0].column, findings[0].endColumn], [5, 13, 13 + 'missing_role_0'.length]);
    assert.match(findings[0].message, /Role "missing_role_0" is not in roles\//);
    assert.ok(findings[0].fixes?.some((fix) => fix.title === 'Create roles/missing_role_0/tasks/main.yml'));
    assert.deepEqual(findings[MAX_FINDINGS_PER_RULE].line, 5 + MAX_FINDINGS_PER_RULE);
    assert.match(findings[MAX_FINDINGS_PER_RULE].message, /… and 4,900 more problems/);
  });
});
