// Replaces a file so that readers, and a machine that loses power, see the old content or the
// new, never half: a temp file in the same folder is written and flushed, renamed over the
// target, and the folder is flushed so the rename itself survives a power cut. A failure at any
// point removes the temp file and says in words what went wrong.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeIoError, errnoCode, StoreError } from './storeError';

/** `file` must already be a real path inside the repo (see storePath): nothing here follows links out. */
export async function writeAtomically(file: string, content: string): Promise<void> {
  const folder = path.dirname(file);
  const temp = path.join(folder, `${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  let created = false;
  try {
    // 'wx' is O_CREAT|O_EXCL: a link planted at the temp name makes this fail instead of being followed.
    handle = await fs.open(temp, 'wx', 0o644);
    created = true;
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    const open = handle;
    handle = undefined;
    await open.close();
    await fs.rename(temp, file);
  } catch (error) {
    const leftover = await discard(handle, created ? temp : undefined);
    throw new StoreError(`could not save ${file}`, error, leftover);
  }
  await syncFolder(folder, file);
}

/** Closes and removes what a failed write left; says what could not be cleaned, if anything. */
async function discard(handle: fs.FileHandle | undefined, temp: string | undefined): Promise<string | undefined> {
  const problems: string[] = [];
  if (handle) await handle.close().catch((error: unknown) => problems.push(`closing it failed: ${describeIoError(error)}`));
  if (temp) {
    await fs.unlink(temp).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') problems.push(`the temporary file ${temp} could not be removed (${describeIoError(error)}): delete it`);
    });
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

async function syncFolder(folder: string, file: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (error) {
    // Some file systems cannot flush a folder at all; there is nothing more to do on them.
    if (errnoCode(error) === 'EINVAL' || errnoCode(error) === 'ENOTSUP' || errnoCode(error) === 'EOPNOTSUPP') return;
    throw new StoreError(`saved ${file}, but could not flush its folder to disk (a power cut could undo the save)`, error);
  } finally {
    await handle?.close();
  }
}
