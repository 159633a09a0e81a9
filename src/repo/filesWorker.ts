// The worker thread that reads a large repo's files with synchronous reads and hands the texts
// back in batches, so the extension host parses the first files while the rest are being read.

import { Worker } from 'node:worker_threads';

/** Files per message: small enough that parsing starts soon, large enough to keep messages few. */
const BATCH_SIZE = 64;

/**
 * The worker's program. It is source text, not a module: every front end (the bundled
 * extension and CLI, the tests running the TypeScript sources) starts it the same way, with
 * no file of its own to locate. For each list it reads the first candidate that exists. Each
 * result is [index, file, 0, text], [index, file, 1] (too large) or [index, file, 2, error code];
 * a list with no file gives [index].
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { root, lists, maxBytes, absentCodes } = workerData;
let batch = [];
for (let i = 0; i < lists.length; i++) {
  let result = [i];
  for (const relative of lists[i]) {
    try {
      const bytes = readFileSync(join(root, relative));
      result = bytes.length > maxBytes ? [i, relative, 1] : [i, relative, 0, bytes.toString('utf8')];
    } catch (error) {
      if (absentCodes.includes(error.code)) continue;
      result = [i, relative, 2, String(error.code || error)];
    }
    break;
  }
  batch.push(result);
  if (batch.length === ${BATCH_SIZE}) {
    parentPort.postMessage(batch);
    batch = [];
  }
}
parentPort.postMessage(batch);
parentPort.postMessage('done');
`;

type WorkerResult = [index: number, file?: string, kind?: 0 | 1 | 2, detail?: string];

export type FileResult =
  | { kind: 'absent' }
  | { kind: 'text'; file: string; text: string }
  | { kind: 'too-large'; file: string }
  | { kind: 'unreadable'; file: string; code: string };

/**
 * Reads every list in a worker thread. Resolves true once all were delivered, false when the
 * worker could not start or stopped early (what it did not deliver is then the caller's to read).
 */
export function readInWorker(
  root: string,
  lists: readonly (readonly string[])[],
  limits: { maxBytes: number; absentCodes: readonly string[] },
  deliver: (index: number, result: FileResult) => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root, lists, ...limits } });
    } catch {
      resolve(false);
      return;
    }
    let done = false;
    worker.on('message', (message: WorkerResult[] | 'done') => {
      if (message === 'done') {
        done = true;
        resolve(true);
        return;
      }
      for (const [index, file, kind, detail] of message) deliver(index, fileResult(file, kind, detail));
    });
    worker.on('error', () => resolve(false));
    worker.on('exit', () => {
      if (!done) resolve(false);
    });
  });
}

function fileResult(file: string | undefined, kind: 0 | 1 | 2 | undefined, detail: string | undefined): FileResult {
  if (file === undefined) return { kind: 'absent' };
  if (kind === 0) return { kind: 'text', file, text: detail ?? '' };
  if (kind === 1) return { kind: 'too-large', file };
  return { kind: 'unreadable', file, code: detail ?? 'unknown error' };
}
