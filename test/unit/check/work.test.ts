// Validation as steps: run in slices (as the extension runs it, giving its thread back between
// them) it gives exactly what the one-shot run gives, and it does pause between units of work.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateRepoStaticChecks, staticChecksWork } from '../../../src/check/staticCriteria';
import { validateRepo, validationWork } from '../../../src/check/validateRepo';
import { runInSlices, runNow, type Work } from '../../../src/check/work';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { EXAMPLE_REPO } from '../helpers/tempRepo';

function* counting(units: number): Work<number> {
  let done = 0;
  for (let i = 0; i < units; i++) {
    done += 1;
    yield;
  }
  return done;
}

describe('validation in slices', () => {
  test('runNow and runInSlices return what the work returns; slices pause when their time is up', async () => {
    assert.equal(runNow(counting(5)), 5);
    let pauses = 0;
    const pause = async (): Promise<void> => {
      pauses += 1;
    };
    // A zero-length slice pauses after every unit; a long one never does for quick work.
    assert.equal(await runInSlices(counting(5), 0, pause), 5);
    assert.equal(pauses, 5);
    pauses = 0;
    assert.equal(await runInSlices(counting(5), 60_000, pause), 5);
    assert.equal(pauses, 0);
  });

  test('the example repo validated in slices, with a pause after every file and service, equals the one-shot validation', async () => {
    const loaded = await loadRepoForValidation(EXAMPLE_REPO);
    const once = validateRepo(loaded, new Map());
    let pauses = 0;
    const pause = async (): Promise<void> => {
      pauses += 1;
      await new Promise((resolve) => setImmediate(resolve));
    };
    const sliced = await runInSlices(validationWork(loaded, new Map()), 0, pause);
    assert.ok(pauses >= loaded.texts.size, `only ${pauses} pauses for ${loaded.texts.size} files`);
    assert.deepEqual(sliced.findings, once.findings);
    assert.deepEqual(await runInSlices(staticChecksWork(sliced), 0, pause), evaluateRepoStaticChecks(once));
  });
});
