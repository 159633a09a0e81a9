// Runs the host programs the node drives (lxc-*, tar, openssl, ip). Every lxc-* command runs
// inside the lab's network namespace: LXC reaches a running container through an abstract
// unix socket, and those are per network namespace.

import { spawn, type SpawnOptions } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCommand(argv: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const hasInput = options.input !== undefined;
    const spawnOptions: SpawnOptions = { stdio: [hasInput ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: options.env ?? process.env };
    const child = spawn(argv[0] as string, argv.slice(1), spawnOptions);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal === null ? 1 : 128), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    // A program may exit before reading all its input; its exit code tells what happened.
    child.stdin?.on('error', () => undefined);
    if (hasInput) child.stdin?.end(options.input);
  });
}

/** Runs a command and fails with its stderr (or `what failed`) unless it exits 0. */
export async function mustRun(argv: readonly string[], options: { input?: string | Buffer } = {}): Promise<CommandResult> {
  const result = await runCommand(argv, options);
  if (result.code !== 0) {
    const detail = result.stderr.trim() || result.stdout.trim() || `exit code ${result.code}`;
    throw new Error(`command '${argv.join(' ')}' failed: ${detail}`);
  }
  return result;
}

/** `ip netns exec <netns> <argv…>`. */
export function inNetns(netns: string, argv: readonly string[]): string[] {
  return ['ip', 'netns', 'exec', netns, ...argv];
}
