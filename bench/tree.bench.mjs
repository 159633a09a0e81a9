// Benchmark: a repo of 1,000 generated services, one in ten with a record. Measures (1) opening
// the repo as the extension does (RepoIndex.open: discovery from disk, then the services'
// records) plus the Services tree's first two levels (services and their nine steps), against a
// baseline of reading and parsing the same YAML files with js-yaml, the two interleaved round by
// round so machine noise hits both alike; (2) one changed role defaults file re-evaluated as the
// extension does before it redraws the tree (model update, lint context refreshed, the touched
// service's static criteria), against a baseline of parsing that one file; the full validation
// that follows is reported beside it. Goals: (1) ≤ 300 ms, (2) ≤ 10 ms. Reports; never fails on a miss.
import { load } from 'js-yaml';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { evaluateRepoStaticChecks, evaluateStaticChecks, touchedServices } from '../src/check/staticCriteria/index.ts';
import { refreshedContext, validateRepo } from '../src/check/validateRepo.ts';
import { createEmptyRecord } from '../src/core/record.ts';
import { RepoIndex } from '../src/repo/repoIndex.ts';
import { loadRecords } from '../src/store/records.ts';
import { readValidationTexts } from '../src/repo/validationTexts.ts';
import { serviceNode, stepNodes } from '../src/report/treeModel.ts';
import { generatedRepo, roleDefaultsText } from '../test/fixtures/generatedRepo.ts';
import { interleaved } from './interleaved.mjs';

const SERVICES = 1000;
const RUNS = 9;
const ROUNDS = 21;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'certify-bench-tree-'));
try {
  generateRepo(root);
  const files = listFiles(root);

  let coldOpen;
  const { baseline, discovery } = await interleaved(ROUNDS, {
    baseline: async () => {
      for (const file of files) if (/\.ya?ml$/.test(file)) load(await fs.promises.readFile(path.join(root, file), 'utf8'));
    },
    discovery: async () => {
      const start = performance.now();
      const { model } = await RepoIndex.open(root);
      const records = await loadRecords(root, model.services.map((service) => service.name));
      let nodes = 0;
      for (const service of model.services) {
        const stored = records.get(service.name);
        serviceNode(service, stored);
        nodes += 1 + stepNodes(service, stored?.kind === 'ok' ? stored.record : undefined).length;
      }
      coldOpen ??= performance.now() - start;
      if (model.services.length !== SERVICES || nodes !== SERVICES * 10) throw new Error(`expected ${SERVICES} services, got ${model.services.length}`);
    },
  });

  // Incremental: one role's defaults change; the index re-reads that file alone.
  const index = await RepoIndex.open(root);
  const read = await readValidationTexts(index.files);
  const findings = read.findings;
  // Replaced, never edited, on a change: a validation keeps the texts it was made from.
  let texts = read.texts;
  const repoFiles = () => ({ snapshot: index.files, model: index.model, texts, readFindings: findings });
  let context = validateRepo(repoFiles(), index.parseCache);
  const changed = 'roles/svc500_api/defaults/main.yml';
  const absolute = path.join(root, changed);
  let port = 9000;
  const singleParse = await median(RUNS * 3, undefined, async () => {
    parseDocument(fs.readFileSync(absolute, 'utf8'), { version: '1.1' });
  });
  const edit = () => fs.writeFileSync(absolute, roleDefaultsText(500).replace(/service_port: \d+/, `service_port: ${++port}`));
  // The edit is written before the clock starts: what is measured is what Certify does about it.
  const incremental = await median(RUNS * 3, edit, async () => {
    const before = new Map(index.model.services.map((service) => [service.name, service]));
    await index.fileChanged(changed);
    texts = new Map(texts).set(changed, await fs.promises.readFile(absolute, 'utf8'));
    const touched = touchedServices(before, index.model, [changed]);
    const refreshed = refreshedContext(context, repoFiles());
    for (const service of touched) evaluateStaticChecks(service, refreshed);
    if (touched.length !== 1 || touched[0].facts.servicePort?.value !== port) throw new Error('the change was not picked up');
  });
  // What follows in the extension: the whole repo validated again, every service's static criteria.
  const fullAfterEdit = await median(RUNS, edit, async () => {
    await index.fileChanged(changed);
    texts = new Map(texts).set(changed, await fs.promises.readFile(absolute, 'utf8'));
    context = validateRepo(repoFiles(), index.parseCache, context);
    evaluateRepoStaticChecks(context);
  });

  console.log(`repo: ${SERVICES} services, ${files.length} files`);
  console.log(row('read + js-yaml load of every YAML file (baseline)', baseline.median));
  console.log(row('open repo + tree levels 1–2 (services, steps)', discovery.median, baseline.median));
  console.log(row('  the same, 90th percentile', discovery.p90, baseline.p90));
  console.log(row('  the same, first run in this process (cold JIT)', coldOpen));
  console.log(row('parse of one role defaults file (baseline)', singleParse));
  console.log(row('one changed role file re-evaluated', incremental, singleParse));
  console.log(row('  then the full validation (diagnostics, all statics)', fullAfterEdit, singleParse));
  console.log(goal('1,000 services discovered, tree levels 1–2 built', discovery.median, 300));
  console.log(goal('one changed role file re-evaluated', incremental, 10));
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

function row(what, ms, base) {
  return `  ${what.padEnd(52)} ${ms.toFixed(2).padStart(9)} ms${base ? `   (${(ms / base).toFixed(2)}× baseline)` : ''}`;
}

function goal(what, ms, limit) {
  return `  ${ms <= limit ? 'PASS' : 'MISS'}: ${what}: ${ms.toFixed(1)} ms (goal ≤ ${limit} ms)`;
}

/** `prepare`, when given, runs before each `work` and outside the clock. */
async function median(runs, prepare, work) {
  prepare?.();
  await work(); // warm-up: JIT and file cache
  const times = [];
  for (let i = 0; i < runs; i++) {
    prepare?.();
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function listFiles(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}

function generateRepo(dir) {
  const records = {};
  for (let i = 0; i < SERVICES; i += 10) records[`.certify/svc${i}/record.json`] = JSON.stringify(createEmptyRecord(`svc${i}`, '2026-11-27T00:00:00.000Z'), null, 2);
  for (const [file, content] of Object.entries({ ...generatedRepo(SERVICES), ...records })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}
