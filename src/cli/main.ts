// Entry point of the `certify` command line (bundled to dist/cli.js).

import { runCli } from './cli';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`certify: internal error — please report it: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
