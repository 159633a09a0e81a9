// A per-service lock file (.certify/<service>/lock) shared by every front end (extension, CLI,
// tests), so two of them never change one record at the same time. The lock appears complete or
// not at all: the holder's identity is written to a temp file first and linked into place
// (link() fails if a lock exists). A lock whose holder is certainly gone — on this machine, with
// no process of its pid and start time, or from before the last boot — is taken over
// (lockTakeover); a live holder, or any holder on another machine, is reported, never broken.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { holderText, inspectLockFile, isStale, sameLockFile, type LockHolder } from './lockHolder';
import { CLAIM_PREFIX, removeIfStale } from './lockTakeover';
import { holderTag, lockTraceOn, traceLock } from './lockTrace';
import { ownIdentity } from './processIdentity';
import { errnoCode, StoreError } from './storeError';

export type { LockHolder } from './lockHolder';

export class LockBusyError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      holder
        ? `Another Certify (${holder.owner}, pid ${holder.pid} on ${holder.host}, since ${holder.since}) is working on this service. ` +
            `Wait for it to finish; if that process is gone, delete ${lockFile}.`
        : `${lockFile} is held by an unknown process. If no Certify is running, delete it.`,
    );
    this.name = 'LockBusyError';
  }
}

export interface LockOptions {
  owner: string;
  /** How long to keep trying while another holder works (ms). 0 = fail at once. */
  waitMs?: number;
}

const LOCK = 'lock';
const TEMP = /^lock\.[0-9a-f]{16}\.tmp$/;

interface HeldLock {
  file: string;
  ino: number;
  token: string;
}

/** Runs `work` holding the lock of the service whose folder is `serviceDir`; the lock is released on every path. */
export async function withServiceLock<T>(serviceDir: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const held = await acquire(serviceDir, options);
  let result: T;
  try {
    await sweep(serviceDir, held.file);
    result = await work();
  } catch (error) {
    try {
      await release(held);
    } catch (releaseError) {
      throw new AggregateError([error, releaseError], `${(error as Error).message} (and then: ${(releaseError as Error).message})`);
    }
    throw error;
  }
  await release(held);
  return result;
}

async function acquire(dir: string, options: LockOptions): Promise<HeldLock> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`could not create ${dir}`, error);
  }
  const lockFile = path.join(dir, LOCK);
  const token = randomBytes(8).toString('hex');
  const me: LockHolder = { ...(await ownIdentity()), owner: options.owner, since: new Date().toISOString(), token };
  const temp = path.join(dir, `lock.${token}.tmp`);
  const deadline = Date.now() + (options.waitMs ?? 0);
  let delay = 5;
  try {
    await writeHolderFile(temp, me);
    if (lockTraceOn) traceLock('temp', { dir, token, ino: (await fs.stat(temp)).ino });
    for (;;) {
      const taken = await tryLink(temp, lockFile, me);
      if (taken) return taken;
      const current = await inspectLockFile(lockFile);
      if (current === undefined) continue;
      const stale = await isStale(current);
      traceLock('examined', { dir, ino: current.ino, holder: holderTag(current.holder), stale });
      if (stale) {
        // `current` was read before it was judged: removeIfStale removes only that very file.
        if (await removeIfStale(dir, LOCK, current, temp)) continue;
        // Removed or replaced by someone else meanwhile: look again at once. Still there: another
        // process is taking it over right now, so wait like for a live holder.
        const now = await inspectLockFile(lockFile);
        if (now === undefined || !sameLockFile(now, current)) continue;
      }
      if (Date.now() >= deadline) throw new LockBusyError(lockFile, current.holder);
      // Jitter keeps many waiting writers from retrying in step.
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
      delay = Math.min(delay * 2, 100);
    }
  } finally {
    await unlinkIfPresent(temp);
  }
}

async function writeHolderFile(file: string, holder: LockHolder): Promise<void> {
  try {
    await fs.writeFile(file, holderText(holder), { flag: 'wx' });
  } catch (error) {
    throw new StoreError(`could not write the lock's temp file ${file}`, error);
  }
}

/** Links the holder file into place, and reads the lock back to be sure it is ours. undefined: another lock is there. */
async function tryLink(temp: string, lockFile: string, me: LockHolder): Promise<HeldLock | undefined> {
  try {
    await fs.link(temp, lockFile);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') {
      traceLock('link-busy', { file: lockFile, token: me.token });
      return undefined;
    }
    if (errnoCode(error) === 'ENOENT') {
      // Our temp file was deleted from outside (a live holder's is never swept): write it again;
      // if the folder itself is gone, that fails and says so.
      await writeHolderFile(temp, me);
      return undefined;
    }
    throw new StoreError(`could not take the lock ${lockFile}`, error);
  }
  const now = await inspectLockFile(lockFile);
  traceLock('linked', { file: lockFile, token: me.token, ino: now?.ino, holder: holderTag(now?.holder) });
  if (now === undefined || now.holder?.token !== me.token) throw new StoreError(`the lock ${lockFile} changed hands while it was taken; try again`);
  return { file: lockFile, ino: now.ino, token: me.token as string };
}

/**
 * Removes, while holding the lock, what dead processes left next to it: temp holder files (never
 * used by anyone but their writer) and claims (removed only through the exclusive takeover, for
 * which our own lock file serves as our holder file).
 */
async function sweep(dir: string, ownLock: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    throw new StoreError(`could not list ${dir}`, error);
  }
  for (const name of names) {
    if (!(TEMP.test(name) || name.startsWith(CLAIM_PREFIX))) continue;
    const file = path.join(dir, name);
    const state = await inspectLockFile(file);
    if (state === undefined || !(await isStale(state))) continue;
    traceLock('sweep', { file, ino: state.ino, holder: holderTag(state.holder) });
    // A temp holder file is only ever used by the process that wrote it, and that one is gone.
    if (TEMP.test(name)) await unlinkIfPresent(file);
    else await removeIfStale(dir, name, state, ownLock);
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw new StoreError(`could not remove the temp file ${file}`, error);
  }
}

async function release(held: HeldLock): Promise<void> {
  const current = await inspectLockFile(held.file);
  traceLock('release', { file: held.file, token: held.token, ino: held.ino, found: current?.ino, holder: holderTag(current?.holder) });
  // Only a lock judged stale is ever removed by others, and a live holder's never is: a lock that
  // is not ours here means someone deleted it by hand while we worked.
  if (current?.ino !== held.ino || current.holder?.token !== held.token) {
    throw new StoreError(`the lock ${held.file} was removed by someone else while Certify held it; check that no other Certify changed the record meanwhile`);
  }
  try {
    await fs.unlink(held.file);
  } catch (error) {
    throw new StoreError(`could not release the lock ${held.file}`, error);
  }
}
