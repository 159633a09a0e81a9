// Certify's exit codes as numbers: what `certify` returns and what an editor task's terminal
// ends with, so a CI pipeline and a key-bound task read the same number the same way. What
// each command can return, and the words for it, are in src/cli/exitCodes.ts.

export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** A check failed (validation found an error), or the output could not be written. */
  failed: 1,
  /** The command line was wrong: unknown command or option, missing argument, a path that does not exist. */
  usage: 2,
  /** What was named does not exist: no infrastructure repo here, no such service, no current folder. */
  notFound: 3,
  /** A certification record cannot be used (damaged, unreadable, from a newer Certify) or saved; it was left as it was. */
  recordUnavailable: 4,
  /** Another Certify holds the service's lock (a run of it is going on elsewhere). */
  busy: 5,
  /** This machine cannot do it: the local lab needs Linux, root and its Debian packages. */
  unsupported: 6,
  /** A step did not finish: refused by its gate or the wipe guard, not confirmed, cancelled, or its connection dropped. */
  stopped: 7,
  /** A bug in Certify: please report it with the message. */
  internal: 70,
} as const;
