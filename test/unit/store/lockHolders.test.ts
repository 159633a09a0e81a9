// The lock's holders: who counts as gone (dead pid, reused pid, an earlier boot, an old empty
// lock), who never does (a live process, another machine), a lock that exists only complete,
// a takeover that can never remove a lock someone else has just taken, and litter swept.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { LockBusyError, withServiceLock } from '../../../src/store/lock';
import { inspectLockFile, type LockFileState, type LockHolder } from '../../../src/store/lockHolder';
import { removeIfStale } from '../../../src/store/lockTakeover';
import { ownIdentity } from '../../../src/store/processIdentity';
import { makeRepo } from '../helpers/tempRepo';

const SINCE = '2026-11-26T10:00:00.000Z';

async function lockDir(): Promise<string> {
  const dir = path.join(await makeRepo({}), '.certify', 'gitea');
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

async function plant(dir: string, name: string, holder: Partial<LockHolder> | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof holder === 'string' ? holder : JSON.stringify({ host: os.hostname(), owner: 'cli', since: SINCE, ...holder }));
  return file;
}

async function examine(file: string): Promise<LockFileState> {
  const state = await inspectLockFile(file);
  assert.ok(state, `${file} is there`);
  return state;
}

const takes = (dir: string) => withServiceLock(dir, { owner: 'test' }, async () => 'ran');

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

/** A live process other than this one, with its real start time. */
async function liveProcess(): Promise<{ child: ChildProcess; startTime: string }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('spawn', resolve));
  const stat = await fs.readFile(`/proc/${child.pid}/stat`, 'utf8');
  return { child, startTime: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] };
}

