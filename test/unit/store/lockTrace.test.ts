// CERTIFY_LOCK_TRACE: a process that takes the lock with it set leaves one line per step (the
// evidence the contention stress runs are read from); without it, nothing is written.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { makeRepo } from '../helpers/tempRepo';

const REPO = path.resolve(__dirname, '../../..');
const LOCK_MODULE = path.join(REPO, 'src/store/lock.ts');

/** Takes and releases the lock of `dir` in a fresh process (the trace file is read at start). */
function takeLockInChild(dir: string, env: NodeJS.ProcessEnv): void {
  const script = `require(${JSON.stringify(LOCK_MODULE)}).withServiceLock(${JSON.stringify(dir)}, { owner: 'test' }, async () => undefined)`;
  execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, env, stdio: 'pipe' });
}

describe('store: the lock trace', () => {
  test('with CERTIFY_LOCK_TRACE set, every step is one line with time, pid, event, inode and token; unset, nothing is written', async () => {
    const root = await makeRepo({});
    const dir = path.join(root, '.certify', 'gitea');
    const trace = path.join(root, 'trace.log');
    const { CERTIFY_LOCK_TRACE: _unset, ...quiet } = process.env;
    takeLockInChild(dir, quiet);
    await assert.rejects(fs.stat(trace), { code: 'ENOENT' });

    takeLockInChild(dir, { ...quiet, CERTIFY_LOCK_TRACE: trace });
    const lines = (await fs.readFile(trace, 'utf8')).trim().split('\n');
    assert.deepEqual(lines.map((line) => line.split(' ')[2]), ['temp', 'linked', 'release']);
    const [temp, linked, release] = lines.map((line) => line.split(' '));
    for (const fields of [temp, linked, release]) {
      assert.match(fields[0], /^\d+\.\d{3}$/);
      assert.match(fields[1], /^\d+$/);
    }
    const token = temp.find((field) => field.startsWith('token='));
    const ino = temp.find((field) => field.startsWith('ino='));
    assert.ok(token && ino);
    assert.ok(linked.includes(token) && linked.includes(ino), 'the lock is the temp file linked into place');
    assert.ok(release.includes(`found=${ino.slice(4)}`), 'released as taken');
  });
});
