// What runs on this machine, read from /proc: the tests' proof that a killed command left no
// process behind (the sshd of the SSH tests runs here too). Zombies have ended and do not count.

import { readdirSync, readFileSync } from 'node:fs';

export interface RunningProcess {
  readonly pid: number;
  readonly pgid: number;
  readonly ppid: number;
  readonly argv: readonly string[];
}

export function runningProcesses(): RunningProcess[] {
  const found: RunningProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((word) => word !== '');
      found.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]), argv });
    } catch {
      // the process ended while we read it
    }
  }
  return found;
}

/** Running processes whose command line is exactly `argv` (e.g. a unique `sleep 300.417`). */
export function runningWithArgv(argv: readonly string[]): RunningProcess[] {
  return runningProcesses().filter((running) => running.argv.join('\0') === argv.join('\0'));
}

export function runningInGroup(pgid: number): RunningProcess[] {
  return runningProcesses().filter((running) => running.pgid === pgid);
}

/** A sleep length no other process uses, so a test finds exactly its own sleeps. */
export function uniqueSleepSeconds(): string {
  return `${300 + Math.floor(Math.random() * 1000)}.${process.pid % 1000}${Math.floor(Math.random() * 1000)}`;
}

/** Signals each pid; one that ended meanwhile is no error. */
export function signalEach(pids: readonly number[], signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}
