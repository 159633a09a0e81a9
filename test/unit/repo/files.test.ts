// Reading repo files: async reads and the worker thread must read the same texts and raise the
// same findings; a worker that fails part-way loses nothing.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../../src/core/findings';
import { readRepoFiles, WORKER_THRESHOLD, type FileChoices, type ReadMode, type ReadOptions } from '../../../src/repo/files';
import { readInWorker, type FileResult } from '../../../src/repo/filesWorker';
import { readRepoSnapshot } from '../../../src/repo/snapshot';
import { MAX_YAML_BYTES } from '../../../src/yaml/parse';
import { generatedRepo } from '../../fixtures/generatedRepo';
import { copyRepo, EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';

const MODES: ReadMode[] = ['async', 'worker', 'auto'];

/** A repo with every case a read meets: text, absent file, fallback candidate, unreadable file, oversized file. */
async function awkwardRepo(): Promise<string> {
  const root = await makeRepo({
    'roles/a/defaults/main.yml': 'a_port: 1\n',
    'roles/b/defaults/main.yaml': 'b_port: 2\n',
    'roles/c/defaults/main.yml': 'c_port: 3\n',
    'roles/c/defaults/main.yaml': 'c_port: 33\n',
    'playbooks/a-deploy.yml': '- hosts: all\n  roles: [a]\n',
    'services/ünïcode.yml': 'name: "ünïcode ✓"\n',
  });
  // A link that leads back to itself: reported as a broken link, never followed.
  await fs.symlink('loop.yml', path.join(root, 'playbooks/loop.yml'));
  await fs.writeFile(path.join(root, 'playbooks/huge.yml'), `# ${'x'.repeat(MAX_YAML_BYTES)}\n`);
  return root;
}

const AWKWARD_CHOICES: FileChoices = [
  ['roles/a/defaults/main.yml', 'roles/a/defaults/main.yaml'],
  ['roles/b/defaults/main.yml', 'roles/b/defaults/main.yaml'],
  ['roles/c/defaults/main.yml', 'roles/c/defaults/main.yaml'],
  ['roles/none/defaults/main.yml', 'roles/none/defaults/main.yaml'],
  'playbooks/a-deploy.yml',
  'playbooks/missing.yml',
  'playbooks/loop.yml',
  'playbooks/huge.yml',
  'services/ünïcode.yml',
];

async function read(root: string, choices: FileChoices, options: ReadOptions) {
  const texts = new Map<string, string>();
  const findings: Finding[] = [];
  const seen: [string, string][] = [];
  await readRepoFiles(root, choices, texts, findings, { ...options, onText: (file, text) => seen.push([file, text]) });
  return { texts: sorted(texts), findings: [...findings].sort((a, b) => a.file.localeCompare(b.file)), seen: seen.sort(([a], [b]) => a.localeCompare(b)) };
}

function sorted(texts: Map<string, string>): [string, string][] {
  return [...texts].sort(([a], [b]) => a.localeCompare(b));
}

describe('reading repo files', () => {
  test('every mode reads the same texts and raises the same findings', async () => {
    const root = await awkwardRepo();
    const results = await Promise.all(MODES.map((mode) => read(root, AWKWARD_CHOICES, { mode })));
    const [first] = results;
    assert.deepEqual(first.texts, [
      ['playbooks/a-deploy.yml', '- hosts: all\n  roles: [a]\n'],
      ['roles/a/defaults/main.yml', 'a_port: 1\n'],
      ['roles/b/defaults/main.yaml', 'b_port: 2\n'],
      ['roles/c/defaults/main.yml', 'c_port: 3\n'],
      ['services/ünïcode.yml', 'name: "ünïcode ✓"\n'],
    ]);
    assert.deepEqual(
      first.findings.map((f) => [f.file, f.ruleId, f.severity]),
      [
        ['playbooks/huge.yml', 'yaml-too-large', 'error'],
        ['playbooks/loop.yml', 'link-broken', 'error'],
      ],
    );
    assert.match(first.findings[1].message, /a loop/);
    // onText sees each text once, as it is stored.
    assert.deepEqual(first.seen, first.texts);
    for (const [i, result] of results.entries()) assert.deepEqual(result, first, MODES[i]);
  });

  test('a repo above the threshold is read by a worker, with the same result as async reads', async () => {
    // Six or seven files per service.
    const files = generatedRepo(Math.ceil(WORKER_THRESHOLD / 6));
    const root = await makeRepo(files);
    const choices = Object.keys(files);
    const started: number[] = [];
    const counted: typeof readInWorker = (...args) => {
      started.push(args[1].length);
      return readInWorker(...args);
    };
    const small = await read(root, choices.slice(0, WORKER_THRESHOLD - 1), { mode: 'auto', readInWorker: counted });
    assert.deepEqual(started, [], 'no worker below the threshold');
    assert.equal(small.texts.length, WORKER_THRESHOLD - 1);
    const [alone, shared] = await Promise.all([read(root, choices, { mode: 'async' }), read(root, choices, { mode: 'auto', readInWorker: counted })]);
    assert.deepEqual(started, [choices.length], 'a worker above it');
    assert.equal(alone.texts.length, choices.length);
    assert.deepEqual(shared, alone);
  });

  test('a worker that stops part-way loses nothing: what it did not deliver is read with async reads', async () => {
    const root = await awkwardRepo();
    const expected = await read(root, AWKWARD_CHOICES, { mode: 'async' });
    for (const deliveredBeforeFailing of [0, 1, 3, AWKWARD_CHOICES.length - 1]) {
      // The real worker's results for the first lists, delivered out of order, then a death.
      const failing: typeof readInWorker = async (workerRoot, lists, limits, deliver) => {
        const results: [number, FileResult][] = [];
        const some = lists.slice(0, deliveredBeforeFailing);
        assert.equal(await readInWorker(workerRoot, some, limits, (i, result) => results.push([i, result])), true);
        for (const [i, result] of results.reverse()) deliver(i, result);
        return false;
      };
      for (const mode of ['worker', 'auto'] as const) {
        assert.deepEqual(await read(root, AWKWARD_CHOICES, { mode, readInWorker: failing }), expected, `${mode}, ${deliveredBeforeFailing} delivered`);
      }
    }
  });

  test('the snapshot of the example repo is the same read by the worker and by async reads', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const [alone, worker] = await Promise.all([readRepoSnapshot(root, { mode: 'async' }), readRepoSnapshot(root, { mode: 'worker' })]);
    assert.ok(alone.texts.size > 10);
    assert.deepEqual({ ...worker, texts: sorted(worker.texts) }, { ...alone, texts: sorted(alone.texts) });
  });
});
