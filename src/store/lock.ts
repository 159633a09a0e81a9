// A per-service lock file (.certify/<service>/lock) shared by every front end (extension, CLI,
// tests), so two of them never change one record at the same time. A lock left by a process
// that died on this machine is taken over; any other holder is reported, never broken.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface LockHolder {
  pid: number;
  host: string;
  /** Which front end holds it: 'cli', 'extension', 'test'. */
  owner: string;
  since: string;
}

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

export async function withServiceLock<T>(serviceDir: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const release = await acquire(serviceDir, options);
  try {
    return await work();
  } finally {
    await release();
  }
}

async function acquire(serviceDir: string, options: LockOptions): Promise<() => Promise<void>> {
  await fs.mkdir(serviceDir, { recursive: true });
  const lockFile = path.join(serviceDir, 'lock');
  const me: LockHolder = { pid: process.pid, host: os.hostname(), owner: options.owner, since: new Date().toISOString() };
  const content = JSON.stringify(me);
  const deadline = Date.now() + (options.waitMs ?? 0);
  let delay = 10;
  for (;;) {
    try {
      await fs.writeFile(lockFile, content, { flag: 'wx' });
      return async () => {
        // Remove only our own lock: if it was taken over, the new holder keeps it.
        const current = await fs.readFile(lockFile, 'utf8').catch(() => undefined);
        if (current === content) await fs.rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(lockFile);
    if (holder && isStale(holder)) {
      await fs.rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(lockFile, holder);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 200);
  }
}

async function readHolder(lockFile: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(lockFile, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, owner: String(parsed.owner ?? 'unknown'), since: String(parsed.since ?? '?') };
    }
  } catch {
    // Unreadable or half-written lock content: treated as an unknown holder below.
  }
  return undefined;
}

/** A holder is stale only when it was on this machine and its process no longer exists. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
