// Differential: the lint rules that judge a task by its module and arguments, against Ansible's
// own reading of the same tasks, over every task and handler file of the roles Debian's
// `ansible` package ships (hundreds of files written by others). The oracle
// (test/corpus/command_tasks.py) parses each task with Ansible's ModuleArgsParser, which decides
// at run time which module a task calls and with which arguments (free-form `k=v` options,
// `args:`, `action:` and `local_action:` spellings included). Both must name the same tasks:
//   no-changed-when: command, shell or raw with no changed_when and neither creates nor removes;
//   state-latest: a package manager module with state latest.
// Never skipped: without the corpus or the oracle the test fails, naming what to install
// (scripts/setup.sh installs it).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lintFile } from '../../../../src/check/lint';
import { CORPUS_DIR, oracleMissing, PYTHON } from '../../../corpus/ansibleOracle';
import { contextOf } from './helpers';

const ORACLE = path.resolve(__dirname, '../../../corpus/command_tasks.py');
/** Debian 12's package: about 400 such files and 1,800 tasks; far fewer means another corpus. */
const MIN_FILES = 300;
const MIN_TASKS = 1_000;

interface OracleFile {
  file: string;
  tasks?: Array<[number, number]>;
  unchanged?: Array<[number, number]>;
  latest?: Array<[number, number]>;
  unparsed?: Array<[number, number, string]>;
  error?: string;
}

/** Each rule and the oracle's list of the tasks it must name. */
const RULES = [
  { rule: 'no-changed-when', kind: 'unchanged', what: 'runs a command that always reports changed' },
  { rule: 'state-latest', kind: 'latest', what: 'installs a package with state latest' },
] as const;

test("no-changed-when and state-latest name exactly the tasks Ansible's own parser finds, over the ansible package's roles", () => {
  const missing = oracleMissing();
  assert.equal(missing, undefined, missing);
  assert.ok(fs.existsSync(CORPUS_DIR), `${CORPUS_DIR} is missing: install the Debian package \`ansible\` (scripts/setup.sh does).`);
  const files = roleTaskFiles(CORPUS_DIR);
  assert.ok(files.length >= MIN_FILES, `only ${files.length} role task and handler files under ${CORPUS_DIR}: install Debian's \`ansible\` package.`);

  const run = spawnSync(PYTHON, [ORACLE], { input: files.map((f) => f.absolute).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, `command_tasks.py failed: ${run.stderr}`);
  const oracle = new Map(run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as OracleFile).map((result) => [result.file, result]));

  const context = contextOf();
  const disagreements: string[] = [];
  let tasks = 0;
  const named = { unchanged: 0, latest: 0 };
  for (const file of files) {
    const answer = oracle.get(file.absolute);
    assert.ok(answer, `the oracle answered for ${file.absolute}`);
    if (answer.error !== undefined || !answer.tasks) continue; // Ansible cannot load it: nothing to compare
    assert.deepEqual(answer.unparsed, [], `${file.absolute}: every task parses for Ansible`);
    tasks += answer.tasks.length;
    const starts = answer.tasks.map(([line]) => line).sort((a, b) => a - b);
    // Certify marks a line inside the task (its module's key, its state); the task is the last one starting at or before it.
    const taskOf = (line: number): number | undefined => starts.filter((start) => start <= line).at(-1);
    const findings = lintFile(file.repoPath, fs.readFileSync(file.absolute, 'utf8'), context);
    for (const { rule, kind, what } of RULES) {
      const expected = (answer[kind] ?? []).map(([line]) => line);
      named[kind] += expected.length;
      const certify = findings.filter((finding) => finding.ruleId === rule).map((finding) => taskOf(finding.line));
      for (const line of expected) if (!certify.includes(line)) disagreements.push(`${file.absolute}:${line}: the task ${what}; Certify's ${rule} says nothing`);
      for (const line of certify) if (line === undefined || !expected.includes(line)) disagreements.push(`${file.absolute}:${line ?? '?'}: Certify reports ${rule}; Ansible's parser does not find such a task`);
    }
  }
  // Each rule has tasks to name and tasks to leave alone, or the comparison proves little.
  assert.ok(tasks >= MIN_TASKS, `${tasks} tasks compared`);
  for (const { kind } of RULES) assert.ok(named[kind] >= 3 && named[kind] < tasks, `${named[kind]} of ${tasks} tasks are ${kind}`);
  assert.deepEqual(disagreements, []);
});

interface CorpusFile {
  absolute: string;
  /** Where the file sits in the repo Certify lints: roles/<namespace>_<collection>_<role>/<folder>/<file>. */
  repoPath: string;
}

/** tasks/*.yml and handlers/*.yml (and .yaml) of every role in every collection under `root`. */
function roleTaskFiles(root: string): CorpusFile[] {
  const found: CorpusFile[] = [];
  const dirs = (at: string): string[] => (fs.existsSync(at) ? fs.readdirSync(at, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : []);
  for (const namespace of dirs(root)) {
    for (const collection of dirs(path.join(root, namespace))) {
      const roles = path.join(root, namespace, collection, 'roles');
      for (const role of dirs(roles)) {
        for (const folder of ['tasks', 'handlers']) {
          const at = path.join(roles, role, folder);
          if (!fs.existsSync(at)) continue;
          for (const name of fs.readdirSync(at).filter((n) => /\.ya?ml$/.test(n)).sort()) {
            found.push({ absolute: path.join(at, name), repoPath: `roles/${namespace}_${collection}_${role}/${folder}/${name}` });
          }
        }
      }
    }
  }
  return found;
}
