// Proxmox's per-container config lock (`lock_config`, a flock on pve-config-<vmid>.lock) across
// processes: `pct` and the API server never run two workers on one container at once. Node has
// no flock, so the lock is a file made with O_EXCL that names its holder (pid and start time);
// a holder that died leaves a lock the next taker removes. Waits up to 10 s, as Proxmox does,
// then fails with Proxmox's message.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isAlive, ownProcessStart } from './processes';

const WAIT_MS = 10_000;
const POLL_MS = 50;

export async function withConfigLock<T>(locksDir: string, vmid: number, action: () => Promise<T>, waitMs = WAIT_MS): Promise<T> {
  mkdirSync(locksDir, { recursive: true });
  const file = path.join(locksDir, `pve-config-${vmid}.lock`);
  const holder = `${process.pid} ${ownProcessStart()}\n`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(file, holder, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderIsGone(file)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new Error(`can't lock file '${file}' - got timeout`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(file, { force: true });
  }
}

function holderIsGone(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false; // released between our attempt and this read: try again
  }
  const [pid, pstart] = text.trim().split(' ').map(Number);
  // A lock file still being written (empty) belongs to a live taker.
  if (pid === undefined || pstart === undefined || Number.isNaN(pid) || Number.isNaN(pstart)) return false;
  return !isAlive(pid, pstart);
}
