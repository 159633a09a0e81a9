// An optional trace of every step that changes the lock's folder (temp written, lock linked,
// stale lock examined, claim taken, file removed, lock released), for finding races between
// processes afterwards: CERTIFY_LOCK_TRACE=<file> appends one line per step. Off by default, and
// then a step costs one check of a constant. Lines from many processes interleave in one file; each
// write is a single append of one short line, which the kernel keeps whole (O_APPEND).
// Format: `<epoch ms with µs> <pid> <event> <key=value …>`.

import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const TRACE_FILE = process.env.CERTIFY_LOCK_TRACE || undefined;

/** True when tracing: callers skip the extra system calls a trace line needs otherwise. */
export const lockTraceOn = TRACE_FILE !== undefined;

export type TraceFields = Record<string, string | number | boolean | undefined>;

export function traceLock(event: string, fields: TraceFields): void {
  if (TRACE_FILE === undefined) return;
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  const time = (performance.timeOrigin + performance.now()).toFixed(3);
  try {
    appendFileSync(TRACE_FILE, `${time} ${process.pid} ${event} ${parts.join(' ')}\n`);
  } catch {
    // A trace that cannot be written must never change what the lock does.
  }
}

/** Who a lock file names, in a trace line: its token, else its pid, else `none` (empty or unparseable). */
export function holderTag(holder: { token?: string; pid: number } | undefined): string {
  if (holder === undefined) return 'none';
  return holder.token ?? `pid:${holder.pid}`;
}
