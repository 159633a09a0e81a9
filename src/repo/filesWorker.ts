// The worker thread that reads a large repo's files with synchronous reads and hands the texts
// back in batches, so the extension host parses the first files while the rest are being read.

import { Worker } from 'node:worker_threads';
import { notUtf8, type FileProblem } from './fileProblems';
import type { Refusal, WalkHints } from './repoPaths';

/** Files per message: small enough that parsing starts soon, large enough to keep messages few. */
const BATCH_SIZE = 64;

/**
 * The worker's program. It is source text, not a module: every front end (the bundled
 * extension and CLI, the tests running the TypeScript sources) starts it the same way, with
 * no file of its own to locate. So it cannot import repo/repoPaths and repo/checkedRead: it
 * walks and reads as they do, step for step, with synchronous calls (tests hold the two to the
 * same results on hostile repos). `hints`: what the caller's listings saw (RepoPaths.hints),
 * which needs no lstat. For each list it reads the first candidate that exists. Each result is
 * [index] (no file), [index, file, 0, text], [index, about, 1, problem] (a FileProblem about
 * the file or a link on its way) or [index, file, 2, bytes] (not UTF-8: the caller works out
 * where, with fileProblems.notUtf8, one definition for both ways of reading).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { root, lists, maxBytes } = workerData;
const listed = new Set(workerData.hints.files);
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0);
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const ABSENT = { kind: 'absent' };
const dirs = new Map(workerData.hints.dirs.map(([relative, real]) => [relative, { kind: 'dir', real }]));

const refused = (file, problem) => ({ kind: 'refused', file, problem });
const parentOf = (relative) => (relative.lastIndexOf('/') < 0 ? '' : relative.slice(0, relative.lastIndexOf('/')));
const within = (real, name) => (real.endsWith(path.sep) ? real + name : real + path.sep + name);
const isInside = (realRoot, real) => real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);

function errnoCode(error) {
  if (typeof error.code !== 'string') throw error;
  return error.code;
}

function errnoOutcome(relative, error) {
  const code = errnoCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return ABSENT;
  if (code === 'EISDIR') return refused(relative, { reason: 'not-regular', kind: 'folder' });
  if (code === 'ENXIO') return refused(relative, { reason: 'not-regular', kind: 'special file' });
  return refused(relative, { reason: 'unreadable', code });
}

function specialKind(stats) {
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}

function dir(relative) {
  let verdict = dirs.get(relative);
  if (verdict === undefined) {
    verdict = relative === '' ? resolveRoot() : resolveDir(relative);
    dirs.set(relative, verdict);
  }
  return verdict;
}

function resolveRoot() {
  try {
    return { kind: 'dir', real: fs.realpathSync.native(root) };
  } catch (error) {
    const code = errnoCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? ABSENT : refused('.', { reason: 'unreadable', code, folder: true });
  }
}

function resolveDir(relative) {
  const found = entry(relative);
  if (found.kind !== 'found') return found;
  return found.stats.isDirectory() ? { kind: 'dir', real: found.real } : ABSENT;
}

function entry(relative) {
  const parent = dir(parentOf(relative));
  if (parent.kind !== 'dir') return parent;
  const absolute = within(parent.real, relative.slice(relative.lastIndexOf('/') + 1));
  let stats;
  try {
    // No exception for a missing path: the common case of a choice's absent candidates.
    stats = fs.lstatSync(absolute, { throwIfNoEntry: false });
  } catch (error) {
    return errnoOutcome(relative, error);
  }
  if (stats === undefined) return ABSENT;
  return stats.isSymbolicLink() ? follow(absolute, relative) : { kind: 'found', real: absolute, stats };
}

function follow(absolute, relative) {
  let target;
  let real;
  try {
    target = fs.readlinkSync(absolute);
  } catch (error) {
    return errnoOutcome(relative, error);
  }
  try {
    real = fs.realpathSync.native(absolute);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ELOOP') return refused(relative, { reason: 'link-loop' });
    if (code === 'ENOENT' || code === 'ENOTDIR') return refused(relative, { reason: 'link-dangling', target });
    return errnoOutcome(relative, error);
  }
  const top = dir('');
  if (top.kind !== 'dir' || !isInside(top.real, real)) return refused(relative, { reason: 'link-outside', target: real });
  try {
    return { kind: 'found', real, stats: fs.lstatSync(real) };
  } catch (error) {
    return errnoOutcome(relative, error);
  }
}

function file(relative, recheck) {
  if (!recheck && listed.has(relative)) {
    const parent = dir(parentOf(relative));
    if (parent.kind === 'dir') return { kind: 'file', real: within(parent.real, relative.slice(relative.lastIndexOf('/') + 1)) };
  }
  const found = entry(relative);
  if (found.kind !== 'found') return found;
  if (!found.stats.isFile()) return refused(relative, { reason: 'not-regular', kind: specialKind(found.stats) });
  return { kind: 'file', real: found.real };
}

function readChecked(relative, recheck) {
  const verdict = file(relative, recheck);
  if (verdict.kind !== 'file') return verdict;
  let fd;
  try {
    fd = fs.openSync(verdict.real, OPEN_FLAGS);
  } catch (error) {
    if (!recheck && error.code === 'ELOOP') return readChecked(relative, true);
    return errnoOutcome(relative, error);
  }
  try {
    return readOpen(fd, relative);
  } catch (error) {
    return errnoOutcome(relative, error);
  } finally {
    fs.closeSync(fd);
  }
}

function readOpen(fd, relative) {
  const stats = fs.fstatSync(fd);
  if (!stats.isFile()) return refused(relative, { reason: 'not-regular', kind: specialKind(stats) });
  if (stats.size > maxBytes) return refused(relative, { reason: 'too-large' });
  const cap = maxBytes + 1;
  let buffer = Buffer.allocUnsafe(Math.min(stats.size + 1, cap));
  let length = 0;
  for (;;) {
    const count = fs.readSync(fd, buffer, length, buffer.length - length, length);
    length += count;
    if (count === 0 || length < buffer.length || buffer.length === cap) break;
    const larger = Buffer.allocUnsafe(cap);
    buffer.copy(larger, 0, 0, length);
    buffer = larger;
  }
  if (length > maxBytes) return refused(relative, { reason: 'too-large' });
  const bytes = buffer.subarray(0, length);
  try {
    return { kind: 'text', text: STRICT_UTF8.decode(bytes) };
  } catch (error) {
    if (error.code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw error;
    return { kind: 'not-utf8', bytes: Uint8Array.from(bytes) };
  }
}

// Flat arrays, not the outcome objects: fewer keys to copy for thousands of texts.
function message(i, relative, outcome) {
  if (outcome.kind === 'text') return [i, relative, 0, outcome.text];
  if (outcome.kind === 'refused') return [i, outcome.file, 1, outcome.problem];
  return [i, relative, 2, outcome.bytes];
}

let batch = [];
for (let i = 0; i < lists.length; i++) {
  let result = [i];
  for (const relative of lists[i]) {
    const outcome = readChecked(relative, false);
    if (outcome.kind === 'absent') continue;
    result = message(i, relative, outcome);
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

type WorkerResult = [index: number, file?: string, kind?: 0 | 1 | 2, detail?: string | FileProblem | Uint8Array];

/** What reading one list came to: no file, the text of `file`, or a refusal (about `file`: the candidate or a link on its way). */
export type FileResult = { kind: 'absent' } | { kind: 'text'; file: string; text: string } | Refusal;

/**
 * Reads every list in a worker thread. Resolves true once all were delivered, false when the
 * worker could not start or stopped early (what it did not deliver is then the caller's to read).
 */
export function readInWorker(
  root: string,
  lists: readonly (readonly string[])[],
  limits: { maxBytes: number; hints?: WalkHints },
  deliver: (index: number, result: FileResult) => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root, lists, maxBytes: limits.maxBytes, hints: limits.hints ?? { files: [], dirs: [] } } });
    } catch {
      // Not an error: the caller reads what the worker did not deliver with async reads.
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

function fileResult(file: string | undefined, kind: WorkerResult[2], detail: WorkerResult[3]): FileResult {
  if (file === undefined) return { kind: 'absent' };
  if (kind === 0) return { kind: 'text', file, text: detail as string };
  if (kind === 2) return { kind: 'refused', file, problem: notUtf8(detail as Uint8Array) };
  return { kind: 'refused', file, problem: detail as FileProblem };
}
