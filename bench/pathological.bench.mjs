// Benchmark: pathological repo files (issue 9's slow paths) validated as the CLI does (read the
// repo, discover, validateRepo) and as the editor does as you type (validateDocument), each
// against a baseline of the `yaml` package's bare parse of the same text (no duplicate-key
// check), measured round by round in the same run. Inputs: 100,000 duplicate keys, 100,000
// broken flow lines (`- [`), 10,000-deep nesting, 50,000 roles in one playbook, and a few like
// them (test/fixtures/pathologicalRepo). Goal: each validated in ≤ 2 s, with at most 101
// findings per file and rule. Reports PASS/MISS; never fails on a miss.
//
// Usage (after `node bench/run.mjs pathological` has bundled it, or through it): an optional
// argument keeps only the cases whose name contains it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validateDocument, validateRepo } from '../src/check/validateRepo.ts';
import { loadRepoForValidation } from '../src/repo/loadRepo.ts';
import { MAX_FINDINGS_PER_RULE } from '../src/yaml/findingCap.ts';
import { pathologicalCases, repoAround } from '../test/fixtures/pathologicalRepo.ts';
import { interleaved, medians } from './interleaved.mjs';

const GOAL_MS = 2000;
const ROUNDS = 3;
const filter = process.argv[2] ?? '';

const results = [];
for (const pathological of pathologicalCases().filter((entry) => entry.name.includes(filter))) {
  const text = pathological.text();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'certify-bench-pathological-'));
  try {
    for (const [file, content] of Object.entries(repoAround(pathological.file, text))) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), content);
    }
    let findings = [];
    let context;
    // The warm-up round also sets up `typed`'s context.
    const times = medians(await interleaved(ROUNDS, {
      baseline: () => parseAllDocuments(text, { uniqueKeys: false }),
      validate: async () => {
        const repo = await loadRepoForValidation(root);
        context = validateRepo(repo, repo.cache);
        findings = context.findings;
      },
      typed: () => validateDocument(pathological.file, text, context),
    }));
    results.push({ name: pathological.name, kib: text.length / 1024, findings, ...times });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

console.log(`Node ${process.version}; medians of ${ROUNDS} rounds after a warm-up; baseline: yaml parseAllDocuments of the same text\n`);
console.log(`  ${'input'.padEnd(50)} ${'KiB'.padStart(6)} ${'baseline'.padStart(10)} ${'validate'.padStart(10)} ${'ratio'.padStart(7)} ${'as typed'.padStart(10)} ${'ratio'.padStart(7)}  findings (most per file and rule)`);
for (const result of results) {
  const ms = (value) => `${value.toFixed(0)} ms`.padStart(10);
  const ratio = (value) => `${(value / result.baseline).toFixed(2)}×`.padStart(7);
  console.log(
    `  ${result.name.padEnd(50)} ${result.kib.toFixed(0).padStart(6)} ${ms(result.baseline)} ${ms(result.validate)} ${ratio(result.validate)} ${ms(result.typed)} ${ratio(result.typed)}  ${result.findings.length} (${mostPerFileAndRule(result.findings)})`,
  );
}
console.log('\ngoals:');
for (const result of results) {
  const slowest = Math.max(result.validate, result.typed);
  const bounded = mostPerFileAndRule(result.findings) <= MAX_FINDINGS_PER_RULE + 1;
  const ok = slowest <= GOAL_MS && bounded;
  console.log(`  ${ok ? 'PASS' : 'MISS'}  ${result.name.padEnd(50)} ${`${slowest.toFixed(0)} ms`.padStart(8)} (goal ≤ ${GOAL_MS} ms), findings ${bounded ? 'bounded' : 'NOT bounded'}`);
}

function mostPerFileAndRule(findings) {
  const counts = new Map();
  for (const finding of findings) {
    const key = `${finding.file}\u0000${finding.ruleId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}
