// One command over an open SSH connection: output streamed and captured, and on cancel or
// timeout the remote process group killed over a second channel (closing the channel alone
// would leave the command running on the host). A connection that drops mid-command leaves
// the outcome unknown, and the result says so.

import type { ClientChannel } from 'ssh2';
import { commandCapture } from './capture';
import type { CommandResult, CommandSpec, RunOptions } from './executor';
import { endpointLabel } from './hostKeyCheck';
import { killGroupCommandLine, newPgidMarker, PgidFilter, wrappedCommandLine } from './remoteCommand';
import type { SshConnection } from './sshConnect';

/** How long the marker may take to arrive once a stop is asked for; it is the first thing written. */
const PGID_WAIT_MS = 5_000;
/** The kill command needs the 2 s grace; the rest is the round trip. */
const KILL_WAIT_MS = 10_000;
/** After the group is killed, sshd ends the session on its own; this bounds the wait for it. */
const CLOSE_WAIT_MS = 5_000;

interface Stop {
  readonly ended: 'timeout' | 'cancelled';
  readonly problem: string;
}

export async function runOverSsh(connection: SshConnection, spec: CommandSpec, options: RunOptions): Promise<CommandResult> {
  const { stdout, stderr, finish } = commandCapture(options.onOutput);
  const where = endpointLabel(connection.endpoint);
  const program = spec.argv[0];

  const marker = newPgidMarker();
  const opened = await openExec(connection, wrappedCommandLine(spec, marker));
  if ('problem' in opened) return finish('not-started', { problem: opened.problem });
  const { channel, closed } = opened;

  let reportPgid: (pgid: number) => void = () => {};
  const pgidKnown = new Promise<number>((resolve) => (reportPgid = resolve));
  const filter = new PgidFilter(marker, reportPgid);
  // Output waits in the channel's streams until read; nothing of it is lost by reading it now.
  channel.on('data', (chunk: Buffer) => stdout.write(chunk));
  channel.stderr.on('data', (chunk: Buffer) => stderr.write(filter.write(chunk)));
  const stderrEnded = new Promise<void>((resolve) => {
    channel.stderr.once('end', resolve);
    channel.stderr.once('close', resolve);
  });
  const dropped = new Promise<void>((resolve) => {
    const unsubscribe = connection.onClose(resolve);
    void closed.then(unsubscribe);
  });
  // Without stdin the command reads end-of-file at once.
  channel.end(spec.stdin);

  let stop: Stop | undefined;
  let stopping: Promise<string | undefined> = Promise.resolve(undefined);
  const requestStop = (why: Stop): void => {
    if (stop !== undefined) return;
    stop = why;
    stopping = killRemoteTree(connection, channel, pgidKnown, closed);
  };
  const what = `${program} on ${connection.endpoint.name}`;
  const seconds = ((spec.timeoutMs ?? 0) / 1000).toLocaleString('en', { maximumFractionDigits: 1 });
  const timer =
    spec.timeoutMs === undefined
      ? undefined
      : setTimeout(() => requestStop({ ended: 'timeout', problem: `Timed out after ${seconds} s: stopped ${what} and every process it started.` }), spec.timeoutMs);
  const onAbort = (): void => requestStop({ ended: 'cancelled', problem: `Cancelled: stopped ${what} and every process it started.` });
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  await Promise.race([closed.then(() => stderrEnded), dropped]);
  if (timer !== undefined) clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  const stopTrouble = await stopping;
  stderr.write(filter.end());
  stdout.end();
  stderr.end();

  const exit = opened.exit();
  if (exit === undefined) {
    const why = connection.closed ? connection.dropReason() : 'the session ended without an exit status';
    return finish('disconnected', { problem: `Lost ${where} while ${program} ran (${why}): its outcome is unknown. Check the host before running it again.` });
  }
  const ended = { exitCode: exit.code, ...(exit.signal ? { signal: exit.signal } : {}) };
  if (stop !== undefined) {
    return finish(stop.ended, { ...ended, exitCode: null, problem: stopTrouble === undefined ? stop.problem : `${stop.problem} ${stopTrouble}` });
  }
  return finish('exited', ended);
}

interface ExecChannel {
  readonly channel: ClientChannel;
  /** The exit status the host sent, once it has. */
  exit(): { code: number | null; signal?: string } | undefined;
  readonly closed: Promise<void>;
}

/**
 * Opens a session for the command. Its exit status and its end are listened for inside the
 * callback: a quick command's status (an event, not buffered like its output) can arrive in
 * the same read as the channel's opening, before any code awaiting this promise runs.
 */
function openExec(connection: SshConnection, commandLine: string): Promise<ExecChannel | { problem: string }> {
  return new Promise((resolve) => {
    if (connection.closed) {
      resolve({ problem: `Lost ${endpointLabel(connection.endpoint)} before the command started (${connection.dropReason()}).` });
      return;
    }
    connection.client.exec(commandLine, (error, channel) => {
      if (!error) {
        let status: { code: number | null; signal?: string } | undefined;
        channel.on('exit', (code: number | null, signal?: string) => (status = { code, ...(signal ? { signal } : {}) }));
        const closed = new Promise<void>((done) => channel.on('close', () => done()));
        resolve({ channel, exit: () => status, closed });
      } else if (connection.closed) resolve({ problem: `Lost ${endpointLabel(connection.endpoint)} before the command started (${connection.dropReason()}).` });
      else resolve({ problem: `${endpointLabel(connection.endpoint)} refused to start the command: ${error.message}` });
    });
  });
}

/**
 * Kills the command's process group on the host (SIGTERM, SIGKILL after 2 s) and waits for
 * the session to end. Resolves to a sentence when the tree may not be gone, else undefined.
 */
async function killRemoteTree(connection: SshConnection, channel: ClientChannel, pgidKnown: Promise<number>, closed: Promise<void>): Promise<string | undefined> {
  const pgid = await Promise.race([pgidKnown, closed.then(() => undefined), delay(PGID_WAIT_MS)]);
  if (pgid === undefined) {
    if (await settlesWithin(closed, 0)) return undefined; // it ended before it said its group: nothing left to kill
    channel.close();
    return `Could not find its process group on ${connection.endpoint.name}: look for leftover processes there.`;
  }
  const killed = await openExec(connection, killGroupCommandLine(pgid));
  if ('problem' in killed) return `Could not kill process group ${pgid} there: ${killed.problem}`;
  // Its (empty) output must be read for the channel to finish.
  killed.channel.resume();
  killed.channel.stderr.resume();
  killed.channel.end();
  if (!(await settlesWithin(killed.closed, KILL_WAIT_MS))) return `Killing process group ${pgid} did not finish: look for leftover processes there.`;
  if (!(await settlesWithin(closed, CLOSE_WAIT_MS))) channel.close();
  return undefined;
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}
