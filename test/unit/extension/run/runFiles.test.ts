// A step's newest transcript is the greatest name among its logs in .certify/<service>/runs/;
// the newest completion report likewise in reports/.

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { newestCompletionReport, newestTranscript } from '../../../../src/extension/run/runFiles';

test('the newest log of the step, not of another step or another service', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'certify-transcripts-'));
  try {
    assert.equal(await newestTranscript(root, 'notes', 'recreate'), undefined);
    const runs = path.join(root, '.certify', 'notes', 'runs');
    await mkdir(runs, { recursive: true });
    await mkdir(path.join(root, '.certify', 'gitea', 'runs'), { recursive: true });
    for (const name of ['2026-01-02T10-00-00-000Z-step3.log', '2026-01-03T09-00-00-000Z-step3.log', '2026-01-04T00-00-00-000Z-step1.log', '2026-01-03T09-00-00-000Z-step3-second-run.ansible.json']) {
      await writeFile(path.join(runs, name), '');
    }
    await writeFile(path.join(root, '.certify', 'gitea', 'runs', '2026-02-01T00-00-00-000Z-step3.log'), '');
    assert.equal(await newestTranscript(root, 'notes', 'recreate'), '.certify/notes/runs/2026-01-03T09-00-00-000Z-step3.log');
    assert.equal(await newestTranscript(root, 'notes', 'implement'), '.certify/notes/runs/2026-01-04T00-00-00-000Z-step1.log');
    assert.equal(await newestTranscript(root, 'notes', 'wipe'), undefined);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('the newest completion report, not another report', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'certify-reports-'));
  try {
    assert.equal(await newestCompletionReport(root, 'notes'), undefined);
    const reports = path.join(root, '.certify', 'notes', 'reports');
    await mkdir(reports, { recursive: true });
    for (const name of ['completion-2026-01-02T00-00-00-000Z.txt', 'completion-2026-01-05T00-00-00-000Z.txt', 'wipe-2026-01-09T00-00-00-000Z.txt']) await writeFile(path.join(reports, name), '');
    assert.equal(await newestCompletionReport(root, 'notes'), '.certify/notes/reports/completion-2026-01-05T00-00-00-000Z.txt');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
