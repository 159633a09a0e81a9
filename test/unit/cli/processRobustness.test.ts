// The CLI as a real process meets what a shell does to it: a reader that stops early
// (`| head -1`, EPIPE) ends it quietly with the command's own exit code; a full disk
// (`>/dev/full`, ENOSPC) is exit 1 with one line on stderr; a deleted working folder is exit 3
// with what to do. Never a stack.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../../src/cli/exitCodes';
import { EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';
import { buildCli, run } from './builtCli';

const STACK = /\n\s+at |internal error/;

/** A repo whose validation prints well over a pipe's 64 KiB: 1,500 definitions, each with an error. */
async function noisyRepo(): Promise<string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1500; i++) files[`services/svc${i}.yml`] = `name: svc${i}\ncontainer_id: not-a-number\n`;
  return makeRepo(files);
}

describe('certify as a process', () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  before(async () => {
    cli = await buildCli();
  });
  after(async () => {
    await cli.dispose();
  });

  test('`validate | head -1`: the reader leaves early, certify ends quietly with its own exit code', { timeout: 60_000 }, async () => {
    const repo = await noisyRepo();
    const shell = `set -o pipefail; "${process.execPath}" "${cli.script}" validate --repo "${repo}" | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const { stdout, stderr } = await run('bash', ['-c', shell]);
    assert.equal(stdout.split('\n').filter(Boolean).length, 1);
    assert.equal(stderr.trim(), `exit=${EXIT.failed}`, 'validate found errors (exit 1) and said nothing about the closed pipe');
  });

  test('a pipe closed before anything is written: exit 0 for a successful list, nothing on stderr', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, [cli.script, 'list', '--repo', EXAMPLE_REPO], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, EXIT.ok);
  });

  test('`>/dev/full`: exit 1 and one line on stderr saying the output could not be written', { timeout: 30_000 }, async () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const argv of [['list', '--repo', EXAMPLE_REPO], ['status', 'gitea', '--repo', EXAMPLE_REPO, '--json'], ['--help']]) {
        const { code, stderr } = await run(process.execPath, [cli.script, ...argv], { stdout: full });
        assert.equal(code, EXIT.failed, argv.join(' '));
        assert.deepEqual(stderr.split('\n').filter(Boolean), [
          'certify: could not write the output: no space left on the device: free some space and try again (ENOSPC).',
        ]);
      }
    } finally {
      closeSync(full);
    }
  });

  test('a deleted working folder: exit 3 and what to do, for every command', { timeout: 30_000 }, async () => {
    const parent = await makeRepo({});
    for (const argv of [['list'], ['status', 'gitea'], ['validate'], ['list', '--repo', 'relative']]) {
      const gone = path.join(parent, 'gone');
      await fs.mkdir(gone);
      const shell = `cd "${gone}" && rmdir "${gone}" && exec "${process.execPath}" "${cli.script}" ${argv.join(' ')}`;
      const { code, stderr } = await run('bash', ['-c', shell], { cwd: parent });
      assert.equal(code, EXIT.notFound, `${argv.join(' ')}: ${stderr}`);
      // One message, wrapped at 80 columns (stderr is a pipe): its continuation lines hang indented.
      const [first, ...more] = stderr.split('\n').filter(Boolean);
      assert.ok(first.startsWith(`certify ${argv[0]}: `) && more.every((line) => line.startsWith('    ')), stderr);
      assert.match(stderr.replace(/\n +/g, ' '), /the current folder no longer exists \(it was deleted or moved\)\. cd into your repo, or pass --repo with an absolute path\.\n$/);
      assert.doesNotMatch(stderr, STACK);
    }
  });
});
