// What /proc says about a process, read without touching it: whether it is still alive (a
// zombie is not), when it started (so a recycled pid is never mistaken for ours), and which
// sockets listen in its network namespace (/proc/<pid>/net/* shows the process's namespace,
// so a daemon inside a lab namespace is checked without entering it or sending a packet).

import { readFileSync } from 'node:fs';

/** Field 22 of /proc/<pid>/stat (clock ticks since boot); undefined when the process is gone or a zombie. */
export function processStartTime(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return Number(fields[19]);
}

export function readProcText(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

export type SocketTable = 'tcp' | 'udp';

/** True when the process's namespace has a socket bound to address:port (TCP: listening). */
export function socketBound(pid: number, table: SocketTable, address: string, port: number): boolean {
  const text = readProcText(pid, `net/${table}`);
  return text !== undefined && boundSockets(text, table).some((socket) => socket.address === address && socket.port === port);
}

/** Parses /proc/net/tcp|udp: local address and port of each listening (TCP) or bound (UDP) socket. */
export function boundSockets(text: string, table: SocketTable): { address: string; port: number }[] {
  const sockets: { address: string; port: number }[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const [hexAddress, hexPort] = fields[1].split(':');
    const state = fields[3];
    if (table === 'tcp' && state !== '0A') continue; // 0A = LISTEN
    sockets.push({ address: hexToIpv4(hexAddress), port: parseInt(hexPort, 16) });
  }
  return sockets;
}

/** `0A01A8C0` (the kernel's host-order u32, little-endian on the machines we run on) → `192.168.1.10`. */
export function hexToIpv4(hex: string): string {
  const bytes = [0, 2, 4, 6].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return bytes.reverse().join('.');
}

/** True when the process's network namespace has a listening Unix socket at `socketPath` (/proc/<pid>/net/unix). */
export function unixListening(pid: number, socketPath: string): boolean {
  const text = readProcText(pid, 'net/unix');
  if (text === undefined) return false;
  return text
    .split('\n')
    .slice(1)
    .some((line) => {
      const fields = line.trim().split(/\s+/);
      // Flags 00010000 = __SO_ACCEPTCON: the socket listens.
      return fields.length >= 8 && fields[7] === socketPath && (parseInt(fields[3], 16) & 0x10000) !== 0;
    });
}
