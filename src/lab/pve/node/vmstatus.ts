// A container's status as pve-container's `vmstatus` reports it: state and pid from LXC, the
// memory in use from the container's memory cgroup (when readable), the limits from its config,
// uptime from its init's start time. Counters the lab does not keep (cpu, network, disk I/O)
// are 0, as Proxmox reports for a container it has no figures for.

import { cpus } from 'node:os';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { ContainerConfig, ContainerStatus } from '../pveNode';
import { readRootfs } from './containerDisks';
import { processUptime } from './processes';

export interface RuntimeFacts {
  state: 'running' | 'stopped';
  pid?: number;
}

export function containerStatus(vmid: number, config: ContainerConfig, facts: RuntimeFacts): ContainerStatus {
  const values = config.values;
  const running = facts.state === 'running' && facts.pid !== undefined;
  const rootfs = typeof values.rootfs === 'string' ? readRootfs(values.rootfs) : undefined;
  const memory = typeof values.memory === 'number' ? values.memory : 512;
  const swap = typeof values.swap === 'number' ? values.swap : 0;
  const cores = typeof values.cores === 'number' ? values.cores : typeof values.cpulimit === 'number' && values.cpulimit > 0 ? Math.ceil(values.cpulimit) : cpus().length;
  const name = String(values.hostname ?? `CT${vmid}`).replace(/\s/g, '');
  return {
    vmid,
    name,
    status: running ? 'running' : 'stopped',
    type: 'lxc',
    ...(typeof values.lock === 'string' ? { lock: values.lock } : {}),
    ...(running ? { pid: facts.pid } : {}),
    uptime: running ? processUptime(facts.pid as number) : 0,
    cpus: cores,
    cpu: 0,
    maxmem: memory * 1024 * 1024,
    mem: running ? memoryInUse(facts.pid as number) : 0,
    maxswap: swap * 1024 * 1024,
    swap: 0,
    maxdisk: rootfs?.size ?? 4 * 1024 ** 3,
    disk: 0,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    ...(typeof values.tags === 'string' ? { tags: values.tags } : {}),
    ...(values.template === 1 ? { template: 1 } : {}),
  };
}

/**
 * Bytes in use by the container: its own memory cgroup when LXC gave it one, else the resident
 * memory of every process in its PID namespace (on these machines containers share the host's
 * cgroups, whose figures would count the whole machine).
 */
export function memoryInUse(pid: number): number {
  const fromCgroup = cgroupMemory(pid);
  return fromCgroup ?? residentMemoryOfNamespace(pid);
}

function cgroupMemory(pid: number): number | undefined {
  let cgroups: string;
  try {
    cgroups = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of cgroups.split('\n')) {
    const [, controllers, cgroupPath] = line.split(':') as [string, string | undefined, string | undefined];
    if (cgroupPath === undefined || !cgroupPath.includes('lxc')) continue;
    const file = controllers === 'memory'
      ? `/sys/fs/cgroup/memory${cgroupPath}/memory.usage_in_bytes`
      : controllers === '' ? `/sys/fs/cgroup/unified${cgroupPath}/memory.current` : undefined;
    if (file === undefined) continue;
    try {
      const bytes = Number(readFileSync(file, 'utf8').trim());
      if (Number.isFinite(bytes) && bytes > 0) return bytes;
    } catch {
      // not readable from here: try the next controller
    }
  }
  return undefined;
}

const PAGE_SIZE = 4096;

function residentMemoryOfNamespace(pid: number): number {
  let namespace: string;
  try {
    namespace = readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/pid`) !== namespace) continue;
      total += Number(readFileSync(`/proc/${entry}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
    } catch {
      // the process ended while we counted
    }
  }
  return total;
}
