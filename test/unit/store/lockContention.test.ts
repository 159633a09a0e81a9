// Many processes on one record's lock, with stale locks and a holder killed inside it: no lost
// update, never two holders. The unit tier runs one run per kind of stale lock (~6–9 s); the
// full proof is CERTIFY_LOCK_RUNS=50 (about two minutes on two cores):
//   CERTIFY_LOCK_RUNS=50 node --import tsx --test test/unit/store/lockContention.test.ts
// and CERTIFY_LOCK_TRACE=<file> has every process append its lock steps there (src/store/lockTrace.ts).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bundleWriter, contentionRun, STALE_LOCKS } from './lockContention';

const RUNS = Number(process.env.CERTIFY_LOCK_RUNS ?? 3);
// CERTIFY_LOCK_KIND=reused-pid (or another of STALE_LOCKS) runs one kind only, for a proof of it.
const KINDS = STALE_LOCKS.filter((kind) => (process.env.CERTIFY_LOCK_KIND ?? kind) === kind);
const WRITERS = 20;
const UPDATES_PER_WRITER = 2;

describe('store: the lock under contention from many processes', () => {
  let writer: Awaited<ReturnType<typeof bundleWriter>>;
  before(async () => {
    assert.ok(KINDS.length > 0, `CERTIFY_LOCK_KIND must be one of ${STALE_LOCKS.join(', ')}`);
    writer = await bundleWriter();
  });
  after(async () => {
    await writer.dispose();
  });

  test(`${RUNS} runs (${KINDS.join(', ')}) × ${WRITERS} writer processes, a stale lock and a holder killed inside the lock: no update lost, never two holders`, { timeout: RUNS * 60_000 }, async () => {
    const started = Date.now();
    for (let run = 0; run < RUNS; run++) {
      const result = await contentionRun(writer.script, KINDS[run % KINDS.length], WRITERS, UPDATES_PER_WRITER);
      const label = `run ${run + 1} (${result.staleLock}, ${result.ms} ms)`;
      assert.deepEqual(result.failures, [], `${label}: writers failed`);
      assert.equal(result.overlaps, 0, `${label}: two writers inside the lock at once`);
      assert.equal(result.counted, result.expected, `${label}: updates lost`);
      assert.deepEqual(result.leftovers, [], `${label}: files left behind`);
    }
    process.stdout.write(`# lock contention: ${RUNS} runs × ${WRITERS} writers × ${UPDATES_PER_WRITER} updates in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });
});
