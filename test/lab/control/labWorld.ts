// Helpers of the lab-world tests: a lab of our own (name `lnet`, free loopback ports), commands
// run inside its namespaces, and the "nothing left" inspection `down` is held to.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import { namesPath } from '../../../src/lab/control/leftovers';
import { labLayout, type LabLayout } from '../../../src/lab/labLayout';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function testLayout(): Promise<LabLayout> {
  return labLayout({ name: 'lnet', dir: '/tmp/lnet-lab', forwards: { sshPort: await freePort(), apiPort: await freePort() } });
}

export function requireRoot(): void {
  assert.equal(process.getuid?.(), 0, 'the lab tests need root (they create namespaces and daemons): run them as root');
}

/** Runs argv inside a namespace; returns status and output (never throws on a non-zero exit). */
export function inNetns(netns: string, argv: readonly string[], timeoutMs = 20_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('ip', ['netns', 'exec', netns, ...argv], { encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Python in a namespace: connects to each address and prints `errno milliseconds` per line. */
export function connectTimes(netns: string, targets: readonly [string, number][]): { errno: number; ms: number }[] {
  const script = [
    'import socket, sys, time',
    'for host, port in ' + JSON.stringify(targets) + ':',
    '    s = socket.socket(); s.settimeout(5); t = time.monotonic()',
    '    try:',
    '        s.connect((host, port)); code = 0',
    '    except OSError as e:',
    '        code = e.errno if e.errno is not None else -1',
    '    print(code, (time.monotonic() - t) * 1000)',
    '    s.close()',
  ].join('\n');
  const result = inNetns(netns, ['python3', '-c', script]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .map(([errno, ms]) => ({ errno: Number(errno), ms: Number(ms) }));
}

export function ssh(layout: LabLayout, target: string, command: string, extra: readonly string[] = []): string[] {
  const home = layout.paths.home;
  return [
    'ssh',
    '-i',
    `${home}/.ssh/id_ed25519`,
    '-o',
    `UserKnownHostsFile=${home}/.ssh/known_hosts`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=5',
    ...extra,
    target,
    command,
  ];
}

/** Everything `down` must have removed; returns what is still there (empty: nothing). */
export function whatIsLeft(layout: LabLayout, pids: readonly number[]): string[] {
  const left: string[] = [];
  const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  for (const ns of [layout.netns, layout.wanNetns]) if (new RegExp(`^${ns}( |$)`, 'm').test(namespaces)) left.push(`namespace ${ns}`);
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  for (const line of links.split('\n')) if (line.includes(`${layout.name}-`)) left.push(`link in the machine's namespace: ${line.trim()}`);
  for (const pid of pids) if (alive(pid)) left.push(`process ${pid} from a pid file`);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (namesPath(cmdline, layout.dir)) left.push(`process ${entry}: ${cmdline}`);
  }
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const point = line.split(' ')[4];
    if (point !== undefined && namesPath(point, layout.dir)) left.push(`mount ${point}`);
  }
  for (const ns of [layout.netns, layout.wanNetns]) if (existsSync(`/etc/netns/${ns}`)) left.push(`/etc/netns/${ns}`);
  if (existsSync(layout.dir)) left.push(layout.dir);
  return left;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}
