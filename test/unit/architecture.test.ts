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

/** Modules a file loads at run time; `import type` loads nothing, so it may name any layer's types. */
const imports = (file: string): string[] =>
  [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^(?!import type\b).*?(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

test('only src/extension/ imports vscode', () => {
  const offenders = sourceFiles('src').filter((file) => !file.startsWith('src/extension/') && imports(file).includes('vscode'));
  assert.deepEqual(offenders, []);
});

const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|os|dgram|tls)$/;
// Layers import only downwards: extension → cli → run → check → workspace → core.
const FORBIDDEN: Record<string, RegExp> = {
  'src/core/': /\/(workspace|check|run|cli|extension|lab)\//,
  'src/check/': /\/(run|cli|extension|lab)\/|\/workspace\/(repoSnapshot|repoIndex|store|lock)$/,
};

test('core and check do no I/O and import only lower layers', () => {
  const offenders: string[] = [];
  for (const [folder, layers] of Object.entries(FORBIDDEN)) {
    for (const file of sourceFiles('src').filter((f) => f.startsWith(folder))) {
      for (const spec of imports(file)) if (IO_MODULES.test(spec) || layers.test(spec)) offenders.push(`${file} → ${spec}`);
    }
  }
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

test('the CLI reports the version package.json declares', async () => {
  const { VERSION } = await import('../../src/cli/version');
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(VERSION, manifest.version);
});
