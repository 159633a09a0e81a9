// What every executor does: run one command on its target (this machine, the Proxmox host,
// the vantage host), stream its output as it comes, and say how it ended. The step session
// only speaks to this contract, so a step's actions run the same against the lab and a real
// Proxmox host.

/**
 * Where an action runs. 'container' actions run on the Proxmox host through `pct exec`; 'api'
 * actions are Proxmox API requests over HTTPS (argv = [METHOD, path, key=value…]).
 */
export type ExecTarget = 'local' | 'proxmox' | 'vantage' | 'api';

export interface CommandSpec {
  /**
   * Program and arguments. Locally they go to the program as they are (no shell); on a remote
   * target they are quoted word by word with core/shellQuote and joined into one command line.
   */
  readonly argv: readonly string[];
  /** Extra environment (locally added to the inherited one; remotely set with `env K=V` before argv). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Working folder. Locally a folder that does not exist means 'not-started'; remotely the
   * command runs after `cd` there, and a missing folder fails it (exit code 1).
   */
  readonly cwd?: string;
  /** Killed (the whole process tree, local or remote) after this long; ended = 'timeout'. */
  readonly timeoutMs?: number;
  /** Written to the command's stdin, which is then closed. Without it stdin is closed at once. */
  readonly stdin?: string;
}

export type EndedBy =
  /** The command ran to its end; exitCode says how it went. */
  | 'exited'
  /** timeoutMs passed; the process tree was killed. */
  | 'timeout'
  /** The caller's AbortSignal fired; the process tree was killed. */
  | 'cancelled'
  /** The connection to a remote target dropped while the command ran: its outcome is unknown. */
  | 'disconnected'
  /** The command could not be started at all (no such program, connection refused, auth failed). */
  | 'not-started';

export interface CommandResult {
  readonly ended: EndedBy;
  /** The exit code when ended = 'exited' (null when a signal ended it, see signal); otherwise null. */
  readonly exitCode: number | null;
  /** The signal that ended it, when one did (e.g. 'SIGKILL'). */
  readonly signal?: string;
  /** Captured output, as text (UTF-8, invalid bytes replaced); the last MAX_CAPTURE bytes of each stream. */
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** For every end but 'exited': one line a person can act on. */
  readonly problem?: string;
}

/** Output as it arrives; chunks are text and may split lines anywhere. */
export type OutputListener = (chunk: string, stream: 'stdout' | 'stderr') => void;

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onOutput?: OutputListener;
}

export interface Executor {
  readonly target: ExecTarget;
  /** Never throws for a command that fails, times out, is cancelled or cannot start: see CommandResult.ended. */
  run(spec: CommandSpec, options?: RunOptions): Promise<CommandResult>;
  /** How a person would type it, for dry runs and transcripts (e.g. "ssh root@pve01 -p 22 -- pct status 165"). */
  describe(spec: CommandSpec): string;
  /** Closes connections; safe to call twice. */
  close(): Promise<void>;
}

/** Each stream keeps at most this much (its tail): parsers read the end (Ansible's stats, a JSON line). */
export const MAX_CAPTURE = 16 * 1024 * 1024;
