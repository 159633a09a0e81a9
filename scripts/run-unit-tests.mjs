// Runs every test/unit/**/*.test.ts with Node's test runner through tsx (Node 20's --test
// does not glob .ts files itself), prints a summary line and exits with the runner's code.
//
// Usage: node scripts/run-unit-tests.mjs [--serial] [folder]   (default: test/unit)
//   --serial   one test file at a time (the lab tier: each file builds real containers and
//              namespaces, and two at once only compete for the machine's two cores)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const serial = args.includes('--serial');
const folder = path.resolve(ROOT, args.find((arg) => !arg.startsWith('--')) ?? 'test/unit');

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
      return entry.isFile() && entry.name.endsWith('.test.ts') ? [full] : [];
    })
    .sort();
}

// The schema validators are generated code (gitignored): (re)make them when missing or older
// than the schemas, before any test imports them.
const generated = spawnSync(process.execPath, [path.join(ROOT, 'scripts/generate-validators.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
if (generated.status !== 0) {
  console.error('unit: could not generate the schema validators (scripts/generate-validators.mjs); see the error above.');
  process.exit(1);
}

const files = findTests(folder).map((file) => path.relative(ROOT, file));
if (files.length === 0) {
  // A tier with no tests is a broken setup, not a pass.
  console.error(`unit: no *.test.ts files under ${path.relative(ROOT, folder) || '.'}`);
  process.exit(1);
}
console.log(`unit: running ${files.length} test file(s) with node --test`);

// spec for people on stdout, TAP into a file for the counts.
const tapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'certify-unit-')), 'results.tap');
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test',
    ...(serial ? ['--test-concurrency=1'] : []),
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '';
fs.rmSync(path.dirname(tapFile), { recursive: true, force: true });

const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
const skipped = count('skipped') + count('todo');
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const code = result.status ?? 1;
if (result.error) console.error(`unit: could not run node --test: ${result.error.message}`);
if (code !== 0 && failed === 0) {
  // A file that fails to load counts as a failure even when no test reported one.
  console.log(`unit: ${passed} passed, 1 failed${skipped ? `, ${skipped} skipped` : ''} (node --test exited ${code}, ${seconds} s)`);
} else {
  console.log(`unit: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${seconds} s)`);
}
process.exit(code);
