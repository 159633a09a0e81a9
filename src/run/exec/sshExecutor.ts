// Runs commands on a remote target (the Proxmox host, the vantage host) over SSH. One
// connection, opened on the first run and reused; a dropped one is opened again by the next
// run. argv is quoted word by word (core/shellQuote) for the remote shell.

import { shellCommand, shellQuote } from '../../core/shellQuote';
import { inFolder, specProblem, withEnvCommand } from './commandLine';
import type { CommandResult, CommandSpec, ExecTarget, Executor, RunOptions } from './executor';
import { runOverSsh } from './remoteRun';
import { connectSsh, type ConnectOutcome } from './sshConnect';
import type { HostKeyPrompt, SshEndpoint } from './sshEndpoint';

export interface SshExecutorOptions {
  readonly target: Exclude<ExecTarget, 'local' | 'api'>;
  /** Asked when a host (or its jump host) is not in known_hosts yet; without it such hosts are refused. */
  readonly prompt?: HostKeyPrompt;
}

export function createSshExecutor(endpoint: SshEndpoint, options: SshExecutorOptions): Executor {
  let connecting: Promise<ConnectOutcome> | undefined;

  /** The open connection, or a new one when there is none or it dropped. */
  const connection = async (): Promise<ConnectOutcome> => {
    const current = connecting;
    if (current !== undefined) {
      const outcome = await current;
      if (outcome.ok && !outcome.connection.closed) return outcome;
      // Only the first run to notice replaces it; the others wait for that one.
      if (connecting === current) connecting = undefined;
      return connection();
    }
    const fresh = connectSsh(endpoint, options.prompt);
    connecting = fresh;
    const outcome = await fresh;
    // A failure is not kept: the next run tries again (the host may be up by then).
    if (!outcome.ok && connecting === fresh) connecting = undefined;
    return outcome;
  };

  return {
    target: options.target,
    async run(spec: CommandSpec, runOptions: RunOptions = {}): Promise<CommandResult> {
      const started = performance.now();
      const notStarted = (problem: string, ended: 'not-started' | 'cancelled' = 'not-started'): CommandResult => ({
        ended,
        exitCode: null,
        stdout: '',
        stderr: '',
        durationMs: performance.now() - started,
        problem,
      });
      const invalid = specProblem(spec);
      if (invalid !== undefined) return notStarted(invalid);
      if (runOptions.signal?.aborted) return notStarted('Cancelled before it started.', 'cancelled');
      const outcome = await connection();
      if (!outcome.ok) return notStarted(outcome.problem);
      if (runOptions.signal?.aborted) return notStarted('Cancelled before it started.', 'cancelled');
      return runOverSsh(outcome.connection, spec, runOptions);
    },
    describe: (spec) => describeOverSsh(endpoint, spec),
    async close(): Promise<void> {
      const current = connecting;
      connecting = undefined;
      const outcome = await current;
      if (outcome?.ok) outcome.connection.end();
    },
  };
}

/** `ssh root@pve01 -p 22 [-J jump] -- <command>`, as a person would paste it into a shell. */
function describeOverSsh(endpoint: SshEndpoint, spec: CommandSpec): string {
  const remote = inFolder(shellCommand(withEnvCommand(spec)), spec.cwd, false);
  // ssh joins its words for the remote shell, which splits them again: a line with quotes
  // or operators goes as one quoted word so that the local shell does not eat a level.
  const asWords = /^[A-Za-z0-9_@%+=:,./ -]*$/.test(remote) ? remote : shellQuote(remote);
  const hops: string[] = [];
  for (let hop = endpoint.jump; hop !== undefined; hop = hop.jump) hops.unshift(`${hop.username}@${hop.host}:${hop.port}`);
  const jump = hops.length > 0 ? ` -J ${hops.join(',')}` : '';
  return `ssh ${endpoint.username}@${endpoint.host} -p ${endpoint.port}${jump} -- ${asWords}`;
}