describe('store: lock holders', () => {
  test('this process is known by pid, boot id and start time', async () => {
    const me = await ownIdentity();
    assert.equal(me.pid, process.pid);
    assert.equal(me.bootId, (await fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim());
    assert.match(me.startTime ?? '', /^\d+$/);
  });

  test('a live holder in another process is busy and named; once it dies its lock is taken over', async () => {
    const dir = await lockDir();
    const { child, startTime } = await liveProcess();
    const me = await ownIdentity();
    await plant(dir, 'lock', { pid: child.pid, bootId: me.bootId, startTime, owner: 'extension' });
    await assert.rejects(takes(dir), (error: unknown) => error instanceof LockBusyError && new RegExp(`extension, pid ${child.pid} on ${os.hostname()}`).test(error.message));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(await takes(dir), 'ran');
  });

  test('a pid that is alive but started at another time is a reused pid: the lock is taken over', async () => {
    const dir = await lockDir();
    const { child } = await liveProcess();
    try {
      await plant(dir, 'lock', { pid: child.pid, bootId: (await ownIdentity()).bootId, startTime: '1' });
      assert.equal(await takes(dir), 'ran');
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a lock from before the last boot is stale even if its pid is alive now', async () => {
    const dir = await lockDir();
    await plant(dir, 'lock', { pid: process.pid, bootId: '00000000-0000-0000-0000-000000000000', startTime: (await ownIdentity()).startTime });
    assert.equal(await takes(dir), 'ran');
  });

  test('an empty lock (a crash between creating and writing it) is stale after a short grace period, busy before', async () => {
    const dir = await lockDir();
    const file = await plant(dir, 'lock', '');
    await assert.rejects(takes(dir), (error: unknown) => error instanceof LockBusyError && /held by an unknown process/.test(error.message));
    const past = new Date(Date.now() - 10_000);
    await fs.utimes(file, past, past);
    assert.equal(await takes(dir), 'ran');
    await plant(dir, 'lock', '{"pid": ');
    await fs.utimes(file, past, past);
    assert.equal(await takes(dir), 'ran');
  });

  test('pid 0 or -1 (process groups to kill()) is no holder: judged as unparseable', async () => {
    const dir = await lockDir();
    for (const pid of [0, -1]) {
      const file = await plant(dir, 'lock', { pid });
      const past = new Date(Date.now() - 10_000);
      await fs.utimes(file, past, past);
      assert.equal(await takes(dir), 'ran', `pid ${pid}`);
    }
  });

  test('a holder on another machine is never broken, however old', async () => {
    const dir = await lockDir();
    await plant(dir, 'lock', { pid: await deadPid(), host: 'other-host', bootId: 'x', startTime: '1' });
    await assert.rejects(takes(dir), (error: unknown) => error instanceof LockBusyError && /on other-host/.test(error.message));
  });
});

describe('store: taking the lock', () => {
  test('the lock file only ever appears complete: it is created by link(), never opened for writing', async () => {
    const dir = await lockDir();
    const lockFile = path.join(dir, 'lock');
    const created: string[] = [];
    const original = { link: fs.link, writeFile: fs.writeFile, open: fs.open };
    fs.link = (async (from: string, to: string) => {
      if (to === lockFile) created.push(`link ${(await fs.readFile(from, 'utf8')).length > 0 ? 'complete' : 'empty'}`);
      return original.link(from, to);
    }) as typeof fs.link;
    fs.writeFile = ((file: unknown, ...rest: unknown[]) => {
      if (file === lockFile) created.push('writeFile');
      return (original.writeFile as (...args: unknown[]) => Promise<void>)(file, ...rest);
    }) as typeof fs.writeFile;
    fs.open = ((file: unknown, flags: unknown, ...rest: unknown[]) => {
      if (file === lockFile && flags !== undefined && typeof flags !== 'number' && flags !== 'r') created.push(`open ${String(flags)}`);
      return (original.open as (...args: unknown[]) => Promise<unknown>)(file, flags, ...rest);
    }) as typeof fs.open;
    try {
      await takes(dir);
    } finally {
      Object.assign(fs, original);
    }
    assert.deepEqual(created, ['link complete']);
  });

  test('a takeover judged on an old lock cannot remove the lock another process has taken since', async () => {
    const dir = await lockDir();
    const dead = await deadPid();
    const stale = await plant(dir, 'lock', { pid: dead, token: 'stale' });
    const examined = await examine(stale);
    // Between our check and our removal, someone else removed the stale lock and took the lock.
    await fs.unlink(stale);
    const me = await ownIdentity();
    const fresh = await plant(dir, 'lock', { ...me, owner: 'extension', token: 'fresh' });
    const claimant = await plant(dir, 'lock.0123456789abcdef.tmp', { ...me, owner: 'test' });
    assert.equal(await removeIfStale(dir, 'lock', examined, claimant), false);
    assert.equal((await inspectLockFile(fresh))?.holder?.token, 'fresh');
    // The new lock has the stale one's inode number (ext4 gives a freed inode to the next new
    // file; here the file is rewritten in place): still another file, kept — even with a dead
    // holder by then, since it was never judged.
    const reused = await examine(await plant(dir, 'lock', { pid: dead, token: 'stale-2' }));
    await plant(dir, 'lock', { pid: dead, token: 'taken-since' });
    assert.equal((await fs.stat(fresh)).ino, reused.ino);
    assert.equal(await removeIfStale(dir, 'lock', reused, claimant), false);
    assert.equal((await inspectLockFile(fresh))?.holder?.token, 'taken-since');
    assert.deepEqual((await fs.readdir(dir)).sort(), ['lock', 'lock.0123456789abcdef.tmp']);
    // The very file that was examined is removed.
    assert.equal(await removeIfStale(dir, 'lock', await examine(fresh), claimant), true);
    assert.deepEqual(await fs.readdir(dir), ['lock.0123456789abcdef.tmp']);
  });

  test('while a live process claims a stale lock, no one else removes it; a dead claimer\'s claim is taken over', async () => {
    const dir = await lockDir();
    const stale = await plant(dir, 'lock', { pid: await deadPid() });
    const examined = await examine(stale);
    const ino = examined.ino;
    const me = await ownIdentity();
    const claimant = await plant(dir, 'lock.0123456789abcdef.tmp', { ...me, owner: 'test' });
    const { child, startTime } = await liveProcess();
    try {
      await plant(dir, `lock.claim.${ino}`, { pid: child.pid, bootId: me.bootId, startTime });
      assert.equal(await removeIfStale(dir, 'lock', examined, claimant), false);
      assert.ok(await inspectLockFile(stale), 'the claimed lock is left to its claimer');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
    }
    // The claimer died in the middle: its claim is stale, removed, and the lock taken.
    assert.equal(await removeIfStale(dir, 'lock', examined, claimant), false);
    assert.equal(await removeIfStale(dir, 'lock', examined, claimant), true);
    assert.deepEqual((await fs.readdir(dir)).sort(), ['lock.0123456789abcdef.tmp']);
  });

  test('temp holder files and claims left by dead processes are swept when the lock is next taken; a live one is kept', async () => {
    const dir = await lockDir();
    const dead = await deadPid();
    await plant(dir, 'lock.00000000000000aa.tmp', { pid: dead });
    await plant(dir, 'lock.claim.12345', { pid: dead });
    const empty = await plant(dir, 'lock.00000000000000bb.tmp', '');
    const past = new Date(Date.now() - 10_000);
    await fs.utimes(empty, past, past);
    await plant(dir, 'lock.00000000000000cc.tmp', { ...(await ownIdentity()) });
    await takes(dir);
    assert.deepEqual(await fs.readdir(dir), ['lock.00000000000000cc.tmp']);
  });

  test('the lock is released when the work throws, and the work\'s error is what is thrown', async () => {
    const dir = await lockDir();
    await assert.rejects(withServiceLock(dir, { owner: 'test' }, async () => { throw new Error('work failed'); }), /^Error: work failed$/);
    assert.deepEqual(await fs.readdir(dir), []);
  });

  test('a lock deleted by hand while held is reported when it is released', async () => {
    const dir = await lockDir();
    await assert.rejects(
      withServiceLock(dir, { owner: 'test' }, async () => fs.unlink(path.join(dir, 'lock'))),
      /was removed by someone else while Certify held it/,
    );
  });
});
