// Fuzz: real Ansible files from Debian's `ansible` package, mutated the way people break YAML
// (test/corpus/mutations.ts), read by Certify's reader for Ansible's files and by Ansible's own
// loader (test/corpus/ansible_load.py); both must accept or refuse alike and load the same
// values. Seeded and bounded in count and time. A disagreement is reported with the smallest
// document found that still shows it; only a reviewed allowlist entry (test/corpus/fuzzAllowlist.ts)
// lets one pass. Never skipped: without the corpus or the oracle it fails, naming what to install.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseCached } from '../../../src/repo/parseCache';
import { compare, CORPUS_DIR, loadWithAnsible, oracleMissing, yamlFilesUnder, type CertifyRead } from '../../corpus/ansibleOracle';
import { allowed } from '../../corpus/fuzzAllowlist';
import { minimise } from '../../corpus/minimise';
import { mutate } from '../../corpus/mutations';
import { prng } from '../helpers/prng';

const SEED = 20_261_204;
const MUTANTS = 1_500;
/** Corpus files up to this size are mutated: small documents keep the run short and the reports readable. */
const MAX_SOURCE_BYTES = 3_000;
/** The comparison stops here (the unit tier's budget for this test is 20 s, minimising included). */
const COMPARE_BUDGET_MS = 12_000;
/** At most this many disagreements are minimised for the report. */
const MINIMISED = 5;
const READ_AS = ['roles/fuzz/tasks/main.yml', 'roles/fuzz/defaults/main.yml'];

describe("Ansible's YAML under mutation", () => {
  test(`mutated corpus documents read as Ansible's loader reads them (seed ${SEED})`, () => {
    const missing = oracleMissing();
    assert.equal(missing, undefined, missing);
    assert.ok(fs.existsSync(CORPUS_DIR), `${CORPUS_DIR} is missing: install the Debian package \`ansible\` (scripts/setup.sh does).`);
    const sources = yamlFilesUnder(CORPUS_DIR).filter((file) => fs.statSync(file).size <= MAX_SOURCE_BYTES);
    assert.ok(sources.length > 1_000, `only ${sources.length} small corpus files: install Debian's \`ansible\` package.`);

    const random = prng(SEED);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certify-fuzz-'));
    const mutants = Array.from({ length: MUTANTS }, (_, i) => {
      const source = sources[Math.floor(random() * sources.length)];
      const mutant = mutate(random, fs.readFileSync(source, 'utf8'));
      const file = path.join(dir, `${i}.yml`);
      fs.writeFileSync(file, mutant.text);
      return { ...mutant, source, file };
    });
    const oracle = loadWithAnsible(mutants.map((mutant) => mutant.file));
    fs.rmSync(dir, { recursive: true, force: true });

    const started = Date.now();
    let compared = 0;
    let refused = 0;
    const failures: string[] = [];
    let allowedCount = 0;
    for (let i = 0; i < mutants.length && Date.now() - started < COMPARE_BUDGET_MS; i++) {
      const mutant = mutants[i];
      compared += 1;
      if (!oracle[i].ok) refused += 1;
      for (const as of READ_AS) {
        const read = (text: string): CertifyRead => certifyRead(as, text);
        const found = compare(oracle[i], read(mutant.text));
        if (!found) continue;
        if (allowed(found.kind, mutant.text)) {
          allowedCount += 1;
          continue;
        }
        const shown = failures.length < MINIMISED ? JSON.stringify(minimise(mutant.text, found.kind, read)) : '(not minimised)';
        failures.push(`${found.kind} as ${as}: ${path.relative(CORPUS_DIR, mutant.source)}, ${mutant.edit}: ${found.detail}\n    minimal: ${shown}`);
      }
    }
    // Enough mutants compared, and both outcomes among them, or the fuzz proves little.
    assert.ok(compared >= MUTANTS / 3, `only ${compared} of ${MUTANTS} mutants compared in ${COMPARE_BUDGET_MS} ms`);
    assert.ok(refused > compared / 20 && refused < compared, `Ansible refused ${refused} of ${compared} mutants`);
    assert.deepEqual(failures, [], `${failures.length} disagreements (${allowedCount} allowlisted) in ${compared} mutants`);
  });
});

/** What the repo room's reader makes of `text` read as `file`. */
function certifyRead(file: string, text: string): CertifyRead {
  const parsed = parseCached(new Map(), file, text);
  return { documents: parsed.documents, errors: parsed.findings.filter((f) => f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.message}`) };
}
