// The CLI's exit codes, in one place: documented in `certify --help` and the README, and
// stable, because CI pipelines branch on them.

export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** A check failed: validation found an error, or a step did not pass. */
  failed: 1,
  /** The command line was wrong: unknown command or option, missing argument. */
  usage: 2,
  /** What was named does not exist: no infrastructure repo here, or no such service. */
  notFound: 3,
  /** A certification record is damaged or from a newer Certify; it was left untouched. */
  recordUnavailable: 4,
  /** Another Certify holds the service's lock. */
  busy: 5,
  /** A bug in Certify: please report it with the message. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_HELP = `Exit codes:
  0   success
  1   a check failed (validation error, step not passed)
  2   usage error (unknown command or option, missing argument)
  3   not found (no infrastructure repo here, unknown service)
  4   certification record damaged or from a newer Certify (left untouched)
  5   another Certify is working on the service (lock held)
  70  internal error (a bug: please report it)`;

/** An error that carries the exit code and a message that says what to do next. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
