// Entry point of the `certify` command line (bundled to dist/cli.js): wires the process's
// streams and working folder to runCli and ends with its exit code.

import { runCli } from './cli';
import { EXIT } from './exitCodes';
import { processOutput } from './processOutput';

const output = processOutput(process.stdout, process.stderr);
let commandCode: number = EXIT.internal;

// A write error is reported after the write returns, possibly after the command has finished:
// the exit code is settled only as the process ends.
process.on('exit', () => {
  process.exitCode = output.exitCode(commandCode);
});

runCli(process.argv.slice(2), {
  // Read when a command asks: a working folder deleted before Certify started throws here, and
  // runCli turns that into its own message.
  get cwd() {
    return process.cwd();
  },
  // A pipe or a file gets 80 columns: what it is read in later is not known.
  columns: process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined,
  out: output.out,
  err: output.err,
}).then(
  (code) => {
    commandCode = code;
  },
  (error: unknown) => {
    output.err(`certify: internal error — please report it: ${String(error)}`);
  },
);
