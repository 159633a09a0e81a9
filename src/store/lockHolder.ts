// What a lock file says about its holder, and whether that holder is still there. The content
// is complete from the moment the lock exists (it is written to a temp file and linked into
// place), so a lock that cannot be parsed was left by something else: it counts as stale once
// it is older than a short grace period.

import { constants, promises as fs } from 'node:fs';
import { isGone, isValidPid, type ProcessIdentity } from './processIdentity';
import { errnoCode, StoreError } from './storeError';

export interface LockHolder extends ProcessIdentity {
  /** Which front end holds it: 'cli', 'extension', 'test'. */
  owner: string;
  since: string;
  /** Tells this holding apart from any other by the same process. */
  token?: string;
}

export interface LockFileState {
  dev: number;
  ino: number;
  mtimeMs: number;
  /** The bytes read (at most MAX_LOCK_BYTES); undefined when it is not a regular file. */
  content?: Buffer;
  /** undefined: empty, unparseable, or not a regular file. */
  holder?: LockHolder;
}

/** An unparseable lock younger than this may still be someone's (an older Certify writing it). */
export const UNPARSEABLE_GRACE_MS = 2_000;
const MAX_LOCK_BYTES = 4096;

export function holderText(holder: LockHolder): string {
  return JSON.stringify(holder);
}

export function parseHolder(text: string): LockHolder | undefined {
  let data: Partial<Record<keyof LockHolder, unknown>>;
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    // Not JSON: the caller treats it as an unknown holder.
    return undefined;
  }
  if (data === null || typeof data !== 'object' || !isValidPid(data.pid) || typeof data.host !== 'string' || data.host === '') return undefined;
  const optional = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    pid: data.pid,
    host: data.host,
    owner: optional(data.owner) ?? 'unknown',
    since: optional(data.since) ?? '?',
    bootId: optional(data.bootId),
    startTime: optional(data.startTime),
    token: optional(data.token),
  };
}

/** The lock as it is now; undefined when there is none. Never blocks, never follows a link. */
export async function inspectLockFile(file: string): Promise<LockFileState | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return undefined;
    // A link (ELOOP) or a socket (ENXIO) in the lock's place: an unknown holder, judged by its age.
    if (code === 'ELOOP' || code === 'ENXIO') return lstatState(file);
    throw new StoreError(`could not read the lock ${file}`, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { dev: stat.dev, ino: stat.ino, mtimeMs: stat.mtimeMs };
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_LOCK_BYTES, 0);
    const content = buffer.subarray(0, bytesRead);
    return { dev: stat.dev, ino: stat.ino, mtimeMs: stat.mtimeMs, content, holder: parseHolder(content.toString('utf8')) };
  } finally {
    await handle.close();
  }
}

async function lstatState(file: string): Promise<LockFileState | undefined> {
  try {
    const stat = await fs.lstat(file);
    return { dev: stat.dev, ino: stat.ino, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new StoreError(`could not look at the lock ${file}`, error);
  }
}

/**
 * The same lock file, not merely one with the same inode number: a freed inode is soon given to
 * a new file (ext4 reuses it within milliseconds), so a new lock can have a stale one's inode.
 * A Certify lock's bytes carry a token no other holding has. A lock without one (an older
 * Certify's) names its holder, the pid, start time and since that only that holder writes; an
 * empty or unparseable one is stale only once its modification time is old, and a new file has
 * the current one.
 */
export function sameLockFile(a: LockFileState, b: LockFileState): boolean {
  if (a.dev !== b.dev || a.ino !== b.ino || a.mtimeMs !== b.mtimeMs) return false;
  if (a.content === undefined || b.content === undefined) return a.content === b.content;
  return a.content.equals(b.content);
}

/** Stale: its holder is certainly gone, or it never said who holds it and is past the grace period. */
export async function isStale(state: LockFileState, now = Date.now()): Promise<boolean> {
  if (state.holder === undefined) return now - state.mtimeMs > UNPARSEABLE_GRACE_MS;
  return isGone(state.holder);
}
