// Who a process is, in a way that survives PID reuse: its pid, the machine, the kernel's boot id
// and the process's start time (clock ticks after boot, field 22 of /proc/<pid>/stat). A pid
// alive with another start time, or a lock from before the last boot, is a different process.
// Where /proc does not exist (macOS, Windows) only the pid can be compared.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { errnoCode } from './storeError';

export interface ProcessIdentity {
  pid: number;
  host: string;
  bootId?: string;
  startTime?: string;
}

interface ProcStat {
  /** R, S, D, … ; Z and X are processes that have ended. */
  state: string;
  startTime: string;
}

// A process's own identity never changes while it runs: read once.
let own: Promise<ProcessIdentity> | undefined;

export function ownIdentity(): Promise<ProcessIdentity> {
  own ??= (async () => {
    const [bootId, stat] = await Promise.all([readBootId(), readProcStat(process.pid)]);
    return { pid: process.pid, host: os.hostname(), bootId, startTime: stat?.startTime };
  })();
  return own;
}

/**
 * True only when the process is certainly gone: it was on this machine and either the machine
 * has rebooted since, or no process has its pid, or the one that has it started at another time.
 */
export async function isGone(holder: ProcessIdentity): Promise<boolean> {
  const me = await ownIdentity();
  if (holder.host !== me.host) return false;
  if (holder.bootId !== undefined && me.bootId !== undefined && holder.bootId !== me.bootId) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (errnoCode(error) === 'ESRCH') return true;
    // EPERM: the pid exists but belongs to another user, which is still a live process.
    if (errnoCode(error) !== 'EPERM') throw error;
  }
  // Without /proc (our own start time unknown) a live pid has to count as the holder.
  if (me.startTime === undefined) return false;
  const seen = await readProcStat(holder.pid);
  if (seen === undefined || seen.state === 'Z' || seen.state === 'X') return true;
  return holder.startTime !== undefined && seen.startTime !== holder.startTime;
}

async function readBootId(): Promise<string | undefined> {
  try {
    return (await fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim() || undefined;
  } catch (error) {
    // Not Linux: there is no boot id, and identities fall back to pid and host.
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** undefined: no such process (or no /proc at all, which ownIdentity tells apart). */
async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  let text: string;
  try {
    text = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ESRCH') return undefined;
    throw error;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, startTime] = [fields[0], fields[19]];
  if (!state || !/^\d+$/.test(startTime ?? '')) throw new Error(`/proc/${pid}/stat is not in the format Linux documents: ${text.slice(0, 200)}`);
  return { state, startTime };
}

export function isValidPid(pid: unknown): pid is number {
  // 0 and negative pids address process groups in kill(): never a holder.
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && pid <= 0x7fffffff;
}
