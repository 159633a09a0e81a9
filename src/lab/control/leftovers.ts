// Finds every process that belongs to a lab, whatever happened to its pid files: a killed
// `up`, a container whose monitor died, a daemon started by hand. A process belongs to the lab
// when its command line names the lab's folder, when it lives in one of the lab's network
// namespaces, or when its mount namespace (not ours) mounts something from the lab's folder —
// an LXC container's init, whose root is an overlay with its upper layer in `<dir>/lxc/`.

import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { readProcText } from '../daemons/procfs';
import type { LabLayout } from '../labLayout';

export interface LabProcess {
  readonly pid: number;
  readonly command: string;
  readonly why: 'command line' | 'network namespace' | 'mounts';
}

export function findLabProcesses(layout: LabLayout): LabProcess[] {
  const spared = selfAndAncestors();
  const netns = new Set([layout.netns, layout.wanNetns].map(namespaceInode).filter((inode): inode is number => inode !== undefined));
  const ourMounts = nsLink('self', 'mnt');
  const mountVerdict = new Map<string, boolean>();
  const found: LabProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (spared.has(pid)) continue;
    const cmdline = readProcText(pid, 'cmdline');
    if (cmdline === undefined || cmdline === '') continue; // gone, or a kernel thread
    const command = cmdline.replace(/\0+$/, '').split('\0').join(' ');
    let why: LabProcess['why'] | undefined;
    if (namesPath(command, layout.dir)) why = 'command line';
    else if (netns.has(inodeOf(nsLink(entry, 'net')))) why = 'network namespace';
    else {
      const mnt = nsLink(entry, 'mnt');
      if (mnt !== undefined && mnt !== ourMounts) {
        if (!mountVerdict.has(mnt)) mountVerdict.set(mnt, namesPath(readProcText(pid, 'mountinfo') ?? '', layout.dir));
        if (mountVerdict.get(mnt)) why = 'mounts';
      }
    }
    if (why !== undefined) found.push({ pid, command, why });
  }
  return found;
}

/** True when `text` names `dir` itself or something inside it (never a sibling like `<dir>2`). */
export function namesPath(text: string, dir: string): boolean {
  let at = text.indexOf(dir);
  while (at >= 0) {
    const next = text[at + dir.length];
    if (next === undefined || next === '/' || next === ' ' || next === ',' || next === '\n' || next === '\0') return true;
    at = text.indexOf(dir, at + 1);
  }
  return false;
}

function selfAndAncestors(): Set<number> {
  const pids = new Set<number>();
  for (let pid = process.pid; pid > 1 && !pids.has(pid); ) {
    pids.add(pid);
    const status = readProcText(pid, 'status') ?? '';
    pid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
  pids.add(1);
  return pids;
}

function nsLink(pid: string, kind: 'net' | 'mnt'): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return undefined;
  }
}

/** `net:[4026532281]` → 4026532281. */
function inodeOf(link: string | undefined): number {
  return Number(/\[(\d+)\]/.exec(link ?? '')?.[1] ?? -1);
}

function namespaceInode(name: string): number | undefined {
  try {
    return statSync(`/run/netns/${name}`).ino;
  } catch {
    return undefined;
  }
}

/** Mount points under the lab's folder in our own mount namespace, deepest first. */
export function labMounts(layout: LabLayout, mountinfo: string): string[] {
  return mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined)
    .map((point) => point.replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))))
    .filter((point) => point === layout.dir || point.startsWith(`${layout.dir}/`))
    .sort((a, b) => b.length - a.length);
}
