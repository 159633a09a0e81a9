// Runs `lab.js api` as its own process (through tsx, from the sources) against a lab folder, on
// a free loopback port and a socket of the test's own — the way `lab up` starts it, minus the
// namespace — and stops it by its pid.

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');

export interface ApiProcess {
  readonly pid: number;
  readonly port: number;
  /** Everything the server wrote to stderr (its request log). */
  log(): string;
  /** SIGTERM (SIGKILL after 10 s), then the exit code (or the signal that ended it). */
  stop(): Promise<number | string>;
}

export async function startApiProcess(env: { name: string; dir: string }, socket: string, authFailureDelayMs: number): Promise<ApiProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'src/lab/main.ts'), 'api', '--listen', '127.0.0.1:0', '--socket', socket, '--auth-failure-delay-ms', String(authFailureDelayMs)],
    { cwd: REPO, env: { ...process.env, CERTIFY_LAB_NAME: env.name, CERTIFY_LAB_DIR: env.dir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not start in 20 s: ${stderr}`));
    }, 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    pid: child.pid ?? 0,
    port,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      // A server that does not stop in 10 s is killed, so a failing test never hangs the run.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
