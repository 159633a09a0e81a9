// Differential: Certify's reader for Ansible's files against Ansible's own loader
// (ansible.parsing.yaml.loader.AnsibleLoader, through test/corpus/ansible_load.py) over every
// YAML file Debian's `ansible` package ships (3,301 files written by others). File by file, both
// must accept or refuse alike and, where they accept, load the same values. The reader is the
// repo room's (repo/parseCache), once as a role's tasks (the full parse) and once as its
// defaults (the fast reader discovery uses). Never skipped: without the corpus or the oracle
// the test fails, naming the packages to install (scripts/setup.sh installs them).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseCached } from '../../../src/repo/parseCache';
import { compare, CORPUS_DIR, loadWithAnsible, oracleMissing, yamlFilesUnder, type Disagreement } from '../../corpus/ansibleOracle';

/** The size of Debian 12's `ansible` package corpus; far fewer means the package is not the one meant. */
const MIN_CORPUS_FILES = 3_000;
/** The repo paths the corpus texts are read as: the full parse and the fast reader's path. */
const READ_AS = ['roles/corpus/tasks/main.yml', 'roles/corpus/defaults/main.yml'];

describe("Ansible's YAML, as Ansible's loader reads it", () => {
  test('every YAML file the ansible package ships: same accept/reject and same values as AnsibleLoader', () => {
    const missing = oracleMissing();
    assert.equal(missing, undefined, missing);
    assert.ok(fs.existsSync(CORPUS_DIR), `${CORPUS_DIR} is missing: install the Debian package \`ansible\` (scripts/setup.sh does).`);
    const files = yamlFilesUnder(CORPUS_DIR);
    assert.ok(files.length >= MIN_CORPUS_FILES, `only ${files.length} YAML files under ${CORPUS_DIR}: install Debian's \`ansible\` package.`);

    const oracle = loadWithAnsible(files);
    assert.equal(oracle.length, files.length, 'the oracle answered for every file');
    const disagreements: Disagreement[] = [];
    let refused = 0;
    for (const result of oracle) {
      const text = fs.readFileSync(result.file, 'utf8');
      if (!result.ok) refused += 1;
      for (const file of READ_AS) {
        const parsed = parseCached(new Map(), file, text);
        const found = compare(result, { documents: parsed.documents, errors: parsed.findings.filter((f) => f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.message}`) });
        if (found) disagreements.push({ ...found, detail: `${file}: ${found.detail}` });
      }
    }
    // The corpus exercises both outcomes, or accept/reject is not being compared.
    assert.ok(refused > 0 && refused < files.length, `Ansible refused ${refused} of ${files.length}`);
    assert.deepEqual(byCategory(disagreements), {}, `disagreements by category (all written to ${report(disagreements)})`);
  });
});

/** Counts by kind and by the first words of the detail: what a person fixes one category at a time. */
function byCategory(disagreements: readonly Disagreement[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { kind, detail } of disagreements) {
    const key = `${kind}: ${detail.replace(/^\S+: /, '').replace(/\d+:\d+ /, '').slice(0, 60)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Writes every disagreement to a file (one a line) and names it. */
function report(disagreements: readonly Disagreement[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'certify-ansible-diff-')), 'disagreements.tsv');
  fs.writeFileSync(file, disagreements.map((d) => `${d.kind}\t${d.file}\t${d.detail}`).join('\n') + '\n');
  return file;
}
