import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createEmptyRecord, type CertificationRecord } from '../../../src/core/record';
import { LockBusyError, withServiceLock } from '../../../src/store/lock';
import { loadRecord, loadRecords, recordFile, RecordUnavailableError, serviceDir, updateRecord } from '../../../src/store/records';
import { makeRepo } from '../helpers/tempRepo';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const touch = (record: CertificationRecord, at: string): CertificationRecord => ({ ...record, updatedAt: at });

describe('store: records', () => {
  test('a missing record reads as missing; the first update creates it with the schema version', async () => {
    const root = await makeRepo({});
    assert.equal((await loadRecord(root, 'gitea')).kind, 'missing');
    const { record } = await updateRecord(root, 'gitea', { owner: 'test', now: () => NOW }, (r) => r);
    assert.equal(record.service, 'gitea');
    const stored = JSON.parse(await fs.readFile(recordFile(root, 'gitea'), 'utf8'));
    assert.equal(stored.schemaVersion, 1);
    const loaded = await loadRecord(root, 'gitea');
    assert.equal(loaded.kind, 'ok');
    assert.deepEqual(loaded.kind === 'ok' && loaded.record, record);
  });

  test('writes leave no temporary files and no lock behind', async () => {
    const root = await makeRepo({});
    await updateRecord(root, 'gitea', { owner: 'test', now: () => NOW }, (r) => r);
    assert.deepEqual(await fs.readdir(serviceDir(root, 'gitea')), ['record.json']);
  });

  test('concurrent updates under the lock are all applied, none lost', async () => {
    const root = await makeRepo({});
    await updateRecord(root, 'gitea', { owner: 'test', now: () => NOW }, (r) => r);
    // Each update reads updatedAt and adds one millisecond: a lost update would show as a smaller total.
    const tick = (r: CertificationRecord) => touch(r, new Date(Date.parse(r.updatedAt) + 1).toISOString());
    await Promise.all(Array.from({ length: 25 }, () => updateRecord(root, 'gitea', { owner: 'test', waitMs: 10_000 }, tick)));
    const loaded = await loadRecord(root, 'gitea');
    assert.equal(loaded.kind === 'ok' && loaded.record.updatedAt, new Date(NOW.getTime() + 25).toISOString());
  });

  test('a damaged record is reported and kept byte for byte; updates refuse it', async () => {
    const root = await makeRepo({ '.certify/gitea/record.json': '{"schemaVersion": 1, "service": "gitea", "steps": ' });
    const before = await fs.readFile(recordFile(root, 'gitea'), 'utf8');
    const loaded = await loadRecord(root, 'gitea');
    assert.equal(loaded.kind, 'corrupt');
    assert.match(loaded.kind === 'corrupt' ? loaded.problems[0] : '', /not valid JSON/);
    await assert.rejects(
      updateRecord(root, 'gitea', { owner: 'test' }, (r) => r),
      (error: unknown) => error instanceof RecordUnavailableError && /damaged.*kept it unchanged/.test(error.message),
    );
    assert.equal(await fs.readFile(recordFile(root, 'gitea'), 'utf8'), before);
  });

  test('a structurally wrong record names the bad field', async () => {
    const bad = { ...createEmptyRecord('gitea', NOW), schemaVersion: 1 } as Record<string, unknown>;
    (bad.steps as Record<string, { status: string }>).wipe.status = 'done';
    const root = await makeRepo({ '.certify/gitea/record.json': JSON.stringify(bad) });
    const loaded = await loadRecord(root, 'gitea');
    assert.equal(loaded.kind, 'corrupt');
    assert.ok(loaded.kind === 'corrupt' && loaded.problems.some((p) => p.includes('steps.wipe.status')), JSON.stringify(loaded));
  });

  test('a record for another service is not taken for this one', async () => {
    const root = await makeRepo({ '.certify/gitea/record.json': JSON.stringify(createEmptyRecord('nextcloud', NOW)) });
    const loaded = await loadRecord(root, 'gitea');
    assert.equal(loaded.kind, 'corrupt');
  });

  test('setting a damaged record aside keeps it under a new name and starts afresh', async () => {
    const root = await makeRepo({ '.certify/gitea/record.json': 'garbage' });
    const result = await updateRecord(root, 'gitea', { owner: 'test', setAsideCorrupt: true, now: () => NOW }, (r) => touch(r, NOW.toISOString()));
    assert.ok(result.setAside);
    assert.equal(await fs.readFile(result.setAside, 'utf8'), 'garbage');
    assert.equal((await loadRecord(root, 'gitea')).kind, 'ok');
  });

  test('a record from a newer Certify is never overwritten', async () => {
    const text = JSON.stringify({ schemaVersion: 99, service: 'gitea' });
    const root = await makeRepo({ '.certify/gitea/record.json': text });
    const loaded = await loadRecord(root, 'gitea');
    assert.deepEqual(loaded.kind === 'newer' && loaded.schemaVersion, 99);
    await assert.rejects(updateRecord(root, 'gitea', { owner: 'test', setAsideCorrupt: true }, (r) => r), /newer Certify/);
    assert.equal(await fs.readFile(recordFile(root, 'gitea'), 'utf8'), text);
  });

  test('a change that throws writes nothing', async () => {
    const root = await makeRepo({});
    await assert.rejects(updateRecord(root, 'gitea', { owner: 'test' }, () => { throw new Error('refused'); }), /refused/);
    assert.equal((await loadRecord(root, 'gitea')).kind, 'missing');
  });

  test('service names that could escape .certify/ are refused', async () => {
    const root = await makeRepo({});
    for (const name of ['../etc', 'a/b', '', 'UPPER', '.hidden']) assert.throws(() => serviceDir(root, name), /not a valid service name/);
  });
});

