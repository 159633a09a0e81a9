// Strict host-key checking and authentication against a real sshd: unknown hosts refused or
// trusted through the prompt, changed and revoked keys always refused, hashed and listed
// entries accepted, wrong keys and passphrases named in the problem, the SSH agent used.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SshEndpoint, UnknownHostKey } from '../../../../src/run/exec/sshEndpoint';
import { createSshExecutor, type SshExecutorOptions } from '../../../../src/run/exec/sshExecutor';
import { disposeSshd, makeKey, startPrivateSshd, type PrivateSshd } from './privateSshd';

let sshd: PrivateSshd;
let hostFingerprint: string;
before(async () => {
  sshd = await startPrivateSshd('pve01');
  hostFingerprint = execFileSync('ssh-keygen', ['-lf', `${sshd.hostKeyFile}.pub`], { encoding: 'utf8' }).split(' ')[1];
});
after(() => disposeSshd(sshd));

let files = 0;
/** A known_hosts file of its own for one test. */
function knownHosts(content: string): string {
  const file = path.join(sshd.dir, `known_hosts.${(files += 1)}`);
  if (content !== '') writeFileSync(file, content);
  return file;
}

/** Runs `echo ok` once through a fresh executor and closes it. */
async function tryRun(endpoint: SshEndpoint, options: Omit<SshExecutorOptions, 'target'> = {}) {
  const executor = createSshExecutor(endpoint, { target: 'proxmox', ...options });
  try {
    return await executor.run({ argv: ['echo', 'ok'] });
  } finally {
    await executor.close();
  }
}

const hostLine = (name: string): string => `${name} ${sshd.hostPublicKey.split(' ').slice(0, 2).join(' ')}`;
const refuseIfAsked = async (): Promise<boolean> => assert.fail('the prompt must not be asked');

