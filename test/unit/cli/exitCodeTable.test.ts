// The exit codes say only what is true: each command's help lists the codes it can return,
// code 5 (lock held) is listed by exactly the commands that take the lock, and the main help
// and the README's table agree with src/cli/exitCodes.ts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { ALL_EXIT_CODES, COMMAND_EXIT_CODES, EXIT } from '../../../src/cli/exitCodes';
import { readImportGraph } from '../architecture/importGraph';

const ROOT = path.resolve(__dirname, '../../..');

async function help(...argv: string[]): Promise<string> {
  const out: string[] = [];
  await runCli(argv, { cwd: ROOT, out: (t) => out.push(t), err: (t) => out.push(t) });
  return out.join('\n');
}

/** The codes of the "Exit codes:" block of a help text. */
function listedCodes(text: string): number[] {
  const block = text.slice(text.indexOf('Exit codes:'));
  return [...block.matchAll(/^ {2}(\d+)\s/gm)].map((match) => Number(match[1]));
}

/** Source files a command loads (not through the store itself) that take the lock. */
function takesLock(commandFile: string): boolean {
  const graph = readImportGraph(ROOT, 'src');
  const seen = new Set<string>();
  const queue = [commandFile];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    // Generated code (src/check/schema/generated) has no .ts source and takes no lock.
    if (seen.has(file) || !file.endsWith('.ts') || !file.startsWith('src/') || file.startsWith('src/store/')) continue;
    seen.add(file);
    if (/\b(updateRecord|withServiceLock)\s*\(/.test(readFileSync(path.join(ROOT, file), 'utf8'))) return true;
    queue.push(...(graph.get(file) ?? []).filter((edge) => edge.runtime).map((edge) => edge.target));
  }
  return false;
}

describe('certify: exit codes', () => {
  test('every command has its own list of exit codes, and only commands have one', () => {
    assert.deepEqual(Object.keys(COMMAND_EXIT_CODES).sort(), COMMANDS.map((command) => command.name).sort());
  });

  test('each command\'s --help lists exactly the codes that command can return', async () => {
    for (const command of COMMANDS) {
      assert.deepEqual(listedCodes(await help(command.name, '--help')), COMMAND_EXIT_CODES[command.name].map((doc) => doc.code), command.name);
    }
    assert.deepEqual(listedCodes(await help('status', '--help')), [0, 1, 2, 3, 4, 70]);
    assert.deepEqual(listedCodes(await help('validate', '--help')), [0, 1, 2, 3, 70]);
  });

  test('code 5 is listed by exactly the commands that take the lock', () => {
    for (const command of COMMANDS) {
      const file = `src/cli/commands/${command.name}.ts`;
      const listsBusy = COMMAND_EXIT_CODES[command.name].some((doc) => doc.code === EXIT.busy);
      assert.equal(listsBusy, takesLock(file), `${command.name}: lists 5 = ${listsBusy}, takes the lock = ${takesLock(file)}`);
    }
  });

  test('the main help lists the codes some command returns', async () => {
    const text = await help('--help');
    const union = [...new Set(Object.values(COMMAND_EXIT_CODES).flatMap((docs) => docs.map((doc) => doc.code)))].sort((a, b) => a - b);
    assert.deepEqual(listedCodes(text), union);
    assert.deepEqual(ALL_EXIT_CODES.map((doc) => doc.code), union);
  });

  test('the README\'s table lists the same codes', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('Exit codes ('), readme.indexOf('Without `--repo`'));
    const rows = [...section.matchAll(/^\| `(\d+)` \|/gm)].map((match) => Number(match[1]));
    assert.deepEqual(rows, ALL_EXIT_CODES.map((doc) => doc.code));
  });
});
