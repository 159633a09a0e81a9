// The SSH executor when things go wrong: timeout and cancel must leave no remote process
// behind (this machine is the remote host here, so /proc shows it), a connection killed or
// gone silent mid-command ends 'disconnected', and the next run connects again.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Executor } from '../../../../src/run/exec/executor';
import { createSshExecutor } from '../../../../src/run/exec/sshExecutor';
import { disposeSshd, startPrivateSshd, type PrivateSshd } from './privateSshd';
import { runningWithArgv, signalEach, uniqueSleepSeconds } from './procScan';

let sshd: PrivateSshd;
const executors: Executor[] = [];
const sleeps: string[] = [];
before(async () => {
  sshd = await startPrivateSshd('pve01');
});
after(async () => {
  await Promise.all(executors.map((executor) => executor.close()));
  // A failed test must not leave its remote sleeps running.
  for (const seconds of sleeps) signalEach(runningWithArgv(['sleep', seconds]).map((left) => left.pid));
  await disposeSshd(sshd);
});

function executor(keepaliveMs?: number): Executor {
  const made = createSshExecutor(sshd.endpoint(keepaliveMs === undefined ? {} : { keepaliveMs }), { target: 'proxmox' });
  executors.push(made);
  return made;
}

/** `sh -c` whose child sleeps; "started" is said once the sleep runs (not just forked). */
function sleeper(prefix = ''): { argv: string[]; sleep: string[] } {
  const seconds = uniqueSleepSeconds();
  sleeps.push(seconds);
  const script = `${prefix}sleep ${seconds} & child=$!; until grep -q sleep /proc/$child/cmdline 2>/dev/null; do :; done; echo started; wait; echo done`;
  return { argv: ['sh', '-c', script], sleep: ['sleep', seconds] };
}

const killEach = signalEach;

describe('SSH executor: faults', () => {
  test('cancel kills the remote process tree, not just the channel', async () => {
    const remote = executor();
    const job = sleeper();
    const controller = new AbortController();
    let runningAtCancel = 0;
    const result = await remote.run(
      { argv: job.argv },
      {
        signal: controller.signal,
        onOutput: (chunk) => {
          if (!chunk.includes('started')) return;
          runningAtCancel = runningWithArgv(job.sleep).length + runningWithArgv(job.argv).length;
          controller.abort();
        },
      },
    );
    assert.equal(result.ended, 'cancelled');
    assert.equal(result.exitCode, null);
    assert.equal(result.stdout, 'started\n');
    assert.match(result.problem ?? '', /^Cancelled: stopped sh on pve01/);
    assert.equal(runningAtCancel, 2, 'the shell and its sleep ran when the cancel came');
    assert.deepEqual(runningWithArgv(job.sleep), []);
    assert.deepEqual(runningWithArgv(job.argv), []);
  });

  test('timeout kills the remote tree, also children that ignore SIGTERM', async () => {
    const remote = executor();
    const job = sleeper(`trap '' TERM; sleep ${uniqueSleepSeconds()} & `);
    const result = await remote.run({ argv: job.argv, timeoutMs: 1500 });
    assert.equal(result.ended, 'timeout');
    assert.equal(result.signal, 'SIGKILL', 'SIGTERM was ignored, so SIGKILL ended it');
    assert.match(result.problem ?? '', /^Timed out after 1\.5 s/);
    assert.equal(result.stdout, 'started\n');
    assert.deepEqual(runningWithArgv(job.sleep), []);
    assert.deepEqual(runningWithArgv(job.argv), []);
    const background = job.argv[2].match(/^trap '' TERM; sleep (\d+\.\d+) &/)?.[1] as string;
    sleeps.push(background);
    assert.deepEqual(runningWithArgv(['sleep', background]), []);
  });

  test('a connection killed mid-command ends disconnected; the next run connects again', async () => {
    const remote = executor();
    const job = sleeper();
    const sessionsBefore = new Set(sshd.sessionPids());
    let killed: number[] = [];
    const result = await remote.run(
      { argv: job.argv },
      {
        onOutput: (chunk) => {
          if (!chunk.includes('started')) return;
          killed = sshd.sessionPids().filter((pid) => !sessionsBefore.has(pid));
          killEach(killed, 'SIGKILL');
        },
      },
    );
    assert.equal(killed.length, 1, 'one session process served this executor');
    assert.equal(result.ended, 'disconnected');
    assert.equal(result.exitCode, null);
    assert.match(result.problem ?? '', /^Lost pve01 \(127\.0\.0\.1:\d+\) while sh ran .*its outcome is unknown/);
    // The host keeps what it was running: that is why the outcome is unknown.
    killEach(runningWithArgv(job.sleep).map((entry) => entry.pid), 'SIGKILL');
    const next = await remote.run({ argv: ['echo', 'again'] });
    assert.equal(next.ended, 'exited');
    assert.equal(next.stdout, 'again\n');
  });

  test('a host that stops answering is dropped after three missed keepalives', async () => {
    const remote = executor(200);
    const job = sleeper();
    const sessionsBefore = new Set(sshd.sessionPids());
    let frozen: number[] = [];
    try {
      const result = await remote.run(
        { argv: job.argv },
        {
          onOutput: (chunk) => {
            if (!chunk.includes('started')) return;
            frozen = sshd.sessionPids().filter((pid) => !sessionsBefore.has(pid));
            killEach(frozen, 'SIGSTOP');
          },
        },
      );
      assert.equal(frozen.length, 1);
      assert.equal(result.ended, 'disconnected');
      assert.match(result.problem ?? '', /stopped answering \(no reply to 3 keepalives\)/);
    } finally {
      killEach(frozen, 'SIGKILL');
      killEach(runningWithArgv(job.sleep).map((entry) => entry.pid), 'SIGKILL');
    }
  });

  test('sshd going away: the run ends disconnected, runs meanwhile do not start, and it reconnects after a restart', async () => {
    const remote = executor();
    const job = sleeper();
    let stopping: Promise<void> = Promise.resolve();
    const result = await remote.run(
      { argv: job.argv },
      {
        onOutput: (chunk) => {
          if (chunk.includes('started')) stopping = sshd.stop();
        },
      },
    );
    await stopping;
    assert.equal(result.ended, 'disconnected');
    killEach(runningWithArgv(job.sleep).map((entry) => entry.pid), 'SIGKILL');
    const whileDown = await remote.run({ argv: ['true'] });
    assert.equal(whileDown.ended, 'not-started');
    assert.match(whileDown.problem ?? '', /connection refused/);
    await sshd.restart();
    const back = await remote.run({ argv: ['echo', 'back'] });
    assert.equal(back.stdout, 'back\n');
  });
});
