// Proxmox task ids (pve-common UPID.pm): `UPID:node:PID:PSTART:STARTTIME:type:id:user:` with
// upper-case hex fields (pid and starttime 8 digits, pstart 8 or more), and a trailing colon.
// `pstart` is the worker process's start time in clock ticks since boot (/proc/PID/stat field
// 22), so a pid reused by another process is never taken for the task's worker.

export interface Upid {
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  /** `root@pam`, or `root@pam!tokenid` for an API token. */
  user: string;
}

const hex = (value: number): string => value.toString(16).toUpperCase().padStart(8, '0');

export function formatUpid(upid: Upid): string {
  return `UPID:${upid.node}:${hex(upid.pid)}:${hex(upid.pstart)}:${hex(upid.starttime)}:${upid.type}:${upid.id}:${upid.user}:`;
}

const UPID_RE = /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$/;

/** The fields of a UPID, or undefined when it is not one (`unable to parse worker upid`). */
export function parseUpid(text: string): Upid | undefined {
  const match = UPID_RE.exec(text);
  if (match === null) return undefined;
  return {
    node: match[1] as string,
    pid: parseInt(match[3] as string, 16),
    pstart: parseInt(match[4] as string, 16),
    starttime: parseInt(match[5] as string, 16),
    type: match[6] as string,
    id: match[7] as string,
    user: match[8] as string,
  };
}

/** `<tasks>/<last hex digit of starttime>/<UPID>`, relative to the task folder. */
export function taskLogRelativePath(upid: string): string {
  const parsed = parseUpid(upid);
  if (parsed === undefined) throw new TypeError('unable to parse worker upid');
  return `${hex(parsed.starttime).slice(-1)}/${upid}`;
}

/** Field 22 (starttime) of a /proc/PID/stat line; the command name may hold spaces and parens. */
export function pstartFromStat(stat: string): number {
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field 22 is at index 19.
  return Number(afterName[19]);
}
