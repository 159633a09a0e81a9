// A private OpenSSH server for the SSH executor's tests: its own folder, keys made at test
// time, 127.0.0.1 on a free port, no change to /etc/ssh. One per test file; stop() kills it
// by pid. The listener's children are the per-connection sessions, which a test may kill to
// drop a connection.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SshEndpoint } from '../../../../src/run/exec/sshEndpoint';
import { runningProcesses, signalEach } from './procScan';

export interface PrivateSshd {
  readonly dir: string;
  readonly port: number;
  readonly hostKeyFile: string;
  /** The host key's public line ("ssh-ed25519 AAAA… comment"). */
  readonly hostPublicKey: string;
  /** A client key whose public half is in authorized_keys. */
  readonly clientKeyFile: string;
  /** known_hosts with this server's key under `[127.0.0.1]:port`. */
  readonly knownHostsFile: string;
  readonly username: string;
  /** An endpoint for this server with the authorized key and the filled known_hosts. */
  endpoint(overrides?: Partial<SshEndpoint>): SshEndpoint;
  /** Pids of the per-connection sshd processes (the listener's children). */
  sessionPids(): number[];
  /** Starts the server again (after stop()) on the same port with the same keys. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function makeKey(file: string, type: 'ed25519' | 'ecdsa' = 'ed25519'): string {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'certify-test', '-f', file]);
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

export async function startPrivateSshd(name = 'sshd'): Promise<PrivateSshd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `certify-${name}-`));
  // sshd's privilege-separation folder; Debian's package creates it at boot, a container may not have it.
  mkdirSync('/run/sshd', { recursive: true });
  const hostKeyFile = path.join(dir, 'host_ed25519');
  const hostPublicKey = makeKey(hostKeyFile);
  const clientKeyFile = path.join(dir, 'client_ed25519');
  writeFileSync(path.join(dir, 'authorized_keys'), `${makeKey(clientKeyFile)}\n`);
  const port = await freePort();
  const [type, blob] = hostPublicKey.split(' ');
  const knownHostsFile = path.join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${type} ${blob}\n`);
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      'PidFile none',
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      'ClientAliveInterval 5',
      '',
    ].join('\n'),
  );
  const username = os.userInfo().username;
  let server: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const started = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', path.join(dir, 'sshd.log')], { stdio: 'ignore' });
    server = started;
    await untilListening(port, started, path.join(dir, 'sshd.log'));
  };
  await start();

  return {
    dir,
    port,
    hostKeyFile,
    hostPublicKey,
    clientKeyFile,
    knownHostsFile,
    username,
    endpoint: (overrides = {}) => ({
      name: name,
      host: '127.0.0.1',
      port,
      username,
      identityFile: clientKeyFile,
      knownHostsFile,
      connectTimeoutMs: 5000,
      ...overrides,
    }),
    sessionPids: () => {
      const listener = server?.pid;
      return listener === undefined ? [] : runningProcesses().filter((entry) => entry.ppid === listener).map((entry) => entry.pid);
    },
    restart: start,
    stop: async () => {
      const running = server;
      server = undefined;
      if (running?.pid === undefined) return;
      // Sessions outlive their listener: end them too, so no test leaves an sshd behind. A
      // session may end by itself meanwhile (a client just closed it): that is no error.
      const sessions = runningProcesses().filter((entry) => entry.ppid === running.pid);
      signalEach(sessions.map((session) => session.pid));
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Stops the server and removes its folder. */
export async function disposeSshd(sshd: PrivateSshd): Promise<void> {
  await sshd.stop();
  rmSync(sshd.dir, { recursive: true, force: true });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the port accepts connections; fails with sshd's log if sshd exits first or 10 s pass. */
async function untilListening(port: number, server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`sshd exited: ${readLog(log)}`);
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`sshd is not listening on ${port} after 10 s: ${readLog(log)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function readLog(log: string): string {
  try {
    return readFileSync(log, 'utf8');
  } catch {
    return '(no log written)';
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
