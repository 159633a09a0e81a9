// A daemon's life as the lab manages it, with a harmless process (sleep) in a temporary lab
// folder: started detached with a pid file, left alone when asked again with the same argv,
// restarted when its argv changed, stopped by pid (SIGTERM), and a recycled pid is never ours.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureDaemon, pidFile, readPidRecord, recordAlive, stopDaemon, type DaemonSpec } from '../../../../src/lab/daemons/daemon';
import { labLayout, type LabLayout } from '../../../../src/lab/labLayout';

describe('lab daemons: start, keep, restart, stop', () => {
  let layout: LabLayout;
  const spec = (seconds: string): DaemonSpec => ({ name: 'sleeper', argv: ['sleep', seconds], ready: () => true });

  before(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lnet-daemon-'));
    layout = labLayout({ name: 'lnetd', dir });
    await mkdir(layout.paths.run, { recursive: true });
    await mkdir(layout.paths.logs, { recursive: true });
  });

  after(async () => {
    await stopDaemon(layout, 'sleeper');
    await rm(layout.dir, { recursive: true, force: true });
  });

  test('started once, kept when asked again, restarted when its command changes, stopped by pid', async () => {
    assert.equal(await ensureDaemon(layout, spec('300')), 'started');
    const first = await readPidRecord(layout, 'sleeper');
    assert.ok(first && recordAlive(first));
    assert.deepEqual(first.argv, ['sleep', '300']);

    assert.equal(await ensureDaemon(layout, spec('300')), 'running');
    assert.equal((await readPidRecord(layout, 'sleeper'))?.pid, first.pid);

    assert.equal(await ensureDaemon(layout, spec('301')), 'started');
    const second = await readPidRecord(layout, 'sleeper');
    assert.ok(second && second.pid !== first.pid);
    assert.equal(recordAlive(first), false, 'the old one was stopped');

    await stopDaemon(layout, 'sleeper');
    assert.equal(recordAlive(second), false);
    await assert.rejects(readFile(pidFile(layout, 'sleeper')), { code: 'ENOENT' });
  });

  test('a pid file whose start time is not the process\'s is not ours: nothing is killed', async () => {
    await ensureDaemon(layout, spec('300'));
    const record = await readPidRecord(layout, 'sleeper');
    assert.ok(record);
    assert.equal(recordAlive({ ...record, startTime: record.startTime + 1 }), false);
    await stopDaemon(layout, 'sleeper');
  });

  test('a daemon that dies before it is ready is an error naming its log', async () => {
    const failing: DaemonSpec = { name: 'failing', argv: ['sh', '-c', 'echo broken config >&2; exit 3'], ready: () => false, readyTimeoutMs: 3000 };
    await assert.rejects(ensureDaemon(layout, failing), /^Error: failing (stopped before it was ready|exited at once) \(exit 3\): broken config \(log: .*failing\.log\)$/);
  });
});
