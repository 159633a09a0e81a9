// Guards the rooms of src/: each room imports only the rooms below it, directly or through
// any chain of imports; only src/extension/ reaches `vscode`; and only the rooms that own I/O
// touch the file system, processes or the network. docs/architecture.md draws the same rooms.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readImportGraph, reachable, runtimeReach, type ImportGraph } from './importGraph';

const ROOT = path.resolve(__dirname, '../../..');

/** Every room of src/, bottom to top, with the rooms it may import (its own always). */
const ROOMS: Record<string, readonly string[]> = {
  core: [],
  yaml: ['core'],
  repo: ['core', 'yaml'],
  store: ['core', 'yaml', 'repo'],
  check: ['core', 'yaml', 'repo'],
  scaffold: ['core', 'yaml', 'repo'],
  report: ['core', 'yaml', 'repo', 'store', 'check'],
  run: ['core', 'yaml', 'repo', 'store', 'check', 'report'],
  lab: ['core', 'yaml', 'repo', 'store', 'run'],
  cli: ['core', 'yaml', 'repo', 'store', 'check', 'scaffold', 'report', 'run', 'lab'],
  extension: ['core', 'yaml', 'repo', 'store', 'check', 'scaffold', 'report', 'run', 'lab'],
};

/** Rooms that own I/O; every other room is pure (text and values in, values out). */
const IO_ROOMS = new Set(['repo', 'store', 'scaffold', 'run', 'lab', 'cli', 'extension']);
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|tls|dgram|dns|os|worker_threads|cluster)$/;
/** Rooms whose every file must be pure, or a pure file inside an I/O room (read by pure rooms). */
const PURE_FILES_IN_IO_ROOMS = ['src/repo/layout.ts', 'src/repo/discovery.ts', 'src/repo/parseCache.ts'];

const roomOf = (file: string): string | undefined => /^src\/([^/]+)\//.exec(file)?.[1];

/** Each violation once: `from → … → to` along the first chain found (breadth-first, so the shortest). */
export function layerViolations(graph: ImportGraph, rooms: Record<string, readonly string[]>): string[] {
  const found: string[] = [];
  for (const start of graph.keys()) {
    const room = roomOf(start);
    if (room === undefined) continue;
    const allowed = new Set([room, ...(rooms[room] ?? [])]);
    for (const [file, chain] of reachable(graph, start, () => true)) {
      const reached = roomOf(file);
      if (reached !== undefined && !allowed.has(reached)) found.push(`${room} reaches ${reached}: ${chain.join(' → ')}`);
    }
  }
  return found;
}

describe('architecture: rooms', () => {
  const graph = readImportGraph(ROOT, 'src');

  test('every folder of src/ is a room the layer table knows', () => {
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    assert.deepEqual(folders.filter((folder) => !(folder in ROOMS)), [], 'add the new room to ROOMS here and to docs/architecture.md');
    const loose = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
    assert.deepEqual(loose, [], 'every source file lives in a room');
  });

  test('each room imports only the rooms below it, directly or through other files (types included)', () => {
    assert.deepEqual(layerViolations(graph, ROOMS), []);
  });

  test('only src/extension/ loads vscode, directly or through other files', () => {
    const offenders = [...graph.keys()].filter((file) => roomOf(file) !== 'extension').flatMap((file) => runtimeReach(graph, file, /^vscode$/));
    assert.deepEqual(offenders, []);
  });

  test('only the rooms that own I/O touch the file system, processes or the network', () => {
    const direct = [...graph].flatMap(([file, edges]) =>
      IO_ROOMS.has(roomOf(file) ?? '') ? [] : edges.filter((edge) => IO_MODULES.test(edge.target)).map((edge) => `${file} → ${edge.target}`),
    );
    assert.deepEqual(direct, []);
    // Pure rooms stay pure through what they load from the rooms below them.
    const pure = [...graph.keys()].filter((file) => !IO_ROOMS.has(roomOf(file) ?? '') || PURE_FILES_IN_IO_ROOMS.includes(file));
    assert.deepEqual(pure.flatMap((file) => runtimeReach(graph, file, IO_MODULES)), []);
  });

  test('the checks above catch an indirect import of a higher room and indirect I/O', () => {
    // core/a → core/b → check/c: core reaches check through b, although a imports only core.
    const sample: ImportGraph = new Map([
      ['src/core/a.ts', [{ target: 'src/core/b.ts', runtime: true }]],
      ['src/core/b.ts', [{ target: 'src/check/c.ts', runtime: false }]],
      ['src/check/c.ts', [{ target: 'node:fs', runtime: true }]],
      ['src/yaml/d.ts', [{ target: 'src/repo/e.ts', runtime: true }]],
      ['src/repo/e.ts', [{ target: 'node:child_process', runtime: true }]],
    ]);
    const violations = layerViolations(sample, ROOMS);
    assert.ok(violations.includes('core reaches check: src/core/a.ts → src/core/b.ts → src/check/c.ts'), violations.join('\n'));
    assert.ok(violations.includes('yaml reaches repo: src/yaml/d.ts → src/repo/e.ts'));
    assert.deepEqual(runtimeReach(sample, 'src/yaml/d.ts', IO_MODULES), ['src/yaml/d.ts → src/repo/e.ts → node:child_process']);
    // A type-only import loads nothing: core/a does not reach node:fs at run time.
    assert.deepEqual(runtimeReach(sample, 'src/core/a.ts', IO_MODULES), []);
  });
});
