// The command line sent over SSH, and how its process tree is stopped. sshd starts every
// session's command as the leader of a new session and process group (OpenSSH and Dropbear
// both call setsid()), so the wrapper only has to say which group that is: it writes
// "<marker> <pid>" as its first stderr line, then execs the command, which keeps the pid.
// PgidFilter takes that line out of the output again, so the command's stderr is its own.

import { randomBytes } from 'node:crypto';
import { shellCommand, shellQuote } from '../../core/shellQuote';
import { withEnvCommand } from './commandLine';
import type { CommandSpec } from './executor';

/** A marker no command prints by chance: fresh for every run. */
export function newPgidMarker(): string {
  return `certify-pgid-${randomBytes(8).toString('hex')}`;
}

/**
 * `exec sh -c '<wrapper>' certify <argv…>`: the login shell (whatever it is) only splits plain
 * quoted words; sh reports its pid, changes folder if asked, and execs argv (after `env K=V`).
 */
export function wrappedCommandLine(spec: CommandSpec, marker: string): string {
  const cd = spec.cwd === undefined ? '' : `cd ${shellQuote(spec.cwd)} || exit 1; `;
  const wrapper = `echo "${marker} $$" >&2; ${cd}exec "$@"`;
  return `exec ${shellCommand(['sh', '-c', wrapper, 'certify', ...withEnvCommand(spec)])}`;
}

/**
 * SIGTERM to the group, then polls every 0.1 s (20 times: the grace of 2 s) and SIGKILLs what
 * is left. A zombie has ended, so the poll skips it where /proc shows states: where no init
 * reaps orphans (some containers), `kill -0` alone would see the group alive for good.
 */
export function killGroupCommandLine(pgid: number): string {
  const alive =
    `alive() { if [ -r /proc/self/stat ]; then for f in /proc/[0-9]*/stat; do read -r l < "$f" || continue; ` +
    `set -- \${l##*') '}; [ "$3" = ${pgid} ] && [ "$1" != Z ] && return 0; done 2>/dev/null; return 1; fi; kill -0 -${pgid} 2>/dev/null; }; `;
  return (
    alive +
    `kill -TERM -${pgid} 2>/dev/null; n=0; ` +
    `while alive && [ $n -lt 20 ]; do sleep 0.1; n=$((n+1)); done; ` +
    `kill -KILL -${pgid} 2>/dev/null; true`
  );
}

/**
 * Removes the marker line from a stderr byte stream and reads the pid in it. Until the marker
 * has passed, bytes are held only while they could still be the start of it; lines before it
 * (a noisy shell profile) pass through unchanged.
 */
export class PgidFilter {
  pgid: number | undefined;
  private held = Buffer.alloc(0);
  private readonly prefix: Buffer;

  constructor(
    marker: string,
    private readonly onPgid: (pgid: number) => void,
  ) {
    this.prefix = Buffer.from(`${marker} `);
  }

  /** The bytes of `chunk` (and of earlier held bytes) that belong to the command's stderr. */
  write(chunk: Buffer): Buffer {
    if (this.pgid !== undefined) return chunk;
    const passed: Buffer[] = [];
    let rest = Buffer.concat([this.held, chunk]);
    for (;;) {
      const newline = rest.indexOf(0x0a);
      if (newline === -1) break;
      const line = rest.subarray(0, newline);
      rest = rest.subarray(newline + 1);
      const pgid = this.pgidIn(line);
      if (pgid === undefined) {
        passed.push(line, Buffer.from('\n'));
        continue;
      }
      this.pgid = pgid;
      this.onPgid(pgid);
      passed.push(rest);
      this.held = Buffer.alloc(0);
      return Buffer.concat(passed);
    }
    // An unfinished line that cannot become the marker line goes on now, not at its newline.
    const couldBeMarker = rest.subarray(0, this.prefix.length).equals(this.prefix.subarray(0, Math.min(rest.length, this.prefix.length)));
    if (couldBeMarker) {
      this.held = Buffer.from(rest);
    } else {
      passed.push(rest);
      this.held = Buffer.alloc(0);
    }
    return Buffer.concat(passed);
  }

  /** The stream ended: whatever was held is output after all. */
  end(): Buffer {
    const held = this.held;
    this.held = Buffer.alloc(0);
    return held;
  }

  private pgidIn(line: Buffer): number | undefined {
    if (line.length <= this.prefix.length || !line.subarray(0, this.prefix.length).equals(this.prefix)) return undefined;
    const digits = line.subarray(this.prefix.length).toString('latin1');
    return /^\d+$/.test(digits) ? Number(digits) : undefined;
  }
}
