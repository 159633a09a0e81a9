// Runs commands as if /etc/init.d/notes were installed on this machine, without installing it:
// each command runs in its own private mount namespace where /etc/init.d is a bind mount of a
// copy that also holds the notes init script. The machine's /etc stays untouched, which
// matters here: lab containers use the machine's files as their lower layer, so a script
// written to the real /etc/init.d would start in every container that boots.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { run, type RunOptions, type RunResult } from './run';

export interface PrivateInitd {
  /** The copy of /etc/init.d that commands see as /etc/init.d. */
  dir: string;
  run(command: string, args: readonly string[], options?: RunOptions): RunResult;
}

export async function privateInitd(dir: string): Promise<PrivateInitd> {
  await fs.cp('/etc/init.d', dir, { recursive: true, verbatimSymlinks: true });
  return {
    dir,
    run: (command, args, options) =>
      run(
        'unshare',
        ['--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount --bind "$0" /etc/init.d && exec "$@"', dir, command, ...args],
        options,
      ),
  };
}

export async function installInitScript(initd: PrivateInitd, name: string, script: string): Promise<void> {
  await fs.writeFile(path.join(initd.dir, name), script, { mode: 0o755 });
}
