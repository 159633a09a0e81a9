// Runs the `openssl` command with an argv array (never through a shell), so no name or path
// can be read as shell syntax. The lab makes its certificates with the same tool an operator
// would use by hand, and the files are the ones openssl writes.

import { execFile } from 'node:child_process';

export async function runOpenssl(args: readonly string[], cwd: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile('openssl', [...args], { cwd, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error === null) {
        resolve();
        return;
      }
      const detail = String(stderr).trim() || error.message;
      reject(new Error(`openssl ${args[0] ?? ''} failed: ${detail}`));
    });
  });
}
