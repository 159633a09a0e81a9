// Keeps activation light (issue 11: dist/extension.js ≤ 500 KB, activation ≤ 20 ms, measured by
// bench/activation): what src/extension/extension.ts loads at run time, directly or through
// other files, is the editor's wiring, the pure core, the tree's model and the report formats
// table. The YAML parsers, the schema validators, discovery, validation, the store, the
// scaffold, the lab and the step engine with its SSH client are reached only through the engines
// the extension requires by path after activation (src/extension/engines/engines.ts): dist/repo.js and dist/run.js.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readImportGraph, runtimeReach } from './importGraph';

const ROOT = path.resolve(__dirname, '../../..');
const ENTRY = 'src/extension/extension.ts';

/** Rooms and packages that belong in an engine bundle, never in dist/extension.js. */
const ENGINE_ONLY = /^(src\/(yaml|check|scaffold|lab|run|store)\/.*|src\/extension\/engines\/(repo|run)Engine\.ts|yaml|js-yaml|ajv|ajv\/.*|node-ssh|ssh2|execa)$/;
/** What of the lower rooms the editor's wiring may load itself: pure, small and needed to draw the tree. */
const LIGHT_FILES = /^src\/(core\/.*|report\/treeModel\.ts|report\/render\/reportFormats\.ts|repo\/layout\.ts)$/;

describe('architecture: what activation loads', () => {
  const graph = readImportGraph(ROOT, 'src');

  test('the extension entry reaches no engine room or package at run time', () => {
    assert.deepEqual(runtimeReach(graph, ENTRY, ENGINE_ONLY), []);
  });

  test('of the rooms below it, the extension entry loads only the core, the tree model and the report formats table', () => {
    const reached = runtimeReach(graph, ENTRY, /^src\/(?!extension\/)/).filter((chain) => !LIGHT_FILES.test(chain.split(' → ').pop() ?? ''));
    assert.deepEqual(reached, []);
  });

  test('only vscodeApi.ts imports vscode itself: the bundle copies the API namespace once per importing file', () => {
    const importers = [...graph].filter(([, edges]) => edges.some((edge) => edge.runtime && edge.target === 'vscode')).map(([file]) => file);
    assert.deepEqual(importers, ['src/extension/vscodeApi.ts']);
  });

  test('the engines are loaded by path, so their bundles stay separate', () => {
    const loader = graph.get('src/extension/engines/engines.ts') ?? [];
    assert.ok(loader.length > 0, 'engines.ts is where the extension loads its engines');
    assert.deepEqual(loader.filter((edge) => edge.runtime && /Engine\.ts$/.test(edge.target)), []);
  });
});
