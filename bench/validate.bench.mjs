// Schema validation while authoring: Certify's validator against yaml-language-server (what
// the Red Hat YAML extension runs) on the same text and schema, and against bare parsers.
// Goals (docs: shared/notes/performance-baselines.md):
//   1. 2,000-line definition: at least 5× faster than yaml-language-server's doValidation with
//      a new document version per call (as after each edit);
//   2. at most 3× the fastest bare YAML parse (js-yaml `load`);
//   3. a 50,000-line definition validated in at most 200 ms;
//   4. a 2,000-line definition with a schema error (the usual state while typing): at most 3×
//      the bare js-yaml parse too.
// Medians of interleaved rounds after a warm-up; prints PASS/MISS per goal and always exits 0.
import { load } from 'js-yaml';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import { getLanguageService } from 'yaml-language-server';
import { validateYamlDocument } from '../src/check/schema/index.ts';
import { serviceDocument } from './serviceDocument.mjs';
import { interleaved, medians } from './interleaved.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_URI = pathToFileURL(path.join(ROOT, 'schemas/service.schema.json')).href;

/** yaml-language-server with our service schema, read from disk like the editor does. */
function yamlLanguageServer() {
  const service = getLanguageService({
    schemaRequestService: async (uri) => fs.readFileSync(fileURLToPath(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
  });
  service.configure({ validate: true, hover: false, completion: false, format: false, schemas: [{ uri: SCHEMA_URI, fileMatch: ['**/services/*.yml'] }] });
  let version = 0;
  // A new TextDocument version per call defeats the parse cache, as an edit does.
  return (uri, text) => service.doValidation(TextDocument.create(uri, 'yaml', (version += 1), text), false);
}

/** Medians of every case run `rounds` times, interleaved so machine noise hits all cases alike. */
async function measure(cases, { warmup, rounds }) {
  return medians(await interleaved(rounds, cases, { warmup }));
}

const lsValidate = yamlLanguageServer();
const uri = pathToFileURL(path.join(ROOT, 'bench/services/big.yml')).href;
const small = serviceDocument(2_000);
const large = serviceDocument(50_000);
const smallWithError = small.replace('    protocol: tcp', '    protocol: tpc');
const lines = (text) => text.split('\n').length - 1;

// Sanity: both validators accept the document and both see the planted error.
const ours = validateYamlDocument('services/big.yml', small, 'service');
const theirs = await lsValidate(uri, small);
const oursError = validateYamlDocument('services/big.yml', smallWithError, 'service');
const theirsError = await lsValidate(uri, smallWithError);
if (ours.findings.length !== 0 || theirs.length !== 0 || oursError.findings.length !== 1 || theirsError.length !== 1) {
  console.error('bench: validators disagree on the benchmark documents', { ours: ours.findings, theirs, oursError: oursError.findings, theirsError });
  process.exit(1);
}

console.log(`documents: ${lines(small)} lines (${(small.length / 1024).toFixed(0)} KiB), ${lines(large)} lines (${(large.length / 1024).toFixed(0)} KiB); Node ${process.version}`);
const two = await measure(
  {
    'certify validateYamlDocument': () => validateYamlDocument('services/big.yml', small, 'service'),
    'yaml-language-server doValidation': () => lsValidate(uri, small),
    'js-yaml load (bare parse)': () => load(small),
    'yaml parseDocument (bare parse)': () => parseDocument(small),
    'certify, document with 1 error': () => validateYamlDocument('services/big.yml', smallWithError, 'service'),
  },
  { warmup: 15, rounds: 41 },
);
const fifty = await measure(
  {
    'certify validateYamlDocument': () => validateYamlDocument('services/big.yml', large, 'service'),
    'js-yaml load (bare parse)': () => load(large),
  },
  { warmup: 3, rounds: 11 },
);
const fiftyLs = await measure({ 'yaml-language-server doValidation': () => lsValidate(uri, large) }, { warmup: 1, rounds: 3 });

const row = (label, ms, note = '') => console.log(`  ${label.padEnd(40)} ${ms.toFixed(2).padStart(9)} ms  ${note}`);
const ourSmall = two['certify validateYamlDocument'];
console.log('\n2,000-line definition (median ms):');
for (const [name, ms] of Object.entries(two)) row(name, ms, name.startsWith('certify validate') ? '' : `(${(ms / ourSmall).toFixed(2)}× ours)`);
console.log('\n50,000-line definition (median ms):');
row('certify validateYamlDocument', fifty['certify validateYamlDocument']);
row('js-yaml load (bare parse)', fifty['js-yaml load (bare parse)']);
row('yaml-language-server doValidation', fiftyLs['yaml-language-server doValidation'], '(3 runs)');

const goals = [
  ['vs yaml-language-server (2k lines)', two['yaml-language-server doValidation'] / ourSmall, (r) => `${r.toFixed(1)}× faster`, (r) => r >= 5, '>= 5×'],
  ['vs js-yaml load (2k lines)', ourSmall / two['js-yaml load (bare parse)'], (r) => `${r.toFixed(2)}× the bare parse`, (r) => r <= 3, '<= 3×'],
  ['1 schema error vs js-yaml (2k lines)', two['certify, document with 1 error'] / two['js-yaml load (bare parse)'], (r) => `${r.toFixed(2)}× the bare parse`, (r) => r <= 3, '<= 3×'],
  ['vs yaml parseDocument (2k lines)', two['yaml parseDocument (bare parse)'] / ourSmall, (r) => `${r.toFixed(1)}× faster`, () => true, 'info'],
  ['50,000 lines absolute', fifty['certify validateYamlDocument'], (ms) => `${ms.toFixed(1)} ms`, (ms) => ms <= 200, '<= 200 ms'],
];
console.log('\ngoals:');
for (const [name, value, show, ok, goal] of goals) {
  console.log(`  ${goal === 'info' ? 'INFO' : ok(value) ? 'PASS' : 'MISS'}  ${name.padEnd(36)} ${show(value).padEnd(22)} (goal ${goal})`);
}
