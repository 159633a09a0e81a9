// Holds the command tables to one agreement: the extension's command ids with package.json,
// the CLI's commands with their help, the CLI's version with the manifest's.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import { COMMANDS } from '../../../src/cli/commands';

const ROOT = path.resolve(__dirname, '../../..');

test('command ids in code and in package.json agree, each with the Certify category', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string; category?: string }[] };
  };
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(COMMAND_IDS).sort());
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Certify', command.command);
});

test('CLI command names are unique and each has help text', () => {
  const names = COMMANDS.map((command) => command.name);
  assert.equal(new Set(names).size, names.length);
  for (const command of COMMANDS) {
    assert.ok(command.summary.length > 10, command.name);
    assert.match(command.usage, new RegExp(`^certify ${command.name}\\b`));
  }
});

test('the CLI reports the version package.json declares', async () => {
  const { VERSION } = await import('../../../src/cli/version');
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(VERSION, manifest.version);
});
