// Large repos are read by a worker thread: it must start inside VS Code's extension host (not
// only under plain Node) and read what async reads read.
import * as assert from 'node:assert/strict';
import { readInWorker } from '../../../src/repo/filesWorker';
import { readRepoSnapshot } from '../../../src/repo/snapshot';
import { exampleFolder } from './testUtils';

suite('Reading a repo in the extension host', () => {
  test('the worker thread starts here and reads the same snapshot as async reads', async () => {
    const folder = exampleFolder();
    let started = 0;
    const worker = await readRepoSnapshot(folder.uri.fsPath, {
      mode: 'worker',
      // The real driver, counted: a worker that failed to start would fall back to async reads unseen.
      readInWorker: async (...args) => {
        const finished = await readInWorker(...args);
        if (finished) started += 1;
        return finished;
      },
    });
    const alone = await readRepoSnapshot(folder.uri.fsPath, { mode: 'async' });
    assert.equal(started, 1, 'the worker did not finish in the extension host');
    assert.ok(alone.texts.size > 10, `only ${alone.texts.size} files read`);
    const sorted = (texts: Map<string, string>) => [...texts].sort(([a], [b]) => a.localeCompare(b));
    assert.deepEqual({ ...worker, texts: sorted(worker.texts) }, { ...alone, texts: sorted(alone.texts) });
  });
});
