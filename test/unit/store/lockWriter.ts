// A child process of the lock contention test (bundled by lockContention.ts, run with plain
// node): `write` adds one to the record's counter `count` times through updateRecord, logging
// its pid on entering and leaving the critical section; `hold` takes the lock, says "held" on
// stdout and blocks inside it until it is killed.

import { appendFileSync } from 'node:fs';
import { updateRecord } from '../../../src/store/records';
import { tick } from './counterRecord';

const [mode, root, service, logFile, countText] = process.argv.slice(2);

async function main(): Promise<void> {
  if (mode === 'hold') {
    await updateRecord(root, service, { owner: 'test', waitMs: 60_000 }, (record) => {
      process.stdout.write('held\n');
      // Block the whole process inside the critical section: only SIGKILL ends it.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
      return record;
    });
    return;
  }
  for (let i = 0; i < Number(countText); i++) {
    await updateRecord(root, service, { owner: 'test', waitMs: 120_000 }, (record) => {
      appendFileSync(logFile, `enter ${process.pid}\n`);
      const next = tick(record);
      appendFileSync(logFile, `leave ${process.pid}\n`);
      return next;
    });
  }
}

main().then(
  () => undefined,
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
