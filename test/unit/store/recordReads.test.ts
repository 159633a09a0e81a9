// Reading a record from a hostile repo: whatever is in record.json's place (a folder, a FIFO, a
// socket, a device, a link out of the repo, a huge or unreadable file) or in .certify's place,
// loadRecord and loadRecords answer at once with a damaged record that says what to do — never
// a hang, never an exception, never a byte read from outside the repo.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createEmptyRecord } from '../../../src/core/record';
import { loadRecord, loadRecords, recordFile, type StoredRecord } from '../../../src/store/records';
import { makeRepo } from '../helpers/tempRepo';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const RECORD = JSON.stringify(createEmptyRecord('gitea', NOW));
const SECRET = 'hunter2-do-not-print';
// A FIFO or device read would block or never end: the test fails by timing out instead of hanging.
const QUICK = { timeout: 10_000 };

function problems(stored: StoredRecord): string {
  assert.equal(stored.kind, 'corrupt', JSON.stringify(stored));
  return stored.kind === 'corrupt' ? stored.problems.join('; ') : '';
}

/** A repo whose .certify/gitea/record.json is made by `plant`. */
async function repoWith(plant: (file: string, root: string) => Promise<void>): Promise<string> {
  const root = await makeRepo({});
  const file = recordFile(root, 'gitea');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await plant(file, root);
  return root;
}

async function outsideDir(files: Record<string, string>): Promise<string> {
  return makeRepo(files);
}

