// A task started by one process is read by another, as `pct` and the API server share tasks:
// running while its worker's process lives, and "unexpected status" once that process died
// without writing its last line.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { TaskStore } from '../../../../src/lab/pve/node/tasks';

const TASKS_MODULE = path.resolve(__dirname, '../../../../src/lab/pve/node/tasks.ts');

describe('tasks across processes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lnode-xproc-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('running while the worker process lives; stopped with "unexpected status" after it is killed', async () => {
    const script = path.join(dir, 'worker.ts');
    writeFileSync(script, [
      `import { TaskStore } from ${JSON.stringify(TASKS_MODULE)};`,
      `const task = new TaskStore(${JSON.stringify(path.join(dir, 'tasks'))}, 'pve01').start('vzstart', '100', { user: 'root@pam' }, async (log) => {`,
      `  log('working');`,
      // Told only once the line is in the log, so the reader never races the writer.
      `  console.log(task.upid);`,
      `  await new Promise(() => setInterval(() => undefined, 1000));`,
      `});`,
    ].join('\n'));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const upid = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (out.includes('\n')) resolve(out.trim());
        });
        child.on('exit', () => reject(new Error('the worker process ended early')));
      });
      const tasks = new TaskStore(path.join(dir, 'tasks'), 'pve01');
      const running = tasks.status(upid);
      assert.equal(running.status, 'running');
      assert.equal(running.pid, child.pid);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const stopped = tasks.status(upid);
      assert.deepEqual([stopped.status, stopped.exitstatus], ['stopped', 'unexpected status']);
      assert.deepEqual(tasks.log(upid).lines.map((line) => line.t), ['working']);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
