// Removing a stale lock without ever removing one someone else has just taken. "Check, then
// delete by name" is not enough: between the check and the delete another process may take the
// stale lock over and a new holder may take the lock, and the delete would remove the new lock.
// So the removal is made exclusive. A breaker first claims the very file it judged stale, by
// linking its own holder file to `lock.claim.<inode>` (link() fails if the name exists); only
// the claimer re-reads the lock and removes it if it is still that file and still stale. Any
// other process only creates the lock by link(), which fails while the stale file is there,
// and a live holder is never stale, so nothing else can change the name in between. A claim
// whose claimer died is itself removed the same way.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { inspectLockFile, isStale } from './lockHolder';
import { errnoCode, StoreError } from './storeError';

export const CLAIM_PREFIX = 'lock.claim.';
/** Claims of claims: each level needs a claimer that died in a window of a few system calls. */
const MAX_DEPTH = 3;

/**
 * Removes `dir/name` if it is still the file with inode `ino` and still stale. `ownHolderFile`:
 * a file in `dir` holding this process's identity, linked as the claim. True if it removed it.
 */
export async function removeIfStale(dir: string, name: string, ino: number, ownHolderFile: string, depth = 0): Promise<boolean> {
  const claim = path.join(dir, `${CLAIM_PREFIX}${ino}`);
  try {
    await fs.link(ownHolderFile, claim);
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw new StoreError(`could not take over the stale lock in ${dir}`, error);
    // Another breaker is at work, or died at it: its claim is removed only when it is stale.
    const other = await inspectLockFile(claim);
    if (other && depth < MAX_DEPTH && (await isStale(other))) await removeIfStale(dir, path.basename(claim), other.ino, ownHolderFile, depth + 1);
    return false;
  }
  try {
    const target = path.join(dir, name);
    const current = await inspectLockFile(target);
    if (current === undefined || current.ino !== ino || !(await isStale(current))) return false;
    return await unlinkIfThere(target);
  } finally {
    await unlinkIfThere(claim);
  }
}

async function unlinkIfThere(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw new StoreError(`could not remove ${file}`, error);
  }
}
