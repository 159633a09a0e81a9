// Reads one repo file once RepoPaths has vouched for it: opened without following a link or
// waiting on a FIFO, checked again on the open descriptor (the path may have been swapped since
// it was checked), never read past the size limit however large it claims or grows to be, and
// turned into text only if it is UTF-8. The worker (repo/filesWorker) reads the same way.

import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { MAX_YAML_BYTES } from '../yaml/parse';
import { decodeUtf8, type ReadOutcome } from './fileProblems';
import { errnoOutcome, refused, specialKind, type RepoPaths } from './repoPaths';

/** No link at the last step (RepoPaths resolved them all) and no wait for a FIFO's writer. */
export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** `recheck`: check the path the whole way, though a listing saw a regular file there. */
export async function readChecked(paths: RepoPaths, relative: string, recheck = false): Promise<ReadOutcome> {
  const verdict = await paths.file(relative, recheck);
  if (verdict.kind !== 'file') return verdict;
  let fd: number;
  try {
    fd = await openAsync(verdict.real);
  } catch (error) {
    // Listed as a regular file, a link now (replaced since): checked again, links followed.
    if (!recheck && (error as NodeJS.ErrnoException).code === 'ELOOP') return readChecked(paths, relative, true);
    return errnoOutcome(relative, error);
  }
  try {
    return await readOpen(fd, relative);
  } catch (error) {
    return errnoOutcome(relative, error);
  } finally {
    await closeAsync(fd);
  }
}

async function readOpen(fd: number, relative: string): Promise<ReadOutcome> {
  const stats = await fstatAsync(fd);
  if (!stats.isFile()) return refused(relative, { reason: 'not-regular', kind: specialKind(stats) });
  if (stats.size > MAX_YAML_BYTES) return refused(relative, { reason: 'too-large' });
  const bytes = await readAtMost(fd, stats.size, MAX_YAML_BYTES + 1);
  if (bytes.length > MAX_YAML_BYTES) return refused(relative, { reason: 'too-large' });
  const decoded = decodeUtf8(bytes);
  return 'text' in decoded ? { kind: 'text', text: decoded.text } : refused(relative, decoded.problem);
}

/**
 * Up to `cap` bytes of a regular file of `size` bytes (as fstat said). One read asks for one
 * byte more than that: a short read is the end of a regular file, so a file that kept its size
 * costs one read; one that filled the buffer grew since, and is read on only up to the cap.
 */
async function readAtMost(fd: number, size: number, cap: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(size + 1, cap));
  let length = 0;
  for (;;) {
    const count = await readAsync(fd, buffer, length);
    length += count;
    if (count === 0 || length < buffer.length || buffer.length === cap) return buffer.subarray(0, length);
    const larger = Buffer.allocUnsafe(cap);
    buffer.copy(larger, 0, 0, length);
    buffer = larger;
  }
}

// The callback forms: measured about twice as fast as fs.promises for thousands of small files.
const openAsync = (file: string): Promise<number> => new Promise((resolve, reject) => open(file, OPEN_FLAGS, (error, fd) => (error ? reject(error) : resolve(fd))));
const fstatAsync = (fd: number): Promise<Stats> => new Promise((resolve, reject) => fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
const closeAsync = (fd: number): Promise<void> => new Promise((resolve, reject) => close(fd, (error) => (error ? reject(error) : resolve())));
const readAsync = (fd: number, buffer: Buffer, offset: number): Promise<number> =>
  new Promise((resolve, reject) => read(fd, buffer, offset, buffer.length - offset, offset, (error, count) => (error ? reject(error) : resolve(count))));
