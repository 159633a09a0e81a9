// `certify lab down`: removes the lab whole, whatever state it is in (up, half made by a
// killed `up`, already down). Containers are stopped first (while the lab namespace still
// exists: LXC talks to them through abstract sockets of that namespace), then the daemons by
// pid, then anything of the lab still running, then the namespaces, the /etc/netns files,
// mounts, LXC's lock folder and the lab's folder. Safe to run twice.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import * as path from 'node:path';
import { listPidRecords, sleep, stopDaemon, stopProcess } from '../daemons/daemon';
import { DAEMON_NAMES } from '../daemons/labDaemons';
import { processStartTime } from '../daemons/procfs';
import type { LabLayout } from '../labLayout';
import { listNamespaces, removeNetwork } from '../net/labNetwork';
import { runCommand } from '../net/runCommand';
import { findLabProcesses, labMounts, type LabProcess } from './leftovers';
import { checkHost } from './preflight';

export interface LabDownResult {
  readonly containersStopped: readonly string[];
  readonly daemonsStopped: readonly string[];
  readonly leftoversKilled: readonly LabProcess[];
  readonly unmounted: readonly string[];
  readonly elapsedMs: number;
}

export async function labDown(layout: LabLayout, options: { onProgress?: (line: string) => void } = {}): Promise<LabDownResult> {
  const began = Date.now();
  const progress = (line: string): void => options.onProgress?.(line);
  checkHost();
  refuseDangerousDir(layout.dir);

  const { containersStopped, daemonsStopped, leftoversKilled } = await stopLabProcesses(layout, progress);
  await removeNetwork(layout);
  progress(`namespaces ${layout.netns} and ${layout.wanNetns} removed`);

  const unmounted = await unmountAll(layout);
  await removeLxcLocks(layout);
  await rm(layout.dir, { recursive: true, force: true });
  progress(`${layout.dir} removed`);
  return { containersStopped, daemonsStopped, leftoversKilled, unmounted, elapsedMs: Date.now() - began };
}

/**
 * Ends every process of the lab, files untouched: containers (lxc-stop while the namespace
 * exists), daemons by pid (the reverse of up), then whatever of the lab still runs. `down`
 * starts with it; `up` uses it before it rebuilds a broken network, so nothing keeps running
 * in a namespace that is about to be replaced.
 */
export async function stopLabProcesses(
  layout: LabLayout,
  progress: (line: string) => void = () => undefined,
): Promise<{ containersStopped: string[]; daemonsStopped: string[]; leftoversKilled: LabProcess[] }> {
  const containersStopped = await stopContainers(layout);
  if (containersStopped.length > 0) progress(`containers stopped: ${containersStopped.join(', ')}`);

  const records = await listPidRecords(layout);
  const order = (name: string): number => -DAEMON_NAMES.indexOf(name as (typeof DAEMON_NAMES)[number]);
  const daemonsStopped: string[] = [];
  for (const record of records.sort((a, b) => order(a.name) - order(b.name))) {
    await stopDaemon(layout, record.name);
    daemonsStopped.push(record.name);
  }
  if (daemonsStopped.length > 0) progress(`daemons stopped: ${daemonsStopped.join(', ')}`);

  const leftoversKilled = await killLeftovers(layout);
  for (const leftover of leftoversKilled) progress(`killed leftover ${leftover.pid} (${leftover.why}): ${leftover.command.slice(0, 120)}`);
  return { containersStopped, daemonsStopped, leftoversKilled };
}

async function stopContainers(layout: LabLayout): Promise<string[]> {
  if (!existsSync(layout.paths.lxcPath) || !(await listNamespaces()).includes(layout.netns)) return [];
  const stopped: string[] = [];
  for (const name of readdirSync(layout.paths.lxcPath)) {
    if (!existsSync(path.join(layout.paths.lxcPath, name, 'config'))) continue;
    const argv = ['ip', 'netns', 'exec', layout.netns, 'lxc-stop', '-P', layout.paths.lxcPath, '-n', name, '-k'];
    const result = await runCommand(argv, { allowFailure: true, timeoutMs: 20_000 });
    if (result.code === 0) stopped.push(name);
  }
  return stopped;
}

/** Kills what is left (SIGKILL: the graceful stops are done), twice, since a killed monitor may leave its container behind. */
async function killLeftovers(layout: LabLayout): Promise<LabProcess[]> {
  const killed: LabProcess[] = [];
  for (let round = 0; round < 3; round++) {
    const found = findLabProcesses(layout);
    if (found.length === 0) break;
    await Promise.all(found.map((leftover) => stopProcess(leftover.pid, processStartTime(leftover.pid), 0)));
    killed.push(...found);
    await sleep(50);
  }
  return killed;
}

async function unmountAll(layout: LabLayout): Promise<string[]> {
  const points = labMounts(layout, readFileSync('/proc/self/mountinfo', 'utf8'));
  for (const point of points) {
    const result = await runCommand(['umount', point], { allowFailure: true });
    if (result.code !== 0) await runCommand(['umount', '-l', point]);
  }
  return points;
}

/** LXC's lock folder for the lab's lxcpath (`/run/lxc/lock/<lxcpath>`), and its parents it leaves empty. */
async function removeLxcLocks(layout: LabLayout): Promise<void> {
  const top = '/run/lxc/lock';
  let dir = path.join(top, layout.paths.lxcPath);
  await rm(dir, { recursive: true, force: true });
  for (dir = path.dirname(dir); dir.startsWith(`${top}/`); dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (another lab's locks) or already gone
    }
  }
}

/** `rm -rf` of the lab's folder must never reach a system folder through a mistyped --dir. */
function refuseDangerousDir(dir: string): void {
  const resolved = path.resolve(dir);
  const depth = resolved.split('/').filter(Boolean).length;
  const system = ['/', '/etc', '/usr', '/var', '/var/lib', '/home', '/root', '/tmp', '/run', '/opt', '/srv', '/work'];
  if (resolved !== dir || depth < 2 || system.includes(resolved)) throw new Error(`refusing to remove '${dir}' as a lab folder`);
}