describe('store: what is in record.json\'s place', () => {
  test('a folder is a damaged record that says so', QUICK, async () => {
    const root = await repoWith((file) => fs.mkdir(file));
    assert.match(problems(await loadRecord(root, 'gitea')), /record\.json is a folder, not a file: move it away/);
  });

  test('a FIFO is reported at once, never opened for a blocking read', QUICK, async () => {
    const root = await repoWith(async (file) => {
      execFileSync('mkfifo', [file]);
    });
    assert.match(problems(await loadRecord(root, 'gitea')), /is a named pipe \(FIFO\), not a file/);
    assert.match(problems((await loadRecords(root, ['gitea'])).get('gitea') as StoredRecord), /named pipe/);
  });

  test('a socket is reported', QUICK, async () => {
    const root = await makeRepo({});
    const file = recordFile(root, 'gitea');
    await fs.mkdir(path.dirname(file), { recursive: true });
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(file, resolve));
    try {
      assert.match(problems(await loadRecord(root, 'gitea')), /is a socket, not a file/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a device node inside the repo is reported without being opened', QUICK, async () => {
    // mknod c 1 5 is /dev/zero: opened and read, it would never end.
    const root = await repoWith(async (file) => {
      execFileSync('mknod', [file, 'c', '1', '5']);
    });
    assert.match(problems(await loadRecord(root, 'gitea')), /is a character device, not a file/);
  });

  test('a link to /dev/zero leads outside the repo: refused, not read', QUICK, async () => {
    const root = await repoWith((file) => fs.symlink('/dev/zero', file));
    assert.match(problems(await loadRecord(root, 'gitea')), /record\.json is a link leading outside the repo \(to \/dev\/zero\); Certify neither reads nor writes there/);
  });

  test('a link to a file outside the repo is refused and none of its bytes is shown', QUICK, async () => {
    const outside = await outsideDir({ 'secret.txt': `password=${SECRET}\n` });
    const root = await repoWith((file) => fs.symlink(path.join(outside, 'secret.txt'), file));
    const stored = await loadRecord(root, 'gitea');
    assert.match(problems(stored), /outside the repo/);
    assert.doesNotMatch(JSON.stringify(stored), /hunter2/);
  });

  test('a link to a record elsewhere inside the repo is followed, as Ansible follows links', QUICK, async () => {
    const root = await repoWith(async (file, repo) => {
      await fs.mkdir(path.join(repo, 'state'));
      await fs.writeFile(path.join(repo, 'state/gitea.json'), RECORD);
      await fs.symlink('../../state/gitea.json', file);
    });
    assert.equal((await loadRecord(root, 'gitea')).kind, 'ok');
  });

  test('a link to nothing, and a link loop, are reported', QUICK, async () => {
    const dangling = await repoWith((file) => fs.symlink('nowhere.json', file));
    assert.match(problems(await loadRecord(dangling, 'gitea')), /is a link to something that does not exist: remove the link/);
    const loop = await repoWith(async (file) => {
      await fs.symlink('record.json', file);
    });
    assert.match(problems(await loadRecord(loop, 'gitea')), /loops back on itself/);
  });

  test('a file larger than any record is refused without being read', QUICK, async () => {
    // Valid JSON after 17 MiB of spaces: only the size check can tell.
    const root = await repoWith((file) => fs.writeFile(file, `${' '.repeat(17 * 1024 * 1024)}${RECORD}`));
    assert.match(problems(await loadRecord(root, 'gitea')), /is 17\.\d MiB, more than the 16\.0 MiB a record may take: move it away/);
  });

  test('invalid UTF-8 is damage, not a record with U+FFFD in it', QUICK, async () => {
    const bad = Buffer.concat([Buffer.from(RECORD.slice(0, -1)), Buffer.from(',"note":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const root = await repoWith((file) => fs.writeFile(file, bad));
    assert.match(problems(await loadRecord(root, 'gitea')), /not valid UTF-8/);
  });

  test('broken JSON says where when it can, and never quotes the file', QUICK, async () => {
    const quoted = await repoWith((file) => fs.writeFile(file, `{"schemaVersion": 1,\n "note": ${SECRET}}`));
    const text = problems(await loadRecord(quoted, 'gitea'));
    assert.match(text, /^not valid JSON$/);
    // V8's own message would quote the text around the error: `..." "note": hunter2-do"...`.
    assert.doesNotMatch(text, /hunter2/);
    const placed = await repoWith((file) => fs.writeFile(file, `{"schemaVersion": 1,\n "note": "${SECRET}" "x"}`));
    assert.equal(problems(await loadRecord(placed, 'gitea')), 'not valid JSON (line 2, column 33)');
  });
});

describe('store: what is in .certify\'s place', () => {
  test('.certify as a file: every record is damaged, saying what to do', QUICK, async () => {
    const root = await makeRepo({ '.certify': 'not a folder' });
    assert.match(problems(await loadRecord(root, 'gitea')), /\.certify is a file, not a folder: Certify keeps its records in that folder; move the file away/);
    const loaded = await loadRecords(root, ['gitea', 'nextcloud']);
    for (const name of ['gitea', 'nextcloud']) assert.match(problems(loaded.get(name) as StoredRecord), /\.certify is a file/);
  });

  test('.certify linked outside the repo is never read, even when a valid record is there', QUICK, async () => {
    const outside = await outsideDir({ 'gitea/record.json': RECORD });
    const root = await makeRepo({});
    await fs.symlink(outside, path.join(root, '.certify'));
    assert.match(problems(await loadRecord(root, 'gitea')), /^\.certify is a link leading outside the repo/);
    assert.match(problems((await loadRecords(root, ['gitea'])).get('gitea') as StoredRecord), /outside the repo/);
  });

  test('.certify linked to a folder inside the repo is followed', QUICK, async () => {
    const root = await makeRepo({ 'state/certify/gitea/record.json': RECORD });
    await fs.symlink('state/certify', path.join(root, '.certify'));
    assert.equal((await loadRecord(root, 'gitea')).kind, 'ok');
    assert.equal((await loadRecords(root, ['gitea'])).get('gitea')?.kind, 'ok');
  });

  test('a service folder linked outside, or a file in its place, is damage', QUICK, async () => {
    const outside = await outsideDir({ 'record.json': RECORD });
    const linked = await makeRepo({ '.certify/.keep': '' });
    await fs.symlink(outside, path.join(linked, '.certify/gitea'));
    assert.match(problems(await loadRecord(linked, 'gitea')), /\.certify\/gitea is a link leading outside the repo/);
    const file = await makeRepo({ '.certify/gitea': 'x' });
    assert.match(problems(await loadRecord(file, 'gitea')), /\.certify\/gitea is a file, not a folder/);
  });

  test('a repo deleted while Certify runs holds no records', QUICK, async () => {
    const root = await makeRepo({ '.certify/gitea/record.json': RECORD });
    await fs.rm(root, { recursive: true });
    assert.equal((await loadRecord(root, 'gitea')).kind, 'missing');
    assert.equal((await loadRecords(root, ['gitea'])).get('gitea')?.kind, 'missing');
  });
});

describe('store: records the user running Certify may not read', () => {
  // Tests run as root, for whom permissions do not apply: the reads run in a child process as
  // the unprivileged user nobody, which meets the EACCES a real user would.
  test('an unreadable record, and an unreadable service folder, are damaged records naming the permission', { timeout: 30_000 }, async () => {
    const root = await makeRepo({ '.certify/gitea/record.json': RECORD, '.certify/nextcloud/record.json': RECORD.replace(/gitea/g, 'nextcloud') });
    await fs.chmod(root, 0o755);
    await fs.chmod(path.join(root, '.certify'), 0o755);
    await fs.chmod(recordFile(root, 'gitea'), 0o600);
    await fs.chmod(path.join(root, '.certify/nextcloud'), 0o700);
    const seen = JSON.parse(await asNobody(root, ['gitea', 'nextcloud'])) as Record<string, StoredRecord>;
    assert.match(problems(seen.gitea), /record\.json cannot be read: permission denied: give the user running Certify access to it \(EACCES\)/);
    assert.match(problems(seen.nextcloud), /\.certify\/nextcloud\/record\.json cannot be looked at: permission denied/);
  });
});

async function asNobody(root: string, services: string[]): Promise<string> {
  const script = `const { loadRecords } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/store/records.ts'))});
loadRecords(${JSON.stringify(root)}, ${JSON.stringify(services)}).then((m) => process.stdout.write(JSON.stringify(Object.fromEntries(m))));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: path.resolve(__dirname, '../../..'),
    uid: 65534,
    gid: 65534,
    env: { ...process.env, HOME: os.tmpdir() },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, err);
  return out;
}
