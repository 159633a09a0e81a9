// Stopping a local command with everything it started: each command runs as the leader of its
// own process group, so one signal to the group reaches its children and grandchildren too
// (a playbook's ssh, a shell's background jobs).

import { readdirSync, readFileSync } from 'node:fs';

/** How long the group gets to end after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 2000;
/** After SIGKILL the kernel ends the processes at once; this only bounds the wait for it. */
const AFTER_KILL_MS = 2000;
const POLL_MS = 25;

/**
 * Processes of the group that still run. A zombie has ended (it only waits for its parent to
 * read its status), so it does not count: where no init reaps orphans, they would stay forever.
 */
export function liveMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    // No /proc (not Linux): the kernel still says whether the group has a member.
    return signalGroup(pgid, 0) ? [pgid] : [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat !== undefined && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

/** SIGTERM to the group, SIGKILL after the grace; resolves when no member runs any more. */
export async function killProcessGroup(pgid: number, graceMs: number = KILL_GRACE_MS): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  if (await emptied(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await emptied(pgid, AFTER_KILL_MS);
}

/** False when the group has no process left to signal. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function emptied(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (liveMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function readStat(pid: string): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // ended while we looked
  }
  // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], pgrp: Number(fields[2]) };
}