describe('store: many records at once', () => {
  test('loadRecords reads what loadRecord reads, for services with and without a record', async () => {
    const names = ['gitea', 'nextcloud', 'vaultwarden', 'postgresql', 'monitoring'];
    const empty = await makeRepo({});
    assert.deepEqual(await loadRecords(empty, names), new Map(await Promise.all(names.map(async (name) => [name, await loadRecord(empty, name)] as const))));

    const root = await makeRepo({ '.certify/nextcloud/record.json': '{ not json', '.certify/postgresql/.keep': '' });
    await updateRecord(root, 'gitea', { owner: 'test', now: () => NOW }, (r) => r);
    const loaded = await loadRecords(root, names);
    assert.deepEqual(
      names.map((name) => [name, loaded.get(name)?.kind]),
      [['gitea', 'ok'], ['nextcloud', 'corrupt'], ['vaultwarden', 'missing'], ['postgresql', 'missing'], ['monitoring', 'missing']],
    );
    for (const name of names) assert.deepEqual(loaded.get(name), await loadRecord(root, name), name);
  });
});

describe('store: lock', () => {
  test('a held lock makes a second holder fail with who holds it', async () => {
    const dir = path.join(await makeRepo({}), '.certify', 'gitea');
    await withServiceLock(dir, { owner: 'extension' }, async () => {
      await assert.rejects(withServiceLock(dir, { owner: 'cli' }, async () => undefined), (error: unknown) => {
        assert.ok(error instanceof LockBusyError);
        assert.match(error.message, /extension, pid \d+ on .*Wait for it to finish/);
        return true;
      });
    });
    await withServiceLock(dir, { owner: 'cli' }, async () => undefined);
  });

  test('a lock left by a dead process on this machine is taken over', async () => {
    const dir = path.join(await makeRepo({}), '.certify', 'gitea');
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid as number;
    await new Promise((resolve) => child.on('exit', resolve));
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'lock'), JSON.stringify({ pid: deadPid, host: os.hostname(), owner: 'cli', since: NOW.toISOString() }));
    assert.equal(await withServiceLock(dir, { owner: 'test' }, async () => 'ran'), 'ran');
  });

  test('a lock held on another machine is never broken', async () => {
    const dir = path.join(await makeRepo({}), '.certify', 'gitea');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'lock'), JSON.stringify({ pid: 1, host: 'other-host', owner: 'cli', since: NOW.toISOString() }));
    await assert.rejects(withServiceLock(dir, { owner: 'test' }, async () => undefined), LockBusyError);
  });
});
