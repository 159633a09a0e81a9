// Every command that reads records gives the same answer for one it cannot use — exit 4, the
// record named as damaged, no stack, nothing read from outside the repo — whatever is in its
// place or in .certify's.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import { copyRepo, EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';

const SECRET = 'hunter2-do-not-print';

async function certify(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // Laid out wide, so each value and message reads whole here; widths.test.ts holds the layout.
  const code = await runCli(argv, { cwd, columns: 400, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Each case makes .certify (or gitea's record in it) into something that is not a record. */
const CASES: Record<string, (root: string, record: string) => Promise<void>> = {
  'record.json is a folder': (_root, record) => fs.mkdir(record),
  'record.json is a FIFO': async (_root, record) => {
    execFileSync('mkfifo', [record]);
  },
  'record.json links to /dev/zero': (_root, record) => fs.symlink('/dev/zero', record),
  'record.json links to a secret outside the repo': async (_root, record) => {
    const outside = await makeRepo({ 'secret.json': `{"password": "${SECRET}"}` });
    await fs.symlink(path.join(outside, 'secret.json'), record);
  },
  'record.json is not JSON': (_root, record) => fs.writeFile(record, `{ "note": ${SECRET}`),
  'record.json is from a newer Certify': (_root, record) => fs.writeFile(record, JSON.stringify({ schemaVersion: 99, service: 'gitea' })),
  '.certify is a file': async (root) => {
    await fs.rm(path.join(root, '.certify'), { recursive: true });
    await fs.writeFile(path.join(root, '.certify'), 'x');
  },
  '.certify links outside the repo': async (root) => {
    const outside = await makeRepo({ 'gitea/record.json': `{"password": "${SECRET}"}` });
    await fs.rm(path.join(root, '.certify'), { recursive: true });
    await fs.symlink(outside, path.join(root, '.certify'));
  },
};

describe('certify: a record that cannot be used', () => {
  for (const [name, plant] of Object.entries(CASES)) {
    test(`${name}: list and status both exit 4, no stack, nothing from outside printed`, { timeout: 20_000 }, async () => {
      const root = await copyRepo(EXAMPLE_REPO);
      const record = path.join(root, '.certify/gitea/record.json');
      await fs.mkdir(path.dirname(record), { recursive: true });
      await plant(root, record);
      for (const argv of [['list'], ['list', '--json'], ['status', 'gitea'], ['status', 'gitea', '--json']]) {
        const { code, out, err } = await certify(root, ...argv);
        const label = `${argv.join(' ')}: ${err}`;
        assert.equal(code, EXIT.recordUnavailable, label);
        assert.doesNotMatch(`${out}\n${err}`, /internal error|\n\s+at /, label);
        assert.doesNotMatch(`${out}\n${err}`, /hunter2/, `${label}: printed what lies outside the repo or in the record`);
      }
      const text = await certify(root, 'status', 'gitea');
      assert.match(text.out, /record .*(DAMAGED and was left as it is|from a newer Certify)/);
      assert.match((await certify(root, 'list')).out, /^gitea\s.*record (damaged|from newer Certify)$/m);
    });
  }

  test('a service with a usable record next to a damaged one: list still lists both', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    await fs.mkdir(path.join(root, '.certify/gitea/record.json'), { recursive: true });
    const { code, out } = await certify(root, 'list');
    assert.equal(code, EXIT.recordUnavailable);
    assert.match(out, /^nextcloud\s.*0\/9$/m);
  });

  test('a current folder that no longer exists is said to be gone, not searched upwards from', async () => {
    const root = await makeRepo({ 'services/gitea.yml': 'name: gitea\n' });
    const { code, err } = await certify(path.join(root, 'services/deleted'), 'list');
    assert.equal(code, EXIT.notFound);
    assert.match(err, /The current folder .*services\/deleted no longer exists \(it was deleted or moved\)\. cd into your repo, or pass --repo DIR\./);
  });
});
