// Proxmox tasks on disk, so a task started by one process (`pct`) is read by another (the API):
// each worker gets a UPID and a log file `<tasks>/<hex>/<UPID>`; its output lines go to the log
// and to the caller as they come; the last line is `TASK OK`, `TASK WARNINGS: N` or
// `TASK ERROR: <msg>`. A log without such a line belongs to a running worker only while the
// process named in the UPID (pid and start time) is still alive.

import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PveError, type Caller, type Task, type TaskLogLine, type TaskResult, type TaskStatus } from '../pveNode';
import { isAlive, ownProcessStart } from './processes';
import { formatUpid, parseUpid, taskLogRelativePath } from './upid';

/** What a worker reports besides success: a count of warnings (`TASK WARNINGS: N`). */
export interface WorkerOutcome {
  warnings?: number;
}

export type Worker = (log: (line: string) => void) => Promise<WorkerOutcome | void>;

/** A thrown error as Proxmox writes it after `TASK ERROR: `: one line, no trailing newline. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\n+$/, '').replace(/\n/g, ' ');
}

export class TaskStore {
  constructor(
    private readonly dir: string,
    private readonly node: string,
  ) {}

  /** Starts `worker` as a task of this process; the returned task settles when it ends. */
  start(type: string, id: string, caller: Caller, worker: Worker): Task {
    const upid = formatUpid({
      node: this.node,
      pid: process.pid,
      pstart: ownProcessStart(),
      starttime: Math.floor(Date.now() / 1000),
      type,
      id,
      user: caller.user,
    });
    const file = path.join(this.dir, taskLogRelativePath(upid));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    appendFileSync(path.join(this.dir, 'index'), `${upid}\n`);
    const log = (text: string): void => {
      for (const line of text.replace(/\n$/, '').split('\n')) {
        appendFileSync(file, `${line}\n`);
        caller.onTaskLine?.(line);
      }
    };
    const finished = (async (): Promise<TaskResult> => {
      // Let the caller hold the UPID before the first line is written, as a forked worker would.
      await Promise.resolve();
      try {
        const outcome = await worker(log);
        const warnings = outcome?.warnings ?? 0;
        appendFileSync(file, warnings > 0 ? `TASK WARNINGS: ${warnings}\n` : 'TASK OK\n');
        return { exitstatus: warnings > 0 ? `WARNINGS: ${warnings}` : 'OK' };
      } catch (error) {
        const message = errorLine(error);
        appendFileSync(file, `TASK ERROR: ${message}\n`);
        return { exitstatus: message };
      }
    })();
    return { upid, finished };
  }

  status(upid: string): TaskStatus {
    const parsed = parseUpid(upid);
    if (parsed === undefined) throw new PveError('Parameter verification failed.', 400, { upid: 'unable to parse worker upid' });
    const lines = this.readLines(upid);
    const [user, tokenid] = parsed.user.split('!') as [string, string | undefined];
    const base = {
      upid,
      node: parsed.node,
      pid: parsed.pid,
      pstart: parsed.pstart,
      starttime: parsed.starttime,
      type: parsed.type,
      id: parsed.id,
      user,
      ...(tokenid === undefined ? {} : { tokenid }),
    };
    const exitstatus = finalStatus(lines[lines.length - 1]);
    if (exitstatus !== undefined) return { ...base, status: 'stopped', exitstatus };
    if (isAlive(parsed.pid, parsed.pstart)) return { ...base, status: 'running' };
    return { ...base, status: 'stopped', exitstatus: 'unexpected status' };
  }

  /** Lines `start` (0-based) to `start + limit - 1`, numbered from 1, and how many there are. */
  log(upid: string, start = 0, limit = 50): { total: number; lines: TaskLogLine[] } {
    if (parseUpid(upid) === undefined) throw new PveError('Parameter verification failed.', 400, { upid: 'unable to parse worker upid' });
    const all = this.readLines(upid);
    if (all.length === 0) return { total: 1, lines: [{ n: 1, t: 'no content' }] };
    const lines = all.slice(start, start + limit).map((t, i) => ({ n: start + i + 1, t }));
    return { total: all.length, lines };
  }

  private readLines(upid: string): string[] {
    const file = path.join(this.dir, taskLogRelativePath(upid));
    if (!existsSync(file)) throw new PveError('Parameter verification failed.', 400, { upid: 'no such task' });
    const text = readFileSync(file, 'utf8');
    return text === '' ? [] : text.replace(/\n$/, '').split('\n');
  }
}

/** The exit status a task's last log line records, or undefined if it has none yet. */
export function finalStatus(lastLine: string | undefined): string | undefined {
  if (lastLine === undefined) return undefined;
  if (lastLine === 'TASK OK') return 'OK';
  const warnings = /^TASK WARNINGS: (\d+)$/.exec(lastLine);
  if (warnings !== null) return `WARNINGS: ${warnings[1]}`;
  const error = /^TASK ERROR: (.*)$/.exec(lastLine);
  return error === null ? undefined : (error[1] as string);
}
