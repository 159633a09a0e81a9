// Guards the architecture: one engine without `vscode`, pure core and check layers, and the
// command ids in code and package.json kept in one agreement.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMAND_IDS } from '../../src/extension/commandIds';
import { COMMANDS } from '../../src/cli/commands';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

const imports = (file: string): string[] =>
  [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

test('only src/extension/ imports vscode', () => {
  const offenders = sourceFiles('src').filter((file) => !file.startsWith('src/extension/') && imports(file).includes('vscode'));
  assert.deepEqual(offenders, []);
});

test('core and check do no I/O and use no other layer', () => {
  const forbidden = /^(node:)?(fs|child_process|net|http|https|os|fs\/promises)$|\/(workspace|extension|cli|run|lab)\//;
  const pure = sourceFiles('src').filter((file) => file.startsWith('src/core/') || file.startsWith('src/check/'));
  assert.ok(pure.length > 0);
  const offenders = pure.flatMap((file) => imports(file).filter((spec) => forbidden.test(spec)).map((spec) => `${file} → ${spec}`));
  assert.deepEqual(offenders, []);
});

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
