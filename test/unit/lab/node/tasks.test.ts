// Tasks on disk: the log and its last line, read back by status and log as another process
// would, and a worker whose process died is never reported running.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { TaskStore, finalStatus } from '../../../../src/lab/pve/node/tasks';
import { formatUpid, taskLogRelativePath } from '../../../../src/lab/pve/node/upid';
import { PveError } from '../../../../src/lab/pve/pveNode';

describe('task store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lnode-tasks-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const tasks = new TaskStore(dir, 'pve01');

  test('a worker that succeeds: lines to the caller and the log, TASK OK last, status stopped/OK', async () => {
    const seen: string[] = [];
    const task = tasks.start('vzstart', '100', { user: 'root@pam', onTaskLine: (line) => seen.push(line) }, async (log) => {
      assert.equal(tasks.status(task.upid).status, 'running');
      log('first');
      log('second\nthird');
    });
    assert.deepEqual(await task.finished, { exitstatus: 'OK' });
    assert.deepEqual(seen, ['first', 'second', 'third']);
    assert.equal(readFileSync(path.join(dir, taskLogRelativePath(task.upid)), 'utf8'), 'first\nsecond\nthird\nTASK OK\n');
    assert.ok(readFileSync(path.join(dir, 'index'), 'utf8').includes(`${task.upid}\n`));
    const status = tasks.status(task.upid);
    assert.equal(status.status, 'stopped');
    assert.equal(status.exitstatus, 'OK');
    assert.equal(status.pid, process.pid);
    assert.equal(status.type, 'vzstart');
    assert.equal(status.id, '100');
  });

  test('a worker that fails: TASK ERROR with the message on one line', async () => {
    const task = tasks.start('vzcreate', '101', { user: 'root@pam!certify' }, async () => {
      throw new Error('unable to create CT 101 - first\nsecond\n');
    });
    assert.equal((await task.finished).exitstatus, 'unable to create CT 101 - first second');
    const status = tasks.status(task.upid);
    assert.equal(status.exitstatus, 'unable to create CT 101 - first second');
    assert.equal(status.user, 'root@pam');
    assert.equal(status.tokenid, 'certify');
  });

  test('warnings end the log with TASK WARNINGS: N', async () => {
    const task = tasks.start('vzdump', '100', { user: 'root@pam' }, async () => ({ warnings: 2 }));
    assert.equal((await task.finished).exitstatus, 'WARNINGS: 2');
    assert.equal(tasks.status(task.upid).exitstatus, 'WARNINGS: 2');
  });

  test('a log with no end whose process is gone is stopped with "unexpected status"', () => {
    const upid = formatUpid({ node: 'pve01', pid: 4_000_000, pstart: 1, starttime: 0x6798d4a5, type: 'vzstart', id: '100', user: 'root@pam' });
    const file = path.join(dir, taskLogRelativePath(upid));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'started\n');
    assert.deepEqual([tasks.status(upid).status, tasks.status(upid).exitstatus], ['stopped', 'unexpected status']);
  });

  test('log pages from a 0-based start, numbered from 1', async () => {
    const task = tasks.start('vzdump', '100', { user: 'root@pam' }, async (log) => {
      for (let i = 1; i <= 5; i++) log(`line ${i}`);
    });
    await task.finished;
    assert.deepEqual(tasks.log(task.upid, 2, 2), { total: 6, lines: [{ n: 3, t: 'line 3' }, { n: 4, t: 'line 4' }] });
    assert.equal(tasks.log(task.upid).lines.at(-1)?.t, 'TASK OK');
  });

  test('a bad UPID and an unknown one are parameter errors', () => {
    assert.throws(() => tasks.status('nope'), (error: unknown) => error instanceof PveError && error.httpStatus === 400 && error.errors?.upid === 'unable to parse worker upid');
    const unknown = formatUpid({ node: 'pve01', pid: 1, pstart: 1, starttime: 1, type: 'vzstart', id: '1', user: 'root@pam' });
    assert.throws(() => tasks.status(unknown), (error: unknown) => error instanceof PveError && error.errors?.upid === 'no such task');
  });

  test('final lines', () => {
    assert.equal(finalStatus('TASK OK'), 'OK');
    assert.equal(finalStatus('TASK ERROR: boom'), 'boom');
    assert.equal(finalStatus('INFO: still going'), undefined);
  });
});
