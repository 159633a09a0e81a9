// A run that died mid-step (the window closed, the process was killed) leaves its step
// "running" in the record. The next run, holding the run lock, knows that run is gone: it marks
// the step interrupted, so starting it again resumes it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from '../../../../src/core/service';
import { startStep } from '../../../../src/core/transitions';
import { interruptDeadRun } from '../../../../src/run/session/certifyService';
import { loadRecord, updateRecord } from '../../../../src/store/records';
import { makeRepo } from '../../helpers/tempRepo';

test('a step left running by a dead run is marked interrupted, with a reason', async () => {
  const root = await makeRepo({});
  await updateRecord(root, 'notes', { owner: 'dead run' }, (record) => {
    const started = startStep(record, 'implement', new Date());
    assert.ok(started.ok);
    return started.record;
  });
  await interruptDeadRun({ root, service: { name: 'notes' } as Service }, 'next run', () => new Date(Date.now() + 60_000));
  const stored = await loadRecord(root, 'notes');
  assert.equal(stored.kind, 'ok');
  if (stored.kind !== 'ok') return;
  assert.equal(stored.record.steps.implement.status, 'interrupted');
  assert.match(stored.record.steps.implement.reason ?? '', /stopped before it finished .* resumes from the action that did not finish/);
  // A record with nothing running is left as it is.
  const before = JSON.stringify(stored.record);
  await interruptDeadRun({ root, service: { name: 'notes' } as Service }, 'next run', () => new Date(Date.now() + 120_000));
  const again = await loadRecord(root, 'notes');
  assert.equal(again.kind === 'ok' && JSON.stringify(again.record), before);
});
