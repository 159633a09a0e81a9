// Runs a command as a real process that is killed at a deadline, keeping at most 1 MiB of each
// output stream: a run that hangs or floods its output is reported, never waited on forever.

import { spawn } from 'node:child_process';

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed at the deadline. */
  timedOut: boolean;
}

const KEEP_BYTES = 1024 * 1024;

export function runWithDeadline(command: string, args: string[], deadlineMs: number): Promise<Outcome> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const kept = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const sizes = { stdout: 0, stderr: 0 };
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].on('data', (chunk: Buffer) => {
      if (sizes[stream] >= KEEP_BYTES) return;
      kept[stream].push(chunk.subarray(0, KEEP_BYTES - sizes[stream]));
      sizes[stream] += chunk.length;
    });
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, deadlineMs);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(kept.stdout).toString('utf8'), stderr: Buffer.concat(kept.stderr).toString('utf8') });
    });
  });
}
