// vzdump's archive names and the numbers its log prints.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { archiveBasename, archiveExtension, archiveInfo, formatArchiveSize, formatDuration, logTimestamp, templateFormat } from '../../../../src/lab/pve/node/vzdumpNames';

describe('vzdump names', () => {
  const at = new Date(2025, 0, 31, 14, 5, 9);

  test('archive names from the local time, extensions per compressor', () => {
    assert.equal(archiveBasename(100, at), 'vzdump-lxc-100-2025_01_31-14_05_09');
    assert.deepEqual((['0', 'gzip', 'zstd'] as const).map(archiveExtension), ['.tar', '.tar.gz', '.tar.zst']);
  });

  test('archive_info reads vmid, format and time back; other files are not archives', () => {
    assert.deepEqual(archiveInfo('vzdump-lxc-100-2025_01_31-14_05_09.tar.zst'), { vmid: 100, format: 'tar.zst', ctime: Math.floor(at.getTime() / 1000) });
    assert.equal(archiveInfo('vzdump-lxc-100-2025_01_31-14_05_09.tar')?.format, 'tar');
    assert.equal(archiveInfo('vzdump-lxc-100-2025_01_31-14_05_09.log'), undefined);
    assert.equal(archiveInfo('vzdump-lxc-100-2025_01_31-14_05_09.tar.dat'), undefined);
    assert.equal(archiveInfo('vzdump-lxc-99-2025_01_31-14_05_09.tar'), undefined);
  });

  test('sizes: whole KB and MB, GB and TB with two decimals', () => {
    assert.equal(formatArchiveSize(1000), '0KB');
    assert.equal(formatArchiveSize(500 * 1024), '500KB');
    assert.equal(formatArchiveSize(512 * 1024 * 1024 + 5), '512MB');
    assert.equal(formatArchiveSize(1.5 * 1024 ** 3), '1.50GB');
    assert.equal(formatArchiveSize(2 * 1024 ** 4), '2.00TB');
  });

  test('durations and timestamps', () => {
    assert.equal(formatDuration(12.7), '00:00:12');
    assert.equal(formatDuration(3723), '01:02:03');
    assert.equal(logTimestamp(at), '2025-01-31 14:05:09');
  });

  test('template formats as pvesm lists them', () => {
    assert.equal(templateFormat('debian-12-standard_12.7-1_amd64.tar.zst'), 'tzst');
    assert.equal(templateFormat('alpine.tar.gz'), 'tgz');
    assert.equal(templateFormat('notes.txt'), undefined);
  });
});
