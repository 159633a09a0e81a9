// Words a command does not take are a usage error, never ignored: `certify list gitea` must not
// print every service and exit 0 as if the filter had worked.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { EXIT } from '../../../src/cli/exitCodes';
import { EXAMPLE_REPO } from '../helpers/tempRepo';

async function certify(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // Laid out wide, so a message is one line here; widths.test.ts holds the layout at 80.
  const code = await runCli(argv, { cwd: EXAMPLE_REPO, columns: 400, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('positional arguments', () => {
  test('certify list foo bar: exit 2, one line saying the command takes none', async () => {
    const { code, out, err } = await certify('list', 'foo', 'bar');
    assert.equal(code, EXIT.usage);
    assert.equal(out, '');
    assert.equal(err, 'certify list: takes no arguments; got "foo" "bar". Usage: certify list [--json] [--repo DIR]');
  });

  test('every command with a limit refuses one word more than it takes, and fewer than it needs', async () => {
    for (const command of COMMANDS) {
      const { min, max } = command.arguments;
      if (Number.isFinite(max)) {
        const { code, out, err } = await certify(command.name, ...Array.from({ length: max + 1 }, (_, i) => `extra${i}`), '--repo', '.');
        assert.equal(code, EXIT.usage, `${command.name} with ${max + 1} arguments`);
        assert.equal(out, '');
        assert.equal(err.split('\n').length, 1, err);
        assert.match(err, new RegExp(`^certify ${command.name}: takes ${command.arguments.takes}; got .*Usage: certify ${command.name}`));
      }
      if (min > 0) {
        const { code, err } = await certify(command.name);
        assert.equal(code, EXIT.usage, `${command.name} without arguments`);
        assert.match(err, /got none/);
      }
    }
  });

  test('a word echoed back is escaped: control characters never reach the terminal raw', async () => {
    const { code, err } = await certify('list', 'a\u001b]0;pwned\u0007');
    assert.equal(code, EXIT.usage);
    assert.ok(err.includes('"a\\x1b]0;pwned\\x07"'), err);
  });

  test('commands still run with the arguments they take', async () => {
    assert.equal((await certify('list')).code, EXIT.ok);
    assert.equal((await certify('status', 'gitea')).code, EXIT.ok);
    assert.equal((await certify('validate', 'services', 'roles')).code, EXIT.ok);
  });
});
