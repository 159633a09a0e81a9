// The backup inspection script, run for real with sh on a backup folder made here: it picks the
// newest timestamped folder (or the named one), validates each file by its type with the real
// tools (tar, redis-check-rdb, pg_restore when present), reports sizes and SHA-256, and
// flags a corrupt archive, an empty file, a fake dump.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { inspectBackupCommand, parseInspection, serviceArtefacts } from '../../../../src/run/plan/backupInspection';

const root = mkdtempSync(path.join(os.tmpdir(), 'certify-inspect-'));
after(() => rmSync(root, { recursive: true, force: true }));

function inspect(timestamp?: string) {
  const [program, ...args] = inspectBackupCommand(root, timestamp);
  const result = spawnSync(program, args, { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, inspection: parseInspection(result.stdout) };
}

function backupFolder(timestamp: string): string {
  const folder = path.join(root, timestamp);
  for (const sub of ['postgresql', 'files', 'configs']) mkdirSync(path.join(folder, sub), { recursive: true });
  return folder;
}

describe('backup inspection on the backup host', () => {
  test('no backup folder: says so and exits 3', () => {
    const { code, stdout, inspection } = inspect();
    assert.equal(code, 3);
    assert.match(stdout, /^no-backup /);
    assert.equal(inspection, undefined);
  });

  test('validates each artefact by type and picks the newest folder', () => {
    backupFolder('20261201_010000');
    const folder = backupFolder('20261202_030000');
    const data = path.join(root, 'data');
    mkdirSync(path.join(data, 'attachments'), { recursive: true });
    writeFileSync(path.join(data, 'attachments/a.bin'), 'attachment');
    assert.equal(spawnSync('tar', ['-czf', path.join(folder, 'files/notes_attachments_20261202_030000.tar.gz'), '-C', data, 'attachments']).status, 0);
    writeFileSync(path.join(folder, 'files/notes_broken_20261202_030000.tar.gz'), Buffer.alloc(4096, 7));
    writeFileSync(path.join(folder, 'configs/notes_empty.conf'), '');
    writeFileSync(path.join(folder, 'postgresql/notes_20261202_030000.dump'), 'not a dump at all');
    writeFileSync(path.join(folder, 'MANIFEST.yml'), 'service: notes\nfiles: 4\n');
    writeFileSync(path.join(folder, 'gitea_repos.rdb'), 'garbage');
    const { code, inspection } = inspect();
    assert.equal(code, 0);
    assert.ok(inspection);
    assert.equal(inspection.timestamp, '20261202_030000');
    assert.equal(inspection.folder, folder);
    const byPath = new Map(inspection.artefacts.map((a) => [a.path, a]));
    const good = byPath.get('files/notes_attachments_20261202_030000.tar.gz');
    assert.equal(good?.type, 'tar');
    assert.equal(good?.valid, true);
    assert.equal(good?.detail, '2 entries');
    assert.equal(good?.sha256, createHash('sha256').update(readFileSync(path.join(folder, 'files/notes_attachments_20261202_030000.tar.gz'))).digest('hex'));
    assert.equal(byPath.get('files/notes_broken_20261202_030000.tar.gz')?.valid, false);
    assert.match(byPath.get('files/notes_broken_20261202_030000.tar.gz')?.detail ?? '', /^tar -tzf: /);
    assert.equal(byPath.get('configs/notes_empty.conf')?.valid, false);
    assert.equal(byPath.get('configs/notes_empty.conf')?.detail, 'empty (0 bytes)');
    const dump = byPath.get('postgresql/notes_20261202_030000.dump');
    assert.equal(dump?.type, 'postgresql-dump');
    assert.equal(dump?.valid, false);
    assert.equal(byPath.get('MANIFEST.yml')?.type, 'manifest');
    assert.equal(byPath.get('MANIFEST.yml')?.valid, true);
    assert.equal(byPath.get('gitea_repos.rdb')?.valid, false);
    assert.ok(inspection.sizeBytes > 4096);
    assert.deepEqual(serviceArtefacts(inspection, 'notes').map((a) => a.path).sort(), [
      'configs/notes_empty.conf',
      'files/notes_attachments_20261202_030000.tar.gz',
      'files/notes_broken_20261202_030000.tar.gz',
      'postgresql/notes_20261202_030000.dump',
    ]);
    // A name that only starts like the service's is not its artefact.
    assert.deepEqual(serviceArtefacts(inspection, 'note'), []);
  });

  test('a named timestamp is inspected even when newer ones exist; a missing one is no backup', () => {
    assert.equal(inspect('20261201_010000').inspection?.timestamp, '20261201_010000');
    assert.equal(inspect('20990101_000000').code, 3);
  });
});
