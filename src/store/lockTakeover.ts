// Removing a stale lock without ever removing one someone else has just taken. "Check, then
// delete by name" is not enough: between the check and the delete the stale lock may be taken
// over by another process and a new holder may take the lock, and the delete would remove the
// new lock. So the removal is made exclusive and is bound to the very file that was judged:
//
// 1. The caller reads the file (`examined`) and only then judges its holder gone.
// 2. It claims that file by linking its own holder file to `lock.claim.<inode>` (link() fails if
//    the name exists), so no other breaker of a file with this inode works at the same time.
// 3. It reads the name again and goes on only if the file there is the *same file* it examined:
//    same device, inode, modification time and bytes (a Certify lock holds a token unique to
//    one holding). The same inode number alone is not enough: ext4 gives a freed inode to the
//    next new file, so the stale lock, taken over by someone else, can be followed by a live
//    lock with its inode number; and judging that live lock afresh is no better, since its
//    holder may release it and leave while it is judged, and the name then holds a third one's
//    lock (the race behind issue #9's one lost lock in 190 runs: lockInodeReuse.test.ts).
// 4. From then until the unlink the name cannot change: the holder of that file was gone before
//    step 3 read it (step 1 judged it after reading the same bytes) and cannot release it; other
//    breakers of it need the claim we hold; any other process only creates the lock by link(),
//    which fails while the file is there.
// A claim whose claimer died is itself removed the same way.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { inspectLockFile, isStale, sameLockFile, type LockFileState } from './lockHolder';
import { holderTag, traceLock } from './lockTrace';
import { errnoCode, StoreError } from './storeError';

export const CLAIM_PREFIX = 'lock.claim.';
/** Claims of claims: each level needs a claimer that died in a window of a few system calls. */
const MAX_DEPTH = 3;

/**
 * Removes `dir/name` if it is still the very file `examined` — which the caller read and only
 * then judged stale. `ownHolderFile`: a file in `dir` holding this process's identity, linked as
 * the claim. True if it removed it.
 */
export async function removeIfStale(dir: string, name: string, examined: LockFileState, ownHolderFile: string, depth = 0): Promise<boolean> {
  const claim = path.join(dir, `${CLAIM_PREFIX}${examined.ino}`);
  try {
    await fs.link(ownHolderFile, claim);
  } catch (error) {
    traceLock('claim-busy', { claim, target: name, code: errnoCode(error) });
    if (errnoCode(error) !== 'EEXIST') throw new StoreError(`could not take over the stale lock in ${dir}`, error);
    // Another breaker is at work, or died at it: its claim is removed only when it is stale.
    const other = await inspectLockFile(claim);
    if (other && depth < MAX_DEPTH && (await isStale(other))) await removeIfStale(dir, path.basename(claim), other, ownHolderFile, depth + 1);
    return false;
  }
  traceLock('claimed', { claim, target: name });
  try {
    const target = path.join(dir, name);
    const current = await inspectLockFile(target);
    const same = current !== undefined && sameLockFile(current, examined);
    traceLock('reread', { claim, target: name, ino: current?.ino, holder: holderTag(current?.holder), same });
    // Not the file that was judged: whatever is there now is someone else's business.
    if (!same) return false;
    const removed = await unlinkIfThere(target);
    traceLock('unlinked', { claim, target: name, ino: current.ino, holder: holderTag(current.holder), removed });
    return removed;
  } finally {
    await unlinkIfThere(claim);
    traceLock('unclaimed', { claim });
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
