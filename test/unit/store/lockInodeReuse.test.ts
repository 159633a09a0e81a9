// The race behind the one lost lock of issue #9's contention proof (1 run in 190), replayed step
// by step in one process. Traces of the stress runs (CERTIFY_LOCK_TRACE) show each step there,
// with 100 ms and more between a read of the lock and its judgement under load.
// A writer judges a stale lock (a reused pid, so the judgement reads /proc and takes a while);
// meanwhile that lock is taken over by another writer and a new holder N takes the lock in a
// file that gets the same inode number back. The slow writer then claims that inode and reads
// the lock again: same inode, so it judges N; while it does, N finishes (releases, exits) and M
// takes the lock. Judged on N but removing by name, it removed M's live lock, and two writers
// were inside. The steps are placed exactly by hooking the /proc reads of the judgements; the
// new file with the reused inode is the old file rewritten in place (the kernel's reuse of a
// freed inode cannot be forced from a test, but to the takeover both are "the same inode, other
// content").

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { LockBusyError, withServiceLock } from '../../../src/store/lock';
import { inspectLockFile } from '../../../src/store/lockHolder';
import { ownIdentity } from '../../../src/store/processIdentity';
import { makeRepo } from '../helpers/tempRepo';

async function liveProcess(): Promise<{ child: ChildProcess; startTime: string }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('spawn', resolve));
  const stat = await fs.readFile(`/proc/${child.pid}/stat`, 'utf8');
  return { child, startTime: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] };
}

function holderJson(fields: Record<string, unknown>): string {
  return JSON.stringify({ host: os.hostname(), owner: 'test', since: '2026-11-26T10:00:00.000Z', ...fields });
}

/** Calls `step` (once) when the code under test reads /proc/<pid>/stat, before the read. */
function beforeProcRead(pid: number, step: () => Promise<void>): () => void {
  const original = fs.readFile;
  let done = false;
  fs.readFile = (async (file: unknown, ...rest: unknown[]) => {
    if (!done && file === `/proc/${pid}/stat`) {
      done = true;
      await step();
    }
    return (original as (...args: unknown[]) => Promise<unknown>)(file, ...rest);
  }) as typeof fs.readFile;
  return () => {
    fs.readFile = original;
  };
}

describe('store: a takeover never removes a lock other than the stale one it examined', () => {
  test('a new lock with the stale lock\'s inode number, whose holder leaves while it is judged, is not removed: the lock taken after it stays', async () => {
    const dir = path.join(await makeRepo({}), '.certify', 'gitea');
    await fs.mkdir(dir, { recursive: true });
    const lockFile = path.join(dir, 'lock');
    const me = await ownIdentity(); // read now, so that only the judgements below read /proc
    // The stale lock: this test's own pid with another start time (a reused pid).
    await fs.writeFile(lockFile, holderJson({ pid: process.pid, bootId: me.bootId, startTime: '1' }));
    const staleIno = (await fs.stat(lockFile)).ino;
    const n = await liveProcess();
    const nExited = new Promise((resolve) => n.child.on('exit', resolve));
    const hooks: Array<() => void> = [];
    try {
      // While the stale lock is judged: it is taken over and N's lock appears with its inode.
      hooks.push(
        beforeProcRead(process.pid, async () => {
          await fs.writeFile(lockFile, holderJson({ pid: n.child.pid, bootId: me.bootId, startTime: n.startTime, token: 'n-holds' }));
        }),
      );
      // If N's lock is judged: N releases and ends meanwhile, and M takes the lock.
      hooks.push(
        beforeProcRead(n.child.pid as number, async () => {
          await fs.unlink(lockFile);
          n.child.kill('SIGKILL');
          await nExited;
          await fs.writeFile(lockFile, holderJson({ ...me, token: 'm-holds' }));
        }),
      );
      assert.equal((await fs.stat(lockFile)).ino, staleIno);
      await assert.rejects(
        withServiceLock(dir, { owner: 'test' }, async () => 'two writers inside'),
        (error: unknown) => error instanceof LockBusyError,
        'the lock was not free: the slow writer must wait, not enter',
      );
    } finally {
      for (const restore of hooks.reverse()) restore();
      n.child.kill('SIGKILL');
    }
    const left = await inspectLockFile(lockFile);
    assert.ok(left?.holder?.token === 'n-holds' || left?.holder?.token === 'm-holds', `a live holder's lock is still there (found ${JSON.stringify(left?.holder)})`);
  });
});
