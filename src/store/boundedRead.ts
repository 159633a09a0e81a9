// Reads one file the store owns without trusting what is there: the file is opened so that it
// cannot block (O_NONBLOCK: a FIFO returns at once) or follow a link swapped in at the last
// moment (O_NOFOLLOW), checked on its open descriptor to be the regular file that was looked
// at, and read up to a limit, so a special file or a huge one costs nothing.

import { constants, promises as fs, type Stats } from 'node:fs';
import { describeIoError, errnoCode } from './storeError';
import { kindOf } from './storePath';

export type BoundedRead =
  | { kind: 'bytes'; bytes: Buffer }
  /** The file went away between being looked at and being opened. */
  | { kind: 'missing' }
  /** What is wrong, in words, completing "<file> …" */
  | { kind: 'refused'; problem: string };

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** `seen`: the file's stat from the walk that found it; a different file now in its place is refused. */
export async function readBounded(file: string, seen: Stats, maxBytes: number): Promise<BoundedRead> {
  // Decided before opening: opening a device or a socket can itself do something.
  const problem = unacceptable(seen, maxBytes);
  if (problem) return { kind: 'refused', problem };
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, OPEN_FLAGS);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', problem: `cannot be read: ${describeIoError(error)}` };
  }
  try {
    const opened = await handle.stat();
    if (opened.ino !== seen.ino || opened.dev !== seen.dev) return { kind: 'refused', problem: 'was replaced while Certify read it: try again' };
    const late = unacceptable(opened, maxBytes);
    if (late) return { kind: 'refused', problem: late };
    return await readUpTo(handle, opened.size, maxBytes);
  } catch (error) {
    return { kind: 'refused', problem: `cannot be read: ${describeIoError(error)}` };
  } finally {
    await handle.close();
  }
}

function unacceptable(stat: Stats, maxBytes: number): string | undefined {
  if (!stat.isFile()) return `is ${kindOf(stat)}, not a file: move it away`;
  if (stat.size > maxBytes) return `is ${megabytes(stat.size)}, more than the ${megabytes(maxBytes)} a record may take: move it away`;
  return undefined;
}

/** The size said by stat can be wrong (a file still growing): the read itself stops at the limit. */
async function readUpTo(handle: fs.FileHandle, expected: number, maxBytes: number): Promise<BoundedRead> {
  let buffer = Buffer.alloc(Math.min(expected, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { kind: 'refused', problem: `is more than the ${megabytes(maxBytes)} a record may take: move it away` };
      buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, maxBytes + 1 - buffer.length))]);
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) return { kind: 'bytes', bytes: buffer.subarray(0, length) };
    length += bytesRead;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB`;
}
