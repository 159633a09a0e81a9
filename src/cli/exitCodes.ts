// The CLI's exit codes, in one place: which command can return which, documented in
// `certify --help`, each command's --help and the README, and stable, because CI pipelines
// branch on them. A command's help lists only the codes it can really return.

import { EXIT } from '../core/exitCodes';

export { EXIT };

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ExitCodeDoc {
  code: ExitCode;
  meaning: string;
}

const SUCCESS: ExitCodeDoc = { code: EXIT.ok, meaning: 'success' };
const OUTPUT_LOST: ExitCodeDoc = { code: EXIT.failed, meaning: 'the output could not be written (a full disk)' };
const USAGE: ExitCodeDoc = { code: EXIT.usage, meaning: 'usage error (unknown command or option, missing argument, a path that does not exist)' };
const NOT_FOUND: ExitCodeDoc = { code: EXIT.notFound, meaning: 'not found (no infrastructure repo here, unknown service, the current folder was deleted)' };
const RECORD: ExitCodeDoc = {
  code: EXIT.recordUnavailable,
  meaning: 'a certification record is damaged, unreadable or from a newer Certify (left as it is)',
};
const UNSUPPORTED: ExitCodeDoc = {
  code: EXIT.unsupported,
  meaning: 'not possible on this machine: the local lab needs Linux, root and its Debian packages (lab up --install)',
};
const BUSY: ExitCodeDoc = { code: EXIT.busy, meaning: 'another Certify holds the service\'s lock (a run of it is going on elsewhere)' };
const INTERNAL: ExitCodeDoc = { code: EXIT.internal, meaning: 'internal error (a bug: please report it)' };

/** Keyed by command name; a test holds it to the command table. */
export const COMMAND_EXIT_CODES: Readonly<Record<string, readonly ExitCodeDoc[]>> = {
  list: [SUCCESS, OUTPUT_LOST, USAGE, NOT_FOUND, RECORD, INTERNAL],
  status: [SUCCESS, OUTPUT_LOST, USAGE, NOT_FOUND, RECORD, INTERNAL],
  report: [SUCCESS, { code: EXIT.failed, meaning: 'the report could not be written (--out, or a full disk)' }, USAGE, NOT_FOUND, RECORD, INTERNAL],
  validate: [
    SUCCESS,
    { code: EXIT.failed, meaning: 'validation found an error, or the output could not be written' },
    USAGE,
    NOT_FOUND,
    INTERNAL,
  ],
  run: [
    SUCCESS,
    { code: EXIT.failed, meaning: 'a step failed (the message says which criterion and why), or the output could not be written' },
    USAGE,
    { code: EXIT.notFound, meaning: 'not found (no infrastructure repo here, unknown service, no Proxmox host to run against)' },
    RECORD,
    BUSY,
    { code: EXIT.stopped, meaning: 'a step stopped before it finished: refused by its gate or the wipe guard, not confirmed (--yes), cancelled, or its connection dropped; run again to resume' },
    INTERNAL,
  ],
  lab: [
    SUCCESS,
    { code: EXIT.failed, meaning: 'the lab could not be made or removed (the message says which step), or the output could not be written' },
    USAGE,
    UNSUPPORTED,
    INTERNAL,
  ],
};

/** Every code some command can return, with what it means across commands. */
export const ALL_EXIT_CODES: readonly ExitCodeDoc[] = [
  SUCCESS,
  { code: EXIT.failed, meaning: 'a check failed (validate found an error, a run\'s step failed), or the output could not be written' },
  USAGE,
  NOT_FOUND,
  { ...RECORD, meaning: `${RECORD.meaning} — list, status, run, report` },
  { ...BUSY, meaning: `${BUSY.meaning} — run` },
  { ...UNSUPPORTED, meaning: `${UNSUPPORTED.meaning} — lab` },
  { code: EXIT.stopped, meaning: 'a step stopped before it finished (refused, not confirmed, cancelled, connection lost); run again to resume — run' },
  INTERNAL,
];

export function exitCodeHelp(codes: readonly ExitCodeDoc[]): string {
  return ['Exit codes:', ...codes.map((doc) => `  ${String(doc.code).padEnd(3)} ${doc.meaning}`)].join('\n');
}

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
