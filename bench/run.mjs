// Runs every bench/*.bench.mjs in turn, after making sure the generated schema validators are
// current. Each benchmark is first bundled by esbuild as the extension is (its TypeScript
// sources included, npm packages left to node_modules), so it measures the code users run and
// not a development loader's transform of it.
// Benchmarks report; they do not fail on a missed goal. Exit code 1 only if one crashes.
//
// Usage: node bench/run.mjs [name-filter]
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';

const generate = spawnSync(process.execPath, ['scripts/generate-validators.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
if (generate.status !== 0) process.exit(1);

const benches = fs
  .readdirSync(path.join(ROOT, 'bench'))
  .filter((name) => name.endsWith('.bench.mjs') && name.includes(filter))
  .sort();
if (benches.length === 0) {
  console.error(`bench: no bench/*.bench.mjs matching "${filter}"`);
  process.exit(1);
}

// Next to bench/, so a benchmark's paths relative to its own file still reach the repo root.
const OUT = path.join(ROOT, '.bench-out');
fs.rmSync(OUT, { recursive: true, force: true });

let crashed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const outfile = path.join(OUT, bench);
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench', bench)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    loader: { '.json': 'json' },
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, [outfile], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    crashed += 1;
    console.error(`bench: ${bench} exited ${result.status ?? result.signal}`);
  }
}
fs.rmSync(OUT, { recursive: true, force: true });
process.exit(crashed > 0 ? 1 : 0);
