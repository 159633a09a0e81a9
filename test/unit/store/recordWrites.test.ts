// Writing a record: never through a link out of the repo, through a link inside it as the link
// means, temp + fsync + rename + fsync of the folder, the temp file gone after any failure, and
// the lock released on every path.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createEmptyRecord } from '../../../src/core/record';
import { writeAtomically } from '../../../src/store/atomicWrite';
import { loadRecord, recordFile, RecordUnavailableError, serviceDir, updateRecord } from '../../../src/store/records';
import { StoreError } from '../../../src/store/storeError';
import { makeRepo } from '../helpers/tempRepo';
import { BASE, count, tick } from './counterRecord';

const RECORD = JSON.stringify(createEmptyRecord('gitea', BASE));
const update = (root: string, setAsideCorrupt = false) => updateRecord(root, 'gitea', { owner: 'test', now: () => BASE, setAsideCorrupt }, tick);

async function listing(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}

describe('store: writes stay inside the repo', () => {
  test('.certify linked outside the repo: the update is refused and nothing is written there', async () => {
    const outside = await makeRepo({});
    const root = await makeRepo({});
    await fs.symlink(outside, path.join(root, '.certify'));
    await assert.rejects(update(root), (error: unknown) => error instanceof RecordUnavailableError && /\.certify is a link leading outside the repo/.test(error.message));
    assert.deepEqual(await listing(outside), []);
  });

  test('a service folder linked outside the repo: refused, nothing written there', async () => {
    const outside = await makeRepo({});
    const root = await makeRepo({ '.certify/.keep': '' });
    await fs.symlink(outside, path.join(root, '.certify/gitea'));
    await assert.rejects(update(root), /\.certify\/gitea is a link leading outside the repo/);
    assert.deepEqual(await listing(outside), []);
  });

  test('.certify as a file: refused with what to do, the file kept', async () => {
    const root = await makeRepo({ '.certify': 'mine' });
    await assert.rejects(update(root), /\.certify is a file, not a folder: move it away/);
    assert.equal(await fs.readFile(path.join(root, '.certify'), 'utf8'), 'mine');
  });

  test('a record linked outside: refused; set aside, the link itself moves and the target is untouched', async () => {
    const outside = await makeRepo({ 'target.json': RECORD });
    const root = await makeRepo({ '.certify/gitea/.keep': '' });
    await fs.symlink(path.join(outside, 'target.json'), recordFile(root, 'gitea'));
    await assert.rejects(update(root), RecordUnavailableError);
    const result = await update(root, true);
    assert.ok(result.setAside);
    assert.equal((await fs.lstat(result.setAside)).isSymbolicLink(), true);
    assert.equal(await fs.readFile(path.join(outside, 'target.json'), 'utf8'), RECORD);
    assert.equal((await fs.lstat(recordFile(root, 'gitea'))).isFile(), true);
    assert.equal((await loadRecord(root, 'gitea')).kind, 'ok');
  });

  test('a record linked to a file inside the repo is written through the link, which stays a link', async () => {
    const root = await makeRepo({ 'state/gitea.json': RECORD, '.certify/gitea/.keep': '' });
    await fs.symlink('../../state/gitea.json', recordFile(root, 'gitea'));
    await update(root);
    assert.equal((await fs.lstat(recordFile(root, 'gitea'))).isSymbolicLink(), true);
    assert.equal(JSON.parse(await fs.readFile(path.join(root, 'state/gitea.json'), 'utf8')).updatedAt, '2026-11-26T10:00:00.001Z');
    assert.deepEqual(await listing(path.join(root, 'state')), ['gitea.json']);
  });
});

