// The SSH executor against a real sshd: exit codes, streams, stdin, env, hostile argv that
// must arrive exactly, cwd, one reused connection, describe().

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Executor } from '../../../../src/run/exec/executor';
import { createSshExecutor } from '../../../../src/run/exec/sshExecutor';
import { disposeSshd, startPrivateSshd, type PrivateSshd } from './privateSshd';

let sshd: PrivateSshd;
let remote: Executor;
before(async () => {
  sshd = await startPrivateSshd('pve01');
  remote = createSshExecutor(sshd.endpoint(), { target: 'proxmox' });
});
after(async () => {
  await remote.close();
  await disposeSshd(sshd);
});

const HOSTILE = [
  "it's",
  'say "hi"',
  '$HOME and ${PATH} and $(id) and `id`',
  'two\nlines\n',
  '  spaced  out  ',
  'semi; colon && amp | pipe > redirect < in',
  '*.yml ? [ab] ~root',
  "back\\slash '\\'' mix",
  '',
  'ünïcödé ✓',
  '-n',
];

describe('SSH executor: commands', () => {
  test('exit codes and output come back; a failing command does not throw', async () => {
    const ok = await remote.run({ argv: ['sh', '-c', 'echo out; echo err >&2'] });
    assert.equal(ok.ended, 'exited');
    assert.equal(ok.exitCode, 0);
    assert.equal(ok.stdout, 'out\n');
    assert.equal(ok.stderr, 'err\n', 'the process-group marker never shows in stderr');
    const failed = await remote.run({ argv: ['sh', '-c', 'exit 7'] });
    assert.equal(failed.ended, 'exited');
    assert.equal(failed.exitCode, 7);
  });

  test('output streams to the listener; the remote shell reports a missing program with 127', async () => {
    let streamed = '';
    const result = await remote.run({ argv: ['sh', '-c', 'printf a; printf b >&2; printf c'] }, { onOutput: (chunk) => (streamed += chunk) });
    assert.equal(result.stdout, 'ac');
    assert.equal(result.stderr, 'b');
    assert.equal([...streamed].sort().join(''), 'abc');
    const missing = await remote.run({ argv: ['certify-no-such-program'] });
    assert.equal(missing.ended, 'exited');
    assert.equal(missing.exitCode, 127);
    assert.match(missing.stderr, /certify-no-such-program/);
  });

  test('hostile argv arrives exactly, word for word (printf %s)', async () => {
    for (const word of HOSTILE) {
      const result = await remote.run({ argv: ['printf', '%s', word] });
      assert.equal(result.exitCode, 0, `printf ${JSON.stringify(word)}: ${result.stderr}`);
      assert.equal(result.stdout, word);
    }
    const all = await remote.run({ argv: ['printf', '%s\\0', ...HOSTILE] });
    assert.deepEqual(all.stdout.split('\0').slice(0, -1), HOSTILE);
  });

  test('env values arrive exactly; env is set for the command only', async () => {
    const env = { CERTIFY_ONE: HOSTILE[2], CERTIFY_TWO: HOSTILE[3] };
    const result = await remote.run({ argv: ['sh', '-c', 'printf "%s|%s" "$CERTIFY_ONE" "$CERTIFY_TWO"'], env });
    assert.equal(result.stdout, `${env.CERTIFY_ONE}|${env.CERTIFY_TWO}`);
    const bad = await remote.run({ argv: ['true'], env: { 'A=B': 'x' } });
    assert.equal(bad.ended, 'not-started');
  });

  test('stdin is written and closed; without it the command reads end-of-file', async () => {
    const fed = await remote.run({ argv: ['cat'], stdin: "line 1\n'quoted' $x\n" });
    assert.equal(fed.stdout, "line 1\n'quoted' $x\n");
    const unfed = await remote.run({ argv: ['cat'] });
    assert.equal(unfed.ended, 'exited');
    assert.equal(unfed.stdout, '');
  });

  test('cwd changes the remote folder; a missing one fails the command', async () => {
    const here = await remote.run({ argv: ['pwd'], cwd: sshd.dir });
    assert.equal(here.stdout, `${sshd.dir}\n`);
    const missing = await remote.run({ argv: ['pwd'], cwd: `${sshd.dir}/no such folder` });
    assert.equal(missing.ended, 'exited');
    assert.notEqual(missing.exitCode, 0);
  });

  test('runs share one connection, also when they run at once', async () => {
    const results = await Promise.all([1, 2, 3].map((n) => remote.run({ argv: ['sh', '-c', `echo ${n}`] })));
    assert.deepEqual(
      results.map((result) => result.stdout),
      ['1\n', '2\n', '3\n'],
    );
    assert.equal(sshd.sessionPids().length, 1);
  });

  test('close() ends the connection; it is safe twice, and a later run connects again', async () => {
    await remote.run({ argv: ['true'] });
    await remote.close();
    await remote.close();
    const again = await remote.run({ argv: ['echo', 'back'] });
    assert.equal(again.stdout, 'back\n');
  });

  test('a cancel that comes before the command starts (even while connecting) runs nothing', async () => {
    const marker = path.join(sshd.dir, 'never-touched');
    const already = await remote.run({ argv: ['touch', marker] }, { signal: AbortSignal.abort() });
    assert.equal(already.ended, 'cancelled');
    // The host-key question is asked while connecting: the cancel comes in the middle of it.
    const controller = new AbortController();
    const fresh = createSshExecutor(sshd.endpoint({ knownHostsFile: path.join(sshd.dir, 'known_hosts.cancel') }), {
      target: 'proxmox',
      prompt: async () => {
        controller.abort();
        return true;
      },
    });
    const whileConnecting = await fresh.run({ argv: ['touch', marker] }, { signal: controller.signal });
    await fresh.close();
    assert.equal(whileConnecting.ended, 'cancelled');
    assert.equal(existsSync(marker), false);
  });

  test('describe() is the ssh command a person would paste', () => {
    const plain = remote.describe({ argv: ['pct', 'status', '165'] });
    assert.equal(plain, `ssh ${sshd.username}@127.0.0.1 -p ${sshd.port} -- pct status 165`);
    // Pasted into a shell, the words after `--` become the remote line; that line, run by the
    // remote shell, gives back the exact argv.
    const quoted = remote.describe({ argv: ['printf', '%s', "it's $HOME"], env: { A: 'b c' } });
    const prefix = `ssh ${sshd.username}@127.0.0.1 -p ${sshd.port} -- `;
    assert.ok(quoted.startsWith(prefix), quoted);
    const remoteLine = execFileSync('sh', ['-c', `printf %s ${quoted.slice(prefix.length)}`], { encoding: 'utf8' });
    assert.equal(remoteLine, `env 'A=b c' printf %s 'it'\\''s $HOME'`);
    assert.equal(execFileSync('sh', ['-c', remoteLine], { encoding: 'utf8' }), "it's $HOME");
  });
});
