// Runs every bench/*.bench.mjs in turn (through tsx, so benchmarks import the TypeScript
// sources directly), after making sure the generated schema validators are current.
// Benchmarks report; they do not fail on a missed goal. Exit code 1 only if one crashes.
//
// Usage: node bench/run.mjs [name-filter]
import { spawnSync } from 'node:child_process';
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

let crashed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', bench)], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    crashed += 1;
    console.error(`bench: ${bench} exited ${result.status ?? result.signal}`);
  }
}
process.exit(crashed > 0 ? 1 : 0);
