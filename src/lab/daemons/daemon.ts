// A lab daemon: started detached (optionally inside a namespace through `ip netns exec`,
// which execs the command in place, so the pid we get is the daemon's), its log in
// `<logs>/<name>.log`, its pid file `<run>/<name>.pid` holding the pid, the process's start
// time (a recycled pid is never taken for ours) and the argv (a daemon whose argv changed is
// restarted, one whose argv is the same is left alone: `up` twice is the same lab).

import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LabLayout } from '../labLayout';
import { processStartTime } from './procfs';

export interface DaemonSpec {
  /** Names the pid file and the log. */
  readonly name: string;
  /** Namespace to run in; absent: the machine's own. */
  readonly netns?: string;
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Resolves true once the daemon answers (polled until the timeout). */
  readonly ready: (pid: number) => boolean | Promise<boolean>;
  readonly readyTimeoutMs?: number;
}

export interface PidRecord {
  readonly name: string;
  readonly pid: number;
  readonly startTime: number;
  readonly argv: readonly string[];
  readonly netns?: string;
}

export function pidFile(layout: LabLayout, name: string): string {
  return path.join(layout.paths.run, `${name}.pid`);
}

export function logFile(layout: LabLayout, name: string): string {
  return path.join(layout.paths.logs, `${name}.log`);
}

export async function readPidRecord(layout: LabLayout, name: string): Promise<PidRecord | undefined> {
  try {
    const value = JSON.parse(await readFile(pidFile(layout, name), 'utf8')) as PidRecord;
    return typeof value.pid === 'number' && typeof value.startTime === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Every daemon that has a pid file, alive or not. */
export async function listPidRecords(layout: LabLayout): Promise<PidRecord[]> {
  let files: string[];
  try {
    files = await readdir(layout.paths.run);
  } catch {
    return [];
  }
  const records = await Promise.all(files.filter((file) => file.endsWith('.pid')).map((file) => readPidRecord(layout, file.slice(0, -4))));
  return records.filter((record): record is PidRecord => record !== undefined);
}

export function recordAlive(record: PidRecord): boolean {
  return processStartTime(record.pid) === record.startTime;
}

/** Starts the daemon unless the same one already runs; resolves once it is ready. */
export async function ensureDaemon(layout: LabLayout, spec: DaemonSpec): Promise<'started' | 'running'> {
  const existing = await readPidRecord(layout, spec.name);
  const argv = fullArgv(spec);
  if (existing !== undefined && recordAlive(existing)) {
    if (JSON.stringify(existing.argv) === JSON.stringify(argv) && (await spec.ready(existing.pid))) return 'running';
    await stopDaemon(layout, spec.name);
  }
  await startDaemon(layout, spec);
  return 'started';
}

function fullArgv(spec: DaemonSpec): string[] {
  return spec.netns === undefined ? [...spec.argv] : ['ip', 'netns', 'exec', spec.netns, ...spec.argv];
}

async function startDaemon(layout: LabLayout, spec: DaemonSpec): Promise<void> {
  const argv = fullArgv(spec);
  const log = logFile(layout, spec.name);
  const fd = openSync(log, 'a', 0o600);
  let exited: string | undefined;
  try {
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...spec.env } });
    child.on('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
    child.on('error', (error) => (exited = error.message));
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error(`${spec.name}: could not start ${argv[0]}`);
    // A process that already ended has no start time: it failed at once (its log says why).
    const startTime = await waitFor(() => processStartTime(pid), () => exited !== undefined, 2000);
    // /proc can show the process gone before Node has reaped it: give its exit event a moment,
    // so a failure says how it ended (its exit code) rather than just "gone".
    const howItEnded = async (): Promise<string> => (await waitFor(() => exited, () => false, 1000)) ?? 'gone';
    if (startTime === undefined) throw new Error(`${spec.name} exited at once (${await howItEnded()}): ${await logTail(log)} (log: ${log})`);
    const record: PidRecord = { name: spec.name, pid, startTime, argv, ...(spec.netns ? { netns: spec.netns } : {}) };
    await writeFile(pidFile(layout, spec.name), `${JSON.stringify(record)}\n`, { mode: 0o600 });
    const deadline = Date.now() + (spec.readyTimeoutMs ?? 15_000);
    while (!(await spec.ready(pid))) {
      if (exited !== undefined || !recordAlive(record)) {
        throw new Error(`${spec.name} stopped before it was ready (${await howItEnded()}): ${await logTail(log)} (log: ${log})`);
      }
      if (Date.now() > deadline) throw new Error(`${spec.name} was not ready after ${spec.readyTimeoutMs ?? 15_000} ms: ${await logTail(log)}`);
      await sleep(25);
    }
  } finally {
    closeSync(fd);
  }
}

/** SIGTERM, then SIGKILL after the grace period; removes the pid file. Safe when it is not running. */
export async function stopDaemon(layout: LabLayout, name: string, graceMs = 3000): Promise<void> {
  const record = await readPidRecord(layout, name);
  if (record !== undefined) await stopProcess(record.pid, record.startTime, graceMs);
  await rm(pidFile(layout, name), { force: true });
}

export async function stopProcess(pid: number, startTime: number | undefined, graceMs = 3000): Promise<void> {
  const ours = (): boolean => processStartTime(pid) !== undefined && (startTime === undefined || processStartTime(pid) === startTime);
  if (!ours()) return;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (ours() && Date.now() < deadline) await sleep(20);
  if (!ours()) return;
  signal(pid, 'SIGKILL');
  while (ours() && Date.now() < deadline + 5000) await sleep(20);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone: what we wanted.
  }
}

async function waitFor<T>(probe: () => T | undefined, givenUp: () => boolean, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || givenUp() || Date.now() > deadline) return value;
    await sleep(5);
  }
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-5).join(' | ') || '(empty log)';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
