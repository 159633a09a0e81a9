// `GET /nodes/{node}/status`: the node's own numbers (pve-manager API2/Nodes.pm `status`). The
// lab's node is this machine, so they are this machine's: load, memory, swap, the root file
// system, the CPUs, the kernel — and the pve-manager version the lab plays.

import { readFileSync, statfsSync } from 'node:fs';
import * as os from 'node:os';

import { PVE_VERSION } from './resources';

/** Swap from /proc/meminfo (Node has no API for it); zeros where it cannot be read. */
function swap(): { total: number; used: number; free: number } {
  try {
    const info = readFileSync('/proc/meminfo', 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(info)?.[1] ?? 0) * 1024;
    const total = kib('SwapTotal');
    const free = kib('SwapFree');
    return { total, used: total - free, free };
  } catch {
    return { total: 0, used: 0, free: 0 };
  }
}

export function nodeStatus(): Record<string, unknown> {
  const cpus = os.cpus();
  const rootfs = statfsSync('/');
  const total = os.totalmem();
  const free = os.freemem();
  return {
    uptime: Math.floor(os.uptime()),
    // Proxmox sends the load averages as strings.
    loadavg: os.loadavg().map((load) => load.toFixed(2)),
    cpu: Math.min(1, (os.loadavg()[0] ?? 0) / (cpus.length || 1)),
    wait: 0,
    idle: 0,
    cpuinfo: { cpus: cpus.length, cores: cpus.length, sockets: 1, model: cpus[0]?.model ?? 'unknown', mhz: String(cpus[0]?.speed ?? 0), user_hz: 100, hvm: '1', flags: '' },
    memory: { total, used: total - free, free, available: free },
    swap: swap(),
    ksm: { shared: 0 },
    rootfs: {
      total: rootfs.blocks * rootfs.bsize,
      used: (rootfs.blocks - rootfs.bfree) * rootfs.bsize,
      avail: rootfs.bavail * rootfs.bsize,
      free: rootfs.bfree * rootfs.bsize,
    },
    kversion: `${os.type()} ${os.release()} ${os.version()}`,
    'current-kernel': { sysname: os.type(), release: os.release(), version: os.version(), machine: os.machine() },
    pveversion: `pve-manager/${PVE_VERSION.version}/${PVE_VERSION.repoid}`,
  };
}