describe('store: atomic writes', () => {
  test('the folder is flushed after the rename, the file before it', async () => {
    const root = await makeRepo({ 'dir/.keep': '' });
    const file = path.join(root, 'dir/record.json');
    const steps = await recordingFileSystem(() => writeAtomically(file, '{}'));
    assert.deepEqual(
      steps.filter((step) => !step.startsWith('close')),
      [`open ${path.basename(file)}.*.tmp`, 'sync file', 'rename', 'open dir', 'sync dir'],
    );
  });

  test('a failure while flushing removes the temp file and says what went wrong', async () => {
    const root = await makeRepo({ 'dir/.keep': '' });
    const file = path.join(root, 'dir/record.json');
    await assert.rejects(
      failingSync(() => writeAtomically(file, '{}')),
      (error: unknown) => error instanceof StoreError && /could not save .*record\.json: input\/output error from the disk: check the disk \(EIO\)/.test(error.message),
    );
    assert.deepEqual(await listing(path.dirname(file)), ['.keep']);
  });

  test('a failed rename removes the temp file', async () => {
    const root = await makeRepo({ 'dir/record.json/occupied': 'x' });
    const file = path.join(root, 'dir/record.json');
    await assert.rejects(writeAtomically(file, '{}'), StoreError);
    assert.deepEqual(await listing(path.join(root, 'dir')), ['record.json']);
  });

  test('the lock is released after a failed write, a refused change and a damaged record', async () => {
    const root = await makeRepo({});
    await update(root);
    const dir = serviceDir(root, 'gitea');
    await assert.rejects(failingSync(() => update(root)), StoreError);
    await assert.rejects(updateRecord(root, 'gitea', { owner: 'test' }, () => { throw new Error('refused'); }), /refused/);
    assert.deepEqual(await listing(dir), ['record.json']);
    await fs.writeFile(recordFile(root, 'gitea'), '{ damaged');
    await assert.rejects(update(root), RecordUnavailableError);
    assert.deepEqual(await listing(dir), ['record.json']);
    await fs.writeFile(recordFile(root, 'gitea'), RECORD);
    const { record } = await update(root);
    assert.equal(count(record), 1);
  });
});

type FileHandleProto = { sync(): Promise<void>; close(): Promise<void> };

async function handlePrototype(): Promise<FileHandleProto> {
  const handle = await fs.open(__filename, 'r');
  await handle.close();
  return Object.getPrototypeOf(handle) as FileHandleProto;
}

/** Runs `work` while every FileHandle.sync fails with EIO, as a failing disk does. */
async function failingSync<T>(work: () => Promise<T>): Promise<T> {
  const proto = await handlePrototype();
  const sync = proto.sync;
  proto.sync = () => Promise.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO', syscall: 'fsync' }));
  try {
    return await work();
  } finally {
    proto.sync = sync;
  }
}

/** The file-system steps `work` takes, in order: open, sync (file or dir), rename, close. */
async function recordingFileSystem(work: () => Promise<void>): Promise<string[]> {
  const proto = await handlePrototype();
  const steps: string[] = [];
  const kinds = new WeakMap<object, string>();
  const original = { open: fs.open, rename: fs.rename, sync: proto.sync, close: proto.close };
  fs.open = (async (file: string, ...rest: unknown[]) => {
    const handle = await (original.open as (...args: unknown[]) => Promise<object>)(file, ...rest);
    const isDir = (await fs.stat(file)).isDirectory();
    kinds.set(handle, isDir ? 'dir' : 'file');
    steps.push(isDir ? 'open dir' : `open ${path.basename(file).replace(/\.\d+\.[0-9a-f]+\.tmp$/, '.*.tmp')}`);
    return handle;
  }) as typeof fs.open;
  fs.rename = (async (from: string, to: string) => {
    steps.push('rename');
    return original.rename(from, to);
  }) as typeof fs.rename;
  proto.sync = function (this: object) {
    steps.push(`sync ${kinds.get(this)}`);
    return original.sync.call(this);
  };
  proto.close = function (this: object) {
    steps.push(`close ${kinds.get(this)}`);
    return original.close.call(this);
  };
  try {
    await work();
  } finally {
    Object.assign(fs, { open: original.open, rename: original.rename });
    Object.assign(proto, { sync: original.sync, close: original.close });
  }
  return steps;
}
