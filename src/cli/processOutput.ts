// The process's stdout and stderr as the CLI writes them. A reader that goes away early
// (`certify validate | head -1`: EPIPE) ends the output quietly and the command keeps its exit
// code; any other failure to write (a full disk: ENOSPC) is said once on stderr and makes the
// exit code 1, because a run whose output was lost has failed.

import { describeIoError, errnoCode } from '../store/storeError';
import { EXIT } from './exitCodes';

export interface ProcessOutput {
  out(text: string): void;
  err(text: string): void;
  /** The exit code to end with, given the command's own. */
  exitCode(commandCode: number): number;
}

export function processOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): ProcessOutput {
  let stdoutOpen = true;
  let stderrOpen = true;
  let failed = false;
  stdout.on('error', (error: unknown) => {
    stdoutOpen = false;
    if (errnoCode(error) === 'EPIPE') return;
    failed = true;
    if (stderrOpen) stderr.write(`certify: could not write the output: ${describeIoError(error)}.\n`);
  });
  stderr.on('error', (error: unknown) => {
    stderrOpen = false;
    // Nowhere left to say it: the exit code is all that reports a lost error message.
    if (errnoCode(error) !== 'EPIPE') failed = true;
  });
  return {
    out: (text) => {
      if (stdoutOpen) stdout.write(`${text}\n`);
    },
    err: (text) => {
      if (stderrOpen) stderr.write(`${text}\n`);
    },
    exitCode: (commandCode) => (failed ? EXIT.failed : commandCode),
  };
}
