// The multi-process lock test's harness: in each run, `writers` processes add to one record's
// counter through updateRecord while a stale lock is already there (left by a dead holder, an
// empty lock left by a crash, or a holder whose pid was reused) and one more process takes the
// lock and is killed with SIGKILL before it writes. A run passes when no update is lost, no two
// writers were inside the lock at once, every writer succeeded, one more update afterwards
// succeeds at once (whatever the killed holder left is taken over) and nothing is left behind.

import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { loadRecord, serviceDir, updateRecord } from '../../../src/store/records';
import { BASE, count, tick } from './counterRecord';

export const STALE_LOCKS = ['dead-holder', 'empty-lock', 'reused-pid'] as const;
export type StaleLock = (typeof STALE_LOCKS)[number];

export interface RunResult {
  staleLock: StaleLock;
  expected: number;
  counted: number;
  /** Log lines where a writer entered while another was inside. */
  overlaps: number;
  /** Writers that exited non-zero, with their stderr. */
  failures: string[];
  /** Files left in the service's folder besides record.json. */
  leftovers: string[];
  ms: number;
}

/** Bundles the child script once, so each child starts in ~0.1 s instead of ~0.4 s through tsx. */
export async function bundleWriter(): Promise<{ script: string; dispose(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-lock-writer-'));
  const script = path.join(dir, 'lockWriter.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'lockWriter.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return { script, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
}

export async function contentionRun(script: string, staleLock: StaleLock, writers: number, updatesPerWriter: number): Promise<RunResult> {
  const started = Date.now();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-lock-run-'));
  try {
    const service = 'gitea';
    await updateRecord(root, service, { owner: 'test', now: () => BASE }, (record) => record);
    const dir = serviceDir(root, service);
    await plantStaleLock(path.join(dir, 'lock'), staleLock);
    const log = path.join(root, 'critical.log');
    await fs.writeFile(log, '');

    const holder = spawn(process.execPath, [script, 'hold', root, service, log], { stdio: ['ignore', 'pipe', 'pipe'] });
    const killed = killWhenHeld(holder);
    const children = Array.from({ length: writers }, () =>
      spawn(process.execPath, [script, 'write', root, service, log, String(updatesPerWriter)], { stdio: ['ignore', 'ignore', 'pipe'] }),
    );
    const results = await withDeadline(Promise.all(children.map(exited)), 90_000, [holder, ...children]);
    await killed;
    // The killed holder may have come last, its lock then still there: one more update must take it over.
    await updateRecord(root, service, { owner: 'test' }, tick);

    const stored = await loadRecord(root, service);
    const lines = (await fs.readFile(log, 'utf8')).split('\n').filter(Boolean);
    return {
      staleLock,
      expected: writers * updatesPerWriter + 1,
      counted: stored.kind === 'ok' ? count(stored.record) : -1,
      overlaps: overlaps(lines),
      failures: results.filter((result) => result.code !== 0).map((result) => `exit ${result.code}: ${result.stderr.trim()}`),
      leftovers: (await fs.readdir(dir)).filter((name) => name !== 'record.json'),
      ms: Date.now() - started,
    };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function plantStaleLock(lockFile: string, kind: StaleLock): Promise<void> {
  if (kind === 'empty-lock') {
    // What a crash between creating the lock file and writing it used to leave, a minute ago.
    await fs.writeFile(lockFile, '');
    const past = new Date(Date.now() - 60_000);
    await fs.utimes(lockFile, past, past);
    return;
  }
  const pid = kind === 'dead-holder' ? await deadPid() : process.pid;
  // For a reused pid the start time cannot match: this process started long after "1".
  const identity = kind === 'reused-pid' ? { bootId: await bootId(), startTime: '1' } : {};
  await fs.writeFile(lockFile, JSON.stringify({ pid, host: os.hostname(), owner: 'cli', since: new Date(Date.now() - 60_000).toISOString(), ...identity }));
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await exited(child);
  return child.pid as number;
}

async function bootId(): Promise<string> {
  return (await fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
}

/** SIGKILL the holder a few milliseconds after it says it holds the lock (it never writes). */
function killWhenHeld(holder: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = '';
    holder.stdout?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('held')) setTimeout(() => holder.kill('SIGKILL'), Math.floor(Math.random() * 20));
    });
    let stderr = '';
    holder.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    holder.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the holder ended by itself (exit ${code}): ${stderr.trim()}`));
    });
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function withDeadline<T>(work: Promise<T>, ms: number, children: ChildProcess[]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      for (const child of children) child.kill('SIGKILL');
      reject(new Error(`a contention run did not finish within ${ms} ms (a writer waits on the lock forever)`));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Counts entries made while another writer was still inside. */
function overlaps(lines: string[]): number {
  let inside: string | undefined;
  let found = 0;
  for (const line of lines) {
    const [what, pid] = line.split(' ');
    if (what === 'enter') {
      if (inside !== undefined) found++;
      inside = pid;
    } else if (inside === pid) inside = undefined;
    else found++;
  }
  return found;
}
