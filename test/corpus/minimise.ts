// Shrinks a document on which Certify and Ansible's loader disagree to a small one on which they
// still disagree the same way: lines are removed one at a time while the disagreement stays
// (each round asks the oracle about every one-line-shorter candidate at once), then the
// remaining lines are trimmed of their trailing text. Bounded in rounds, so a report stays quick.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compare, loadWithAnsible, type CertifyRead, type Disagreement } from './ansibleOracle';

/** What Certify reads of a text. */
export type Reader = (text: string) => CertifyRead;

const MAX_ROUNDS = 60;

/** For each text: how Certify and Ansible's loader disagree on it, or undefined (one oracle run for all). */
function disagreementsOn(texts: readonly string[], read: Reader): (Disagreement | undefined)[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certify-minimise-'));
  try {
    const files = texts.map((text, i) => {
      const file = path.join(dir, `${i}.yml`);
      fs.writeFileSync(file, text);
      return file;
    });
    return loadWithAnsible(files).map((oracle, i) => compare(oracle, read(texts[i])));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The smallest text found that disagrees in the same kind (accept, reject, value) as `text`. */
export function minimise(text: string, kind: Disagreement['kind'], read: Reader): string {
  let lines = text.split('\n');
  for (let round = 0; round < MAX_ROUNDS && lines.length > 1; round++) {
    const candidates = lines.map((_, i) => [...lines.slice(0, i), ...lines.slice(i + 1)]);
    const found = disagreementsOn(candidates.map((candidate) => candidate.join('\n')), read);
    const keep = found.findIndex((d) => d?.kind === kind);
    if (keep === -1) break;
    lines = candidates[keep];
  }
  return lines.join('\n');
}
