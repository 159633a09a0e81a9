// Reaching a host through a jump host (ssh -J): two private sshds, the second reached by a
// TCP channel of the first. Both host keys are checked strictly; losing the jump connection
// loses the command, and the next run builds both connections again.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Executor } from '../../../../src/run/exec/executor';
import type { SshEndpoint, UnknownHostKey } from '../../../../src/run/exec/sshEndpoint';
import { createSshExecutor } from '../../../../src/run/exec/sshExecutor';
import { disposeSshd, startPrivateSshd, type PrivateSshd } from './privateSshd';
import { runningWithArgv, signalEach, uniqueSleepSeconds } from './procScan';

let bastion: PrivateSshd;
let vantage: PrivateSshd;
const executors: Executor[] = [];
before(async () => {
  [bastion, vantage] = await Promise.all([startPrivateSshd('bastion'), startPrivateSshd('vantage')]);
});
after(async () => {
  await Promise.all(executors.map((executor) => executor.close()));
  await Promise.all([disposeSshd(bastion), disposeSshd(vantage)]);
});

function throughBastion(overrides: Partial<SshEndpoint> = {}, jumpOverrides: Partial<SshEndpoint> = {}): SshEndpoint {
  return vantage.endpoint({ jump: bastion.endpoint(jumpOverrides), ...overrides });
}

function executor(endpoint: SshEndpoint, prompt?: (key: UnknownHostKey) => Promise<boolean>): Executor {
  const made = createSshExecutor(endpoint, { target: 'vantage', ...(prompt ? { prompt } : {}) });
  executors.push(made);
  return made;
}

describe('SSH executor: jump host', () => {
  test('a command runs on the target through the jump host, with one session on each', async () => {
    const remote = executor(throughBastion());
    const result = await remote.run({ argv: ['printf', '%s', 'via bastion'] });
    assert.equal(result.ended, 'exited');
    assert.equal(result.stdout, 'via bastion');
    assert.equal(bastion.sessionPids().length, 1, 'the bastion carries the tunnel');
    assert.equal(vantage.sessionPids().length, 1);
    assert.equal(remote.describe({ argv: ['uptime'] }), `ssh ${vantage.username}@127.0.0.1 -p ${vantage.port} -J ${bastion.username}@127.0.0.1:${bastion.port} -- uptime`);
    await remote.close();
  });

  test("the jump host's key is checked too: unknown there, the run is refused and names the jump", async () => {
    const remote = executor(throughBastion({}, { knownHostsFile: path.join(bastion.dir, 'empty_known_hosts') }));
    const result = await remote.run({ argv: ['true'] });
    assert.equal(result.ended, 'not-started');
    assert.match(result.problem ?? '', /^vantage is reached through bastion, which failed: bastion \(127\.0\.0\.1:\d+\) is not in /);
  });

  test("the target's key behind the jump is checked, and trusted through the prompt", async () => {
    const file = path.join(vantage.dir, 'fresh_known_hosts');
    const refused = await executor(throughBastion({ knownHostsFile: file })).run({ argv: ['true'] });
    assert.equal(refused.ended, 'not-started');
    assert.match(refused.problem ?? '', /^vantage \(127\.0\.0\.1:\d+\) is not in .*add it with: ssh \S+@127\.0\.0\.1 -p \d+ -- 'ssh-keyscan -p \d+ -t ed25519 127\.0\.0\.1' >> /);
    assert.equal(existsSync(file), false);

    const asked: string[] = [];
    const trusted = await executor(throughBastion({ knownHostsFile: file }), async (key) => (asked.push(key.endpoint), true)).run({ argv: ['echo', 'ok'] });
    assert.equal(trusted.stdout, 'ok\n');
    assert.deepEqual(asked, ['vantage'], 'only the unknown target was asked about');
    assert.match(readFileSync(file, 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${vantage.port} ssh-ed25519 `));
  });

  test('losing the jump connection mid-command ends the run disconnected; the next run reconnects', async () => {
    const remote = executor(throughBastion());
    const before = new Set(bastion.sessionPids());
    let killed: number[] = [];
    const sleep = ['sleep', uniqueSleepSeconds()];
    const result = await remote.run(
      { argv: ['sh', '-c', `echo started; exec ${sleep.join(' ')}`] },
      {
        onOutput: () => {
          killed = bastion.sessionPids().filter((pid) => !before.has(pid));
          signalEach(killed);
        },
      },
    );
    assert.equal(killed.length, 1);
    assert.equal(result.ended, 'disconnected');
    // The target keeps running what it ran: that is why the outcome is unknown.
    signalEach(runningWithArgv(sleep).map((left) => left.pid));
    const again = await remote.run({ argv: ['echo', 'again'] });
    assert.equal(again.stdout, 'again\n');
  });
});
