// The local executor against real processes: exit codes, streams, env, cwd, stdin, and that
// timeout and cancel leave no process of the command's tree behind.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { MAX_CAPTURE, type CommandResult } from '../../../../src/run/exec/executor';
import { createLocalExecutor } from '../../../../src/run/exec/localExecutor';
import { runningInGroup, runningWithArgv, signalEach, uniqueSleepSeconds } from './procScan';

const local = createLocalExecutor();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'certify-local-exec-'));
const sleeps: string[] = [];
after(() => {
  // A failed test must not leave its sleeps running.
  for (const seconds of sleeps) signalEach(runningWithArgv(['sleep', seconds]).map((left) => left.pid));
  rmSync(scratch, { recursive: true, force: true });
});

function sleepFor(): string {
  const seconds = uniqueSleepSeconds();
  sleeps.push(seconds);
  return seconds;
}

const sh = (script: string, ...args: string[]): string[] => ['sh', '-c', script, 'sh', ...args];

describe('local executor', () => {
  test('exit codes come back as they are; a failing command does not throw', async () => {
    const ok = await local.run({ argv: ['true'] });
    assert.equal(ok.ended, 'exited');
    assert.equal(ok.exitCode, 0);
    const failed = await local.run({ argv: sh('exit 3') });
    assert.equal(failed.ended, 'exited');
    assert.equal(failed.exitCode, 3);
    assert.equal(failed.problem, undefined);
  });

  test('a command ended by a signal it got elsewhere has exited with no code and that signal', async () => {
    const result = await local.run({ argv: sh('kill -KILL $$') });
    assert.equal(result.ended, 'exited');
    assert.equal(result.exitCode, null);
    assert.equal(result.signal, 'SIGKILL');
  });

  test('stdout and stderr stay apart, in the result and in the stream', async () => {
    const seen: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
    const result = await local.run({ argv: sh('echo out; echo err >&2; echo more') }, { onOutput: (chunk, stream) => (seen[stream] += chunk) });
    assert.equal(result.stdout, 'out\nmore\n');
    assert.equal(result.stderr, 'err\n');
    assert.deepEqual(seen, { stdout: 'out\nmore\n', stderr: 'err\n' });
  });

  test('output reaches the listener while the command runs, in the order it was written', async () => {
    // Each write waits until the listener has seen the one before: only streaming gets past that.
    const dir = mkdtempSync(path.join(scratch, 'order-'));
    const waitFor = (name: string) => `while [ ! -e "$1/${name}" ]; do sleep 0.01; done`;
    const events: string[] = [];
    const result = await local.run(
      { argv: sh(`printf one; ${waitFor('one')}; printf two >&2; ${waitFor('two')}; printf three`, dir), timeoutMs: 20_000 },
      {
        onOutput: (chunk, stream) => {
          events.push(`${stream}:${chunk}`);
          writeFileSync(path.join(dir, chunk), '');
        },
      },
    );
    assert.equal(result.ended, 'exited');
    assert.deepEqual(events, ['stdout:one', 'stderr:two', 'stdout:three']);
  });

  test('env is added to the inherited environment; cwd sets the folder', async () => {
    const folder = mkdtempSync(path.join(scratch, 'cwd-'));
    const result = await local.run({ argv: sh('printf "%s|%s|%s" "$CERTIFY_TEST" "$HOME" "$(pwd)"'), env: { CERTIFY_TEST: 'a b $c' }, cwd: folder });
    assert.equal(result.stdout, `a b $c|${process.env.HOME}|${folder}`);
  });

  test('a cwd that does not exist is refused before anything runs', async () => {
    const result = await local.run({ argv: ['true'], cwd: path.join(scratch, 'missing') });
    assert.equal(result.ended, 'not-started');
    assert.match(result.problem ?? '', /missing does not exist/);
  });

  test('stdin is written and closed; without it the command reads end-of-file at once', async () => {
    const fed = await local.run({ argv: ['cat'], stdin: 'line one\nzwei ü\n' });
    assert.equal(fed.stdout, 'line one\nzwei ü\n');
    const unfed = await local.run({ argv: ['cat'] });
    assert.equal(unfed.ended, 'exited');
    assert.equal(unfed.stdout, '');
  });

  test('a program that does not exist has not started, and the problem names it', async () => {
    const result = await local.run({ argv: ['certify-no-such-program', '--version'] });
    assert.equal(result.ended, 'not-started');
    assert.equal(result.exitCode, null);
    assert.match(result.problem ?? '', /^certify-no-such-program: not found on PATH/);
  });

  test('an environment name a shell could not set is refused', async () => {
    const result = await local.run({ argv: ['true'], env: { 'BAD NAME': 'x' } });
    assert.equal(result.ended, 'not-started');
    assert.match(result.problem ?? '', /"BAD NAME"/);
  });

  test('timeout kills the whole tree: the shell and its background and foreground children', async () => {
    const seconds = sleepFor();
    let pgid = 0;
    const result = await local.run(
      { argv: sh(`echo $$; sleep ${seconds} & sleep ${seconds}`), timeoutMs: 1500 },
      { onOutput: (chunk) => (pgid = pgid || Number.parseInt(chunk, 10)) },
    );
    assert.equal(result.ended, 'timeout');
    assert.equal(result.exitCode, null);
    assert.match(result.problem ?? '', /Timed out after 1\.5 s/);
    assert.ok(pgid > 0, 'the shell reported its pid before the timeout');
    assert.deepEqual(runningInGroup(pgid), []);
    assert.deepEqual(runningWithArgv(['sleep', seconds]), []);
  });

  test('cancel kills the whole tree, also children that ignore SIGTERM (SIGKILL after the grace)', async () => {
    const seconds = sleepFor();
    const controller = new AbortController();
    let pgid = 0;
    const result = await local.run(
      { argv: sh(`trap '' TERM; sleep ${seconds} & sleep ${seconds} & echo $$; wait`) },
      {
        signal: controller.signal,
        onOutput: (chunk) => {
          pgid = Number.parseInt(chunk, 10);
          controller.abort();
        },
      },
    );
    assert.equal(result.ended, 'cancelled');
    assert.equal(result.signal, 'SIGKILL');
    assert.deepEqual(runningInGroup(pgid), []);
    assert.deepEqual(runningWithArgv(['sleep', seconds]), []);
  });

  test('a signal already aborted runs nothing', async () => {
    const result = await local.run({ argv: ['touch', path.join(scratch, 'never')] }, { signal: AbortSignal.abort() });
    assert.equal(result.ended, 'cancelled');
    assert.equal(runningWithArgv(['touch', path.join(scratch, 'never')]).length, 0);
  });

  test('big output keeps only its tail, MAX_CAPTURE bytes', async () => {
    const total = MAX_CAPTURE + 3 * 1024 * 1024;
    let streamed = 0;
    const result: CommandResult = await local.run(
      { argv: sh(`head -c ${total} /dev/zero | tr '\\0' a; printf END`) },
      { onOutput: (chunk) => (streamed += chunk.length) },
    );
    assert.equal(streamed, total + 3, 'the listener still sees everything');
    assert.equal(result.stdout.length, MAX_CAPTURE);
    assert.ok(result.stdout.endsWith('aaaEND'));
  });

  test('a UTF-8 character written in two pieces arrives whole', async () => {
    let streamed = '';
    const result = await local.run({ argv: sh(`printf 'caf\\303'; sleep 0.1; printf '\\251 \\342\\202'; sleep 0.1; printf '\\254'`) }, { onOutput: (chunk) => (streamed += chunk) });
    assert.equal(result.stdout, 'café €');
    assert.equal(streamed, 'café €');
  });

  test('describe() writes env as assignments and cwd as a subshell, quoted for a shell', () => {
    assert.equal(local.describe({ argv: ['ansible-playbook', 'playbooks/web-deploy.yml'] }), 'ansible-playbook playbooks/web-deploy.yml');
    assert.equal(
      local.describe({ argv: ['printf', '%s', "it's"], env: { ANSIBLE_FORCE_COLOR: '0', NOTE: 'a b' }, cwd: '/srv/my repo' }),
      `(cd '/srv/my repo' && ANSIBLE_FORCE_COLOR=0 NOTE='a b' printf %s 'it'\\''s')`,
    );
  });
});
