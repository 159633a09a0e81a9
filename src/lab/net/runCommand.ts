// The one way the lab's world runs a system tool (ip, sysctl, ssh-keygen, lxc-*, apt-get):
// an argv array, never a shell line, so a lab path or name can never be read as shell syntax.

import { execFile } from 'node:child_process';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** A non-zero exit is returned, not thrown: for probes ("does this namespace exist?"). */
  readonly allowFailure?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export class CommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly result: CommandResult,
  ) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ');
    super(`${argv.join(' ')} exited ${result.code}${detail ? `: ${detail}` : ''}`);
    this.name = 'CommandError';
  }
}

export function runCommand(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const [file, ...args] = argv;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, signal: options.signal, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error?.name === 'AbortError') return reject(error);
        // 124 like timeout(1); 127 like a shell for a tool that is not installed.
        const code = error === null ? 0 : error.killed ? 124 : typeof error.code === 'number' ? error.code : 127;
        const result = { code, stdout: String(stdout), stderr: String(stderr) || (error !== null ? error.message : '') };
        if (code !== 0 && !options.allowFailure) reject(new CommandError(argv, result));
        else resolve(result);
      },
    );
  });
}
