// Runs commands on this machine (ansible-playbook, curl, the lab's tools) through execa: argv
// straight to the program, no shell. Each command leads its own process group, so cancelling
// or timing out stops the whole tree it started, not just the first process.

import { stat } from 'node:fs/promises';
import type { ResultPromise } from 'execa';
import { commandCapture } from './capture';
import { inFolder, specProblem, withEnvAssignments } from './commandLine';
import type { CommandResult, CommandSpec, Executor, RunOptions } from './executor';
import { killProcessGroup } from './processGroup';

// execa is ESM only, and one of its dependencies exports itself to `import` alone: loaded with
// import() it resolves the same under tsx (which turns static imports into require) and esbuild.
const loadExeca = (): Promise<typeof import('execa')> => import('execa');

/**
 * `baseEnv`: the environment every command starts from (the run's, which may carry secrets the
 * front end holds, e.g. the vault password file); default this process's.
 */
export function createLocalExecutor(baseEnv?: NodeJS.ProcessEnv): Executor {
  return {
    target: 'local',
    run: (spec, options) => runLocal(baseEnv ? { ...spec, env: { ...definedOnly(baseEnv), ...(spec.env ?? {}) } } : spec, options, baseEnv !== undefined),
    describe: (spec) => inFolder(withEnvAssignments(spec), spec.cwd, true),
    close: async () => {},
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function runLocal(spec: CommandSpec, options: RunOptions = {}, ownEnv = false): Promise<CommandResult> {
  const { stdout, stderr, finish } = commandCapture(options.onOutput);

  const invalid = specProblem(spec) ?? (await folderProblem(spec.cwd));
  if (invalid !== undefined) return finish('not-started', { problem: invalid });
  if (options.signal?.aborted) return finish('cancelled', { problem: 'Cancelled before it started.' });

  const { execa } = await loadExeca();
  const [program, ...args] = spec.argv;
  const child = execa(program, args, {
    env: spec.env,
    // With a run's own environment, that is the whole of it; else this process's, extended.
    extendEnv: !ownEnv,
    cwd: spec.cwd,
    // Without input stdin is /dev/null: the command sees end-of-file at once, never a terminal.
    ...(spec.stdin !== undefined ? { input: spec.stdin } : { stdin: 'ignore' as const }),
    detached: true, // its own process group (and session), killed as one
    buffer: false,
    encoding: 'buffer',
    reject: false,
  });
  child.stdout?.on('data', (chunk: Buffer) => stdout.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.write(chunk));

  const stopping = stopOnCancelOrTimeout(child, spec, options.signal);
  const result = await child;
  const stopped = await stopping.settle();
  stdout.end();
  stderr.end();

  if (result.failed && result.exitCode === undefined && result.signal === undefined) {
    return finish('not-started', { problem: startProblem(program, result.code, result.originalMessage ?? result.shortMessage ?? 'it could not be spawned') });
  }
  const signal = result.signal ?? undefined;
  if (stopped !== undefined) return finish(stopped.ended, { signal, problem: stopped.problem });
  return finish('exited', { exitCode: result.exitCode ?? null, signal });
}

interface Stopped {
  readonly ended: 'timeout' | 'cancelled';
  readonly problem: string;
}

/**
 * Watches the caller's signal and the timeout; the first to fire kills the group. settle()
 * says which fired (if any) once the group is gone, and stops watching.
 */
function stopOnCancelOrTimeout(child: ResultPromise, spec: CommandSpec, signal: AbortSignal | undefined) {
  let stopped: Stopped | undefined;
  let killing: Promise<unknown> = Promise.resolve();
  const stop = (why: Stopped): void => {
    if (stopped !== undefined || child.pid === undefined) return;
    stopped = why;
    // The process group id is the leader's pid. A kill that fails (the group already gone,
    // or not ours to signal) leaves nothing to wait for.
    killing = killProcessGroup(child.pid).catch((error: Error) => {
      stopped = { ...why, problem: `${why.problem} Could not stop its processes: ${error.message}` };
    });
  };
  const seconds = ((spec.timeoutMs ?? 0) / 1000).toLocaleString('en', { maximumFractionDigits: 1 });
  const timer =
    spec.timeoutMs === undefined
      ? undefined
      : setTimeout(() => stop({ ended: 'timeout', problem: `Timed out after ${seconds} s: stopped ${spec.argv[0]} and every process it started.` }), spec.timeoutMs);
  const onAbort = (): void => stop({ ended: 'cancelled', problem: `Cancelled: stopped ${spec.argv[0]} and every process it started.` });
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    async settle(): Promise<Stopped | undefined> {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      await killing;
      return stopped;
    },
  };
}

async function folderProblem(cwd: string | undefined): Promise<string | undefined> {
  if (cwd === undefined) return undefined;
  const info = await stat(cwd).catch(() => undefined);
  return info?.isDirectory() ? undefined : `Working folder ${cwd} does not exist (or is not a folder).`;
}

function startProblem(program: string, code: string | undefined, message: string): string {
  const named = program.includes('/');
  if (code === 'ENOENT') return named ? `${program}: no such program.` : `${program}: not found on PATH (${process.env.PATH ?? 'PATH is unset'}).`;
  if (code === 'EACCES') return `${program}: not executable (permission denied).`;
  return `${program} could not start: ${message}`;
}
