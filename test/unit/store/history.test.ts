// The certification history: each completed certification is kept as
// .certify/<service>/history/<time>.json with its record and inputs, read back oldest first.
// Whatever else is in that folder — a foreign file, broken JSON, an edited entry, another
// service's, a newer Certify's, a folder, a FIFO, a link out of the repo — is reported with
// what to do and skipped, never deleted, never followed, never blocked on.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CertifiedInputs } from '../../../src/core/freshness';
import type { CertificationRecord } from '../../../src/core/record';
import { inputsDigest } from '../../../src/repo/certifiedInputs';
import { historyDir, historyFileName, loadHistory, saveCertification, type History } from '../../../src/store/history';
import { clock, fresh, passThrough } from '../core/fixtures';
import { makeRepo } from '../helpers/tempRepo';

const QUICK = { timeout: 10_000 };

function certified(service: string, start: string): CertificationRecord {
  return passThrough(fresh(service), 'restore-verify', clock(start));
}

function inputsWith(files: Record<string, string>): CertifiedInputs {
  return { digest: inputsDigest(files), files };
}

const INPUTS = inputsWith({ 'roles/notes_api/defaults/main.yml': 'a'.repeat(64), 'services/notes.yml': 'b'.repeat(64) });

function only(history: History, name: string): string {
  const skipped = history.skipped.filter((entry) => path.basename(entry.file) === name);
  assert.equal(skipped.length, 1, `${name} skipped once: ${JSON.stringify(history.skipped)}`);
  return skipped[0].problems.join('; ');
}

describe('history: saving and loading', () => {
  test('a completed certification is kept under its completion time and read back whole', async () => {
    const root = await makeRepo({});
    const record = certified('notes', '2026-12-01T10:00:00.000Z');
    const file = await saveCertification(root, record, INPUTS);
    const certifiedAt = record.steps['restore-verify'].finishedAt as string;
    assert.equal(file, path.join(historyDir(root, 'notes'), historyFileName(certifiedAt)));
    assert.match(path.basename(file), /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/);
    const history = await loadHistory(root, 'notes');
    assert.deepEqual(history.skipped, []);
    assert.deepEqual(history.entries, [{ certifiedAt, file, record, inputs: INPUTS }]);
  });

  test('entries come oldest first, whatever order they were written in', async () => {
    const root = await makeRepo({});
    const later = certified('notes', '2026-12-20T10:00:00.000Z');
    const earlier = certified('notes', '2026-03-01T10:00:00.000Z');
    await saveCertification(root, later, INPUTS);
    await saveCertification(root, earlier, INPUTS);
    const { entries } = await loadHistory(root, 'notes');
    assert.deepEqual(
      entries.map((entry) => entry.certifiedAt),
      [earlier.steps['restore-verify'].finishedAt, later.steps['restore-verify'].finishedAt],
    );
  });

  test('no history yet is an empty one; another service’s history is not this one’s', async () => {
    const root = await makeRepo({});
    assert.deepEqual(await loadHistory(root, 'notes'), { entries: [], skipped: [] });
    await saveCertification(root, certified('gitea', '2026-12-01T10:00:00.000Z'), INPUTS);
    assert.deepEqual(await loadHistory(root, 'notes'), { entries: [], skipped: [] });
  });

  test('a record that is not certified is never kept', async () => {
    const root = await makeRepo({});
    const halfway = passThrough(fresh('notes'), 'wipe', clock());
    await assert.rejects(saveCertification(root, halfway, INPUTS), RangeError);
    assert.deepEqual(await loadHistory(root, 'notes'), { entries: [], skipped: [] });
  });
});

