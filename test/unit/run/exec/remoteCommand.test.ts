// The remote command line and its process-group marker, run here with a real sh: argv and env
// arrive exactly, the marker reports the group and is taken out of stderr however the chunks
// fall, and the kill line ends a group (zombies do not keep it waiting).

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { killGroupCommandLine, newPgidMarker, PgidFilter, wrappedCommandLine } from '../../../../src/run/exec/remoteCommand';
import { runningInGroup, runningWithArgv, signalEach, uniqueSleepSeconds } from './procScan';

describe('remote command line', () => {
  test('run by a shell it gives the exact argv and env, after one marker line on stderr', () => {
    const marker = newPgidMarker();
    const line = wrappedCommandLine({ argv: ['sh', '-c', 'printf "%s|%s" "$1" "$CERTIFY_X"', 'sh', "it's $HOME\n`id`"], env: { CERTIFY_X: '"a b"' } }, marker);
    const run = spawnSync('sh', ['-c', line], { encoding: 'utf8' });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `it's $HOME\n\`id\`|"a b"`);
    assert.match(run.stderr, new RegExp(`^${marker} \\d+\\n$`));
  });

  test('the marker line names the shell that runs the command, and only it is removed', async () => {
    const marker = newPgidMarker();
    const child = spawn('sh', ['-c', wrappedCommandLine({ argv: ['sh', '-c', 'echo "pid $$"; echo err >&2'] }, marker)]);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let reported: number | undefined;
    const filter = new PgidFilter(marker, (pgid) => (reported = pgid));
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(filter.write(chunk)));
    await new Promise((resolve) => child.on('close', resolve));
    stderr.push(filter.end());
    assert.equal(Buffer.concat(stderr).toString(), 'err\n');
    // exec keeps the pid: the marker's pid is the command's own.
    assert.equal(Buffer.concat(stdout).toString(), `pid ${reported}\n`);
    assert.equal(filter.pgid, reported);
  });

  test('the filter finds the marker however the bytes are chunked, and passes other lines on', () => {
    const marker = newPgidMarker();
    const stream = Buffer.from(`profile noise\n${marker} 4242\nreal error\n`);
    for (let size = 1; size <= stream.length; size += 1) {
      const filter = new PgidFilter(marker, () => {});
      const out: Buffer[] = [];
      for (let at = 0; at < stream.length; at += size) out.push(filter.write(stream.subarray(at, at + size)));
      out.push(filter.end());
      assert.equal(Buffer.concat(out).toString(), 'profile noise\nreal error\n', `chunks of ${size}`);
      assert.equal(filter.pgid, 4242);
    }
  });

  test('an unfinished line that cannot be the marker is not held back', () => {
    const filter = new PgidFilter(newPgidMarker(), () => {});
    assert.equal(filter.write(Buffer.from('warning: no newline yet')).toString(), 'warning: no newline yet');
    assert.equal(filter.write(Buffer.from('cert')).toString(), '', 'could still become the marker');
    assert.equal(filter.write(Buffer.from('ify-other\n')).toString(), 'certify-other\n');
    assert.equal(filter.pgid, undefined);
  });

  test('the kill line ends a group, also members that ignore SIGTERM', async () => {
    const seconds = uniqueSleepSeconds();
    // setsid: the group of its own that sshd would give the session.
    const group = spawn('setsid', ['sh', '-c', `trap '' TERM; sleep ${seconds} & sleep ${seconds} & wait`], { stdio: 'ignore' });
    try {
      for (const deadline = Date.now() + 5000; runningWithArgv(['sleep', seconds]).length < 2; ) {
        assert.ok(Date.now() < deadline, 'both sleeps started');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const pgid = runningWithArgv(['sleep', seconds])[0].pgid;
      execFileSync('sh', ['-c', killGroupCommandLine(pgid)]);
      assert.deepEqual(runningInGroup(pgid), []);
    } finally {
      signalEach(runningWithArgv(['sleep', seconds]).map((left) => left.pid));
      group.kill('SIGKILL');
    }
  });
});