describe('SSH executor: host keys', () => {
  test('an unknown host without a prompt is refused, with its fingerprint and how to add it', async () => {
    const file = knownHosts('');
    const result = await tryRun(sshd.endpoint({ knownHostsFile: file }));
    assert.equal(result.ended, 'not-started');
    const problem = result.problem ?? '';
    assert.ok(problem.startsWith(`pve01 (127.0.0.1:${sshd.port}) is not in ${file}`), problem);
    assert.ok(problem.includes(`; its ED25519 key is ${hostFingerprint}. `), problem);
    assert.ok(problem.includes(`ssh-keyscan -p ${sshd.port} -t ed25519 127.0.0.1 >> ${file}`), problem);
    assert.equal(existsSync(file), false, 'nothing was written');
  });

  test('a prompt that says no refuses the host and records nothing', async () => {
    const file = knownHosts('# nothing trusted yet\n');
    const asked: UnknownHostKey[] = [];
    const result = await tryRun(sshd.endpoint({ knownHostsFile: file }), { prompt: async (key) => (asked.push(key), false) });
    assert.equal(result.ended, 'not-started');
    assert.deepEqual(asked, [{ endpoint: 'pve01', knownHostsName: `[127.0.0.1]:${sshd.port}`, keyType: 'ED25519', fingerprint: hostFingerprint }]);
    assert.equal(readFileSync(file, 'utf8'), '# nothing trusted yet\n');
  });

  test('a prompt that says yes records the key and connects; the next connection asks nothing', async () => {
    const file = knownHosts('# no newline at the end');
    let asked = 0;
    const first = await tryRun(sshd.endpoint({ knownHostsFile: file }), { prompt: async () => ((asked += 1), true) });
    assert.equal(first.stdout, 'ok\n');
    assert.equal(asked, 1);
    assert.equal(readFileSync(file, 'utf8'), `# no newline at the end\n${hostLine(`[127.0.0.1]:${sshd.port}`)}\n`);
    // The recorded line is one OpenSSH reads too.
    assert.match(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', file], { encoding: 'utf8' }), /ssh-ed25519/);
    const second = await tryRun(sshd.endpoint({ knownHostsFile: file }), { prompt: refuseIfAsked });
    assert.equal(second.stdout, 'ok\n');
  });

  test('a changed key is refused even when the prompt would say yes, with both fingerprints', async () => {
    const oldKey = makeKey(path.join(sshd.dir, 'old_host_key'));
    const oldFingerprint = execFileSync('ssh-keygen', ['-lf', path.join(sshd.dir, 'old_host_key.pub')], { encoding: 'utf8' }).split(' ')[1];
    const file = knownHosts(`[127.0.0.1]:${sshd.port} ${oldKey}\n`);
    const result = await tryRun(sshd.endpoint({ knownHostsFile: file }), { prompt: async () => true });
    assert.equal(result.ended, 'not-started');
    const problem = result.problem ?? '';
    assert.match(problem, /has CHANGED/);
    assert.ok(problem.includes(oldFingerprint) && problem.includes(hostFingerprint), problem);
    assert.ok(problem.includes(`ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f ${file}`), problem);
    assert.equal(readFileSync(file, 'utf8'), `[127.0.0.1]:${sshd.port} ${oldKey}\n`, 'the file is left alone');
  });

  test('a hashed known_hosts entry (ssh-keygen -H) is accepted', async () => {
    const file = knownHosts(`${hostLine(`[127.0.0.1]:${sshd.port}`)}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    assert.match(readFileSync(file, 'utf8'), /^\|1\|/);
    const result = await tryRun(sshd.endpoint({ knownHostsFile: file }), { prompt: refuseIfAsked });
    assert.equal(result.stdout, 'ok\n');
  });

  test('comments, other hosts, comma lists and wildcards are read as ssh reads them', async () => {
    const other = makeKey(path.join(sshd.dir, 'other_key'));
    const file = knownHosts(
      [`# lab hosts`, `other.lab ${other}`, '', `pve01,${hostLine(`[127.0.0.1]:${sshd.port}`)}`, ''].join('\n'),
    );
    assert.equal((await tryRun(sshd.endpoint({ knownHostsFile: file }), { prompt: refuseIfAsked })).stdout, 'ok\n');
    const byPattern = knownHosts(`[127.0.0.?]:${sshd.port},!other ${sshd.hostPublicKey}\n`);
    assert.equal((await tryRun(sshd.endpoint({ knownHostsFile: byPattern }), { prompt: refuseIfAsked })).stdout, 'ok\n');
    const byName = knownHosts(`${hostLine('pve01')}\n`);
    assert.equal((await tryRun(sshd.endpoint({ knownHostsFile: byName, knownHostsName: 'pve01' }), { prompt: refuseIfAsked })).stdout, 'ok\n');
  });

  test('a key marked @revoked is refused even when the host is also listed with it', async () => {
    const name = `[127.0.0.1]:${sshd.port}`;
    const file = knownHosts(`@revoked ${hostLine(name)}\n${hostLine(name)}\n`);
    const result = await tryRun(sshd.endpoint({ knownHostsFile: file }), { prompt: async () => true });
    assert.equal(result.ended, 'not-started');
    assert.match(result.problem ?? '', /marks @revoked/);
  });
});

describe('SSH executor: authentication', () => {
  test('a key the host does not accept fails authentication, naming user, host and key', async () => {
    const stranger = path.join(sshd.dir, 'stranger_key');
    makeKey(stranger);
    const result = await tryRun(sshd.endpoint({ identityFile: stranger }));
    assert.equal(result.ended, 'not-started');
    assert.ok((result.problem ?? '').startsWith(`Authentication failed for ${sshd.username}@127.0.0.1 (pve01) with the key ${stranger}`), result.problem);
  });

  test('an encrypted key works with its passphrase; without it or with a wrong one the problem says so', async () => {
    const locked = path.join(sshd.dir, 'locked_key');
    copyFileSync(sshd.clientKeyFile, locked);
    execFileSync('ssh-keygen', ['-q', '-p', '-N', 'open sesame', '-f', locked]);
    assert.equal((await tryRun(sshd.endpoint({ identityFile: locked, passphrase: 'open sesame' }))).stdout, 'ok\n');
    assert.match((await tryRun(sshd.endpoint({ identityFile: locked }))).problem ?? '', /locked_key is encrypted: give its passphrase/);
    assert.match((await tryRun(sshd.endpoint({ identityFile: locked, passphrase: 'wrong' }))).problem ?? '', /passphrase for pve01 is wrong/);
    assert.match((await tryRun(sshd.endpoint({ identityFile: path.join(sshd.dir, 'no_such_key') }))).problem ?? '', /Cannot read the SSH key .*no_such_key/);
  });

  test('without an identityFile the SSH agent logs in; without an agent the problem says what to set', async () => {
    const socket = path.join(sshd.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      for (const deadline = Date.now() + 5000; !existsSync(socket); ) {
        assert.ok(Date.now() < deadline, 'ssh-agent made its socket');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      execFileSync('ssh-add', ['-q', sshd.clientKeyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      process.env.SSH_AUTH_SOCK = socket;
      assert.equal((await tryRun(sshd.endpoint({ identityFile: undefined }))).stdout, 'ok\n');
      delete process.env.SSH_AUTH_SOCK;
      assert.match((await tryRun(sshd.endpoint({ identityFile: undefined }))).problem ?? '', /set its identityFile, or start an SSH agent/);
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      agent.kill('SIGTERM');
    }
  });
});
