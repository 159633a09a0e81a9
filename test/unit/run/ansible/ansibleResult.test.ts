// Reading the results file: present and whole, absent (the run never reached its recap), left
// over from an earlier run, or damaged in the ways a file from another program can be.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { NO_RESULTS_PROBLEM, readAnsibleResult } from '../../../../src/run/ansible/ansibleResult';
import { makeRepo } from '../../helpers/tempRepo';
import { resultDocument } from './resultFixtures';

async function fileWith(content: string): Promise<string> {
  const root = await makeRepo({ 'result.json': content });
  return path.join(root, 'result.json');
}

describe('readAnsibleResult', () => {
  test('reads a whole document', async () => {
    const document = resultDocument();
    const file = await fileWith(JSON.stringify(document));
    assert.deepEqual(await readAnsibleResult(file), { kind: 'ok', file, result: document });
  });

  test('no file: the run stopped before the play recap', async () => {
    const root = await makeRepo({});
    const file = path.join(root, 'never-written.json');
    assert.deepEqual(await readAnsibleResult(file), { kind: 'missing', file, problem: NO_RESULTS_PROBLEM });
  });

  test("an earlier run's file is not this run's results", async () => {
    const file = await fileWith(JSON.stringify(resultDocument({ started: '2026-12-04T10:00:00.000Z' })));
    const read = await readAnsibleResult(file, { notBefore: new Date('2026-12-04T10:00:00.001Z') });
    assert.equal(read.kind, 'missing');
    assert.match(read.kind === 'missing' ? read.problem : '', /wrote no results: .*from an earlier run \(started 2026-12-04T10:00:00.000Z\)$/);
    assert.equal((await readAnsibleResult(file, { notBefore: new Date('2026-12-04T10:00:00.000Z') })).kind, 'ok');
  });

  const damaged: Record<string, [string, RegExp]> = {
    'cut short': [JSON.stringify(resultDocument()).slice(0, 40), /^results file is damaged: not JSON/],
    'not an object': ['[1, 2]', /^results file is damaged: not a JSON object$/],
    'another format version': [JSON.stringify(resultDocument({ version: 2 })), /^results file is damaged: format version 2, this Certify reads version 1$/],
    'a counter that is no count': [JSON.stringify(resultDocument({ stats: { pve01: { ok: 1, changed: -1, failures: 0, unreachable: 0, skipped: 0, rescued: 0, ignored: 0 } } })), /^results file is damaged: unexpected stats\.pve01$/],
    'a changed entry without its task': [JSON.stringify(resultDocument({ changed: [{ host: 'pve01', role: null, action: 'copy', path: null, handler: false, items: null }] })), /^results file is damaged: unexpected changed\[0\]$/],
    'many problems at once': [JSON.stringify({ version: 1, playbook: 3, started: 'yesterday', finished: null, stats: [], changed: {}, failed: 'no' }), /^results file is damaged: unexpected playbook, started, finished and 3 more$/],
  };
  for (const [name, [content, problem]] of Object.entries(damaged)) {
    test(`damaged: ${name}`, async () => {
      const read = await readAnsibleResult(await fileWith(content));
      assert.equal(read.kind, 'damaged');
      assert.match(read.kind === 'damaged' ? read.problem : '', problem);
    });
  }

  test('damaged: a folder where the file should be', async () => {
    const root = await makeRepo({});
    await fs.mkdir(path.join(root, 'result.json'));
    const read = await readAnsibleResult(path.join(root, 'result.json'));
    assert.deepEqual(read, { kind: 'damaged', file: path.join(root, 'result.json'), problem: 'results file is damaged: it is not a regular file' });
  });
});