describe('history: what else is in the folder is reported, skipped and kept', () => {
  /** A repo with one good entry of notes, and the history folder's path. */
  async function withEntry(): Promise<{ root: string; dir: string; good: string; record: CertificationRecord }> {
    const root = await makeRepo({});
    const record = certified('notes', '2026-12-01T10:00:00.000Z');
    const good = await saveCertification(root, record, INPUTS);
    return { root, dir: path.dirname(good), good, record };
  }

  test('foreign files and broken entries: each named with what is wrong; the good entry still loads; nothing is deleted', QUICK, async () => {
    const { root, dir, good, record } = await withEntry();
    const entry = JSON.parse(await fs.readFile(good, 'utf8')) as Record<string, unknown>;
    const at = (iso: string): string => historyFileName(iso);
    const plant: Record<string, string> = {
      'notes.txt': 'my notes',
      [at('2026-01-01T00:00:00.000Z')]: '{"schemaVersion": 1, "certifiedAt": ',
      [at('2026-01-02T00:00:00.000Z')]: JSON.stringify({ ...entry, inputs: { ...INPUTS, files: { ...INPUTS.files, 'services/notes.yml': 'c'.repeat(64) } } }),
      [at('2026-01-03T00:00:00.000Z')]: JSON.stringify({ ...entry, schemaVersion: 7 }),
      [at('2026-01-04T00:00:00.000Z')]: JSON.stringify({ ...entry, record: certified('gitea', '2026-01-01T00:00:00.000Z') }),
      [at('2026-01-05T00:00:00.000Z')]: JSON.stringify(entry),
      [at('2026-01-06T00:00:00.000Z')]: JSON.stringify({ ...entry, inputs: { digest: 'x', files: { a: 'not a digest' } } }),
    };
    for (const [name, text] of Object.entries(plant)) await fs.writeFile(path.join(dir, name), text);
    const history = await loadHistory(root, 'notes');
    assert.deepEqual(history.entries.map((e) => e.file), [good]);
    assert.deepEqual(history.entries[0].record, record);
    assert.match(only(history, 'notes.txt'), /not a certification Certify wrote .*: move it out of \.certify\/notes\/history/);
    assert.match(only(history, at('2026-01-01T00:00:00.000Z')), /not valid UTF-8 JSON/);
    assert.match(only(history, at('2026-01-02T00:00:00.000Z')), /inputs\.digest: does not match its files \(the entry was edited\)/);
    assert.match(only(history, at('2026-01-03T00:00:00.000Z')), /written by a newer Certify \(history schema 7\); update Certify/);
    assert.match(only(history, at('2026-01-04T00:00:00.000Z')), /the certification is of "gitea", not "notes"/);
    assert.match(only(history, at('2026-01-05T00:00:00.000Z')), /certifiedAt: is .*, but the file is named for another time/);
    assert.match(only(history, at('2026-01-06T00:00:00.000Z')), /inputs\.files\.a: expected a SHA-256/);
    assert.equal(history.skipped.length, 7);
    for (const name of Object.keys(plant)) assert.ok((await fs.stat(path.join(dir, name))).isFile(), `${name} kept`);
  });

  test('a folder, a FIFO and a link out of the repo in an entry’s place: reported at once, nothing opened outside', QUICK, async () => {
    const { root, dir, good } = await withEntry();
    const outside = await makeRepo({ 'entry.json': await fs.readFile(good, 'utf8') });
    const names = ['2026-02-01T00-00-00-000Z.json', '2026-02-02T00-00-00-000Z.json', '2026-02-03T00-00-00-000Z.json'];
    await fs.mkdir(path.join(dir, names[0]));
    execFileSync('mkfifo', [path.join(dir, names[1])]);
    await fs.symlink(path.join(outside, 'entry.json'), path.join(dir, names[2]));
    const history = await loadHistory(root, 'notes');
    assert.equal(history.entries.length, 1);
    assert.match(only(history, names[0]), /is a folder, not a file: move it away/);
    assert.match(only(history, names[1]), /is a named pipe \(FIFO\), not a file/);
    assert.match(only(history, names[2]), /a link leading outside the repo .*Certify neither reads nor writes there/);
  });

  test('the history folder itself: a file in its place, or a link out of the repo, is reported; nothing is written through it', QUICK, async () => {
    const root = await makeRepo({ '.certify/notes/history': 'not a folder' });
    const history = await loadHistory(root, 'notes');
    assert.deepEqual(history.entries, []);
    assert.match(history.skipped[0].problems[0], /\.certify\/notes\/history is a file, not a folder/);
    await assert.rejects(saveCertification(root, certified('notes', '2026-12-01T10:00:00.000Z'), INPUTS), /not a folder: move it away/);
    assert.equal(await fs.readFile(path.join(root, '.certify/notes/history'), 'utf8'), 'not a folder');

    const linked = await makeRepo({});
    const outside = await makeRepo({});
    await fs.mkdir(path.join(linked, '.certify/notes'), { recursive: true });
    await fs.symlink(outside, path.join(linked, '.certify/notes/history'));
    assert.match((await loadHistory(linked, 'notes')).skipped[0].problems[0], /leading outside the repo/);
    await assert.rejects(saveCertification(linked, certified('notes', '2026-12-01T10:00:00.000Z'), INPUTS), /leading outside the repo/);
    assert.deepEqual(await fs.readdir(outside), []);
  });

  test('a save in progress (its temporary file) is neither an entry nor a problem', async () => {
    const { root, dir, good } = await withEntry();
    await fs.writeFile(path.join(dir, `${path.basename(good)}.4242.0123456789ab.tmp`), '{');
    const history = await loadHistory(root, 'notes');
    assert.equal(history.entries.length, 1);
    assert.deepEqual(history.skipped, []);
  });
});
