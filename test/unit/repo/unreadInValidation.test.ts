// A file discovery could not read is an error of validation too: `certify validate` must fail
// a repo whose definition, certify.yml, inventory or role defaults is too large, not UTF-8 or
// not a regular file, exactly as `certify list` reports it. And a file that is not UTF-8 is
// not read at all, so no U+FFFD ever reaches a fact.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import { validateRepo } from '../../../src/check/validateRepo';
import type { Finding } from '../../../src/core/findings';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';
import { notUtf8, oversized } from './hostileRepo';

const DEADLINE = { timeout: 20_000 };

/** Files discovery reads, one of each kind (the example has no certify.yml: it is added). */
const DISCOVERY_FILES = ['services/gitea.yml', 'certify.yml', 'inventory/hosts.yml', 'roles/gitea_api/defaults/main.yml', 'inventory/group_vars/all/vars.yml'];

async function certify(cwd: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(argv, { cwd, out: (text) => out.push(text), err: (text) => out.push(text) });
  return { code, out: out.join('\n') };
}

async function exampleWith(file: string, content: string | Buffer): Promise<string> {
  const root = await copyRepo(EXAMPLE_REPO);
  await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await fs.writeFile(path.join(root, file), content);
  return root;
}

const errorsOn = (findings: readonly Finding[], file: string): string[] =>
  findings.filter((finding) => finding.file === file && finding.severity === 'error').map((finding) => finding.ruleId);

describe('files discovery could not read, in validation', () => {
  for (const file of DISCOVERY_FILES) {
    test(`a too-large ${file} fails certify validate (exit 1), as list reports it`, DEADLINE, async () => {
      const root = await exampleWith(file, oversized());
      const repo = await loadRepoForValidation(root);
      assert.deepEqual(errorsOn(validateRepo(repo, repo.cache).findings, file), ['yaml-too-large']);
      const whole = await certify(root, 'validate');
      assert.equal(whole.code, EXIT.failed, whole.out);
      assert.match(whole.out, new RegExp(`${file}:1: error \\[yaml-too-large\\]`));
      // Scoped to the file itself, too.
      assert.equal((await certify(root, 'validate', file)).code, EXIT.failed);
    });

    test(`bytes that are not UTF-8 in ${file}: one finding with its line, and the file is not read`, DEADLINE, async () => {
      const root = await exampleWith(file, notUtf8('---\n# fine so far\nkey: "caf', '"\n'));
      const repo = await loadRepoForValidation(root);
      const findings = validateRepo(repo, repo.cache).findings.filter((finding) => finding.file === file);
      assert.deepEqual(
        findings.map((finding) => [finding.ruleId, finding.line]),
        [['file-not-utf8', 3]],
      );
      assert.equal(repo.texts.has(file), false);
      assert.ok(!JSON.stringify(repo.model).includes('\uFFFD'), 'no replacement character reaches a fact');
      assert.equal((await certify(root, 'validate')).code, EXIT.failed);
    });
  }

  test('a FIFO in place of certify.yml fails certify validate at once', DEADLINE, async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    execFileSync('mkfifo', [path.join(root, 'certify.yml')]);
    const { code, out } = await certify(root, 'validate');
    assert.equal(code, EXIT.failed);
    assert.match(out, /certify\.yml:1: error \[file-not-regular\] This is a FIFO/);
  });
});
