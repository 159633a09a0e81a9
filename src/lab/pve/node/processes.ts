// Facts about processes read from /proc: whether a recorded worker still runs (pid and start
// time both match, so a recycled pid does not count) and how long ago a process started.

import { readFileSync } from 'node:fs';
import { pstartFromStat } from './upid';

/** Clock ticks per second on Linux (`getconf CLK_TCK`, 100 on every kernel Debian ships). */
const CLOCK_TICKS = 100;

export function processStart(pid: number): number | undefined {
  try {
    return pstartFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function ownProcessStart(): number {
  return processStart(process.pid) ?? 0;
}

export function isAlive(pid: number, pstart: number): boolean {
  return processStart(pid) === pstart;
}

/** Seconds since the process started, from its start tick and the system's uptime. */
export function processUptime(pid: number): number {
  const start = processStart(pid);
  if (start === undefined) return 0;
  const systemUptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return Math.max(0, Math.floor(systemUptime - start / CLOCK_TICKS));
}
