// A Proxmox worker run from the command line: the CLI is a *sync* worker (pve-common
// RESTEnvironment.pm `fork_worker`), so every line the task prints is copied to stdout as it
// comes, and its end is reported the way the sync loop does it: `TASK OK` silently,
// `TASK ERROR: <msg>` as `<msg>` on stderr, `TASK WARNINGS: N` as `Task finished with N
// warning(s)!` on stderr. The exit code is pct.pm's `$upid_exit`: 255 for an error, else 0.

import type { ToolIo } from '../../toolIo';
import type { Caller, Task } from '../pveNode';
import { EXIT_DIE } from './runTool';

/** Who runs the lab's CLI: as on a node, root over ssh. */
export const CLI_USER = 'root@pam';

const STATUS_LINE = /^TASK (OK|ERROR: |WARNINGS: \d+$)/;

export async function runSyncWorker(io: ToolIo, start: (caller: Caller) => Promise<Task>): Promise<number> {
  const caller: Caller = {
    user: CLI_USER,
    onTaskLine: (line) => {
      const text = line.endsWith('\n') ? line.slice(0, -1) : line;
      // The status line ends the task log; the sync loop turns it into the report below.
      if (STATUS_LINE.test(text)) return;
      io.stdout.write(`${text}\n`);
    },
  };
  const task = await start(caller);
  const { exitstatus } = await task.finished;
  return reportTaskEnd(io, exitstatus);
}

export function reportTaskEnd(io: ToolIo, exitstatus: string): number {
  if (exitstatus === 'OK') return 0;
  const warnings = /^WARNINGS: (\d+)$/.exec(exitstatus);
  if (warnings !== null) {
    io.stderr.write(`Task finished with ${warnings[1]} warning(s)!\n`);
    return 0;
  }
  io.stderr.write(`${exitstatus.replace(/\n+$/, '').replace(/\n/g, ' ')}\n`);
  return EXIT_DIE;
}
