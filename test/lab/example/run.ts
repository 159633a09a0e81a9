// Runs a command for the lab example tests and returns what it printed, or throws with the
// whole story (command, exit code, output) so a failing step says what went wrong.

import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  /** Return the result for any exit code instead of throwing on non-zero. */
  allowFailure?: boolean;
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  };
  const result = spawnSync(command, args, spawnOptions);
  const outcome: RunResult = {
    code: result.status ?? -1,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
  };
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (!options.allowFailure && outcome.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${outcome.code}${result.signal ? ` (${result.signal})` : ''}\n` +
        `--- stdout ---\n${outcome.stdout.slice(-6000)}\n--- stderr ---\n${outcome.stderr.slice(-6000)}`,
    );
  }
  return outcome;
}
