// pvesm's output formats against bytes written from pvesm.pm's printf formats (widths from
// the data, checked once with perl's own printf).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatContentList, formatStorageStatus } from '../../../../src/lab/pve/cli/pvesmFormats';
import { spaceFixed2 } from '../../../../src/lab/pve/cli/printf';

test('pvesm list: name and size widths from the data, owned volumes first, then the others by format', () => {
  const text = formatContentList([
    { volid: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', format: 'tzst', content: 'vztmpl', size: 126515062, ctime: 1 },
    { volid: 'local:backup/vzdump-lxc-101-2025_01_31-14_06_00.tar', format: 'tar', content: 'backup', size: 20480, vmid: 101, ctime: 2 },
    { volid: 'local:vztmpl/Alpine.tar.gz', format: 'tgz', content: 'vztmpl', size: 3000000, ctime: 3 },
    { volid: 'local:backup/vzdump-lxc-100-2025_01_31-14_05_09.tar.zst', format: 'tar.zst', content: 'backup', size: 123456789, vmid: 100, ctime: 4 },
  ]);
  assert.equal(
    text,
    'Volid                                                   Format  Type           Size VMID\n' +
      'local:backup/vzdump-lxc-100-2025_01_31-14_05_09.tar.zst tar.zst backup    123456789 100\n' +
      'local:backup/vzdump-lxc-101-2025_01_31-14_06_00.tar     tar     backup        20480 101\n' +
      'local:vztmpl/Alpine.tar.gz                              tgz     vztmpl      3000000\n' +
      'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst    tzst    vztmpl    126515062\n',
  );
});

test('pvesm list of an empty storage prints the header alone, unpadded', () => {
  assert.equal(formatContentList([]), 'Volid Format  Type      Size VMID\n');
});

test('pvesm status: name column one wider than the longest id, KiB truncated, % 7.2f%%', () => {
  const text = formatStorageStatus([
    { storage: 'local-lvm', type: 'lvmthin', active: true, total: 0, used: 0, avail: 0 },
    { storage: 'local', type: 'dir', active: true, total: 105089261568, used: 47289135104, avail: 52405129216 },
  ]);
  assert.equal(
    text,
    'Name             Type     Status     Total (KiB)      Used (KiB) Available (KiB)        %\n' +
      'local             dir     active       102626232        46180796        51176884   45.00%\n' +
      'local-lvm     lvmthin     active               0               0               0    0.00%\n',
  );
});

test('pvesm status marks an inactive storage', () => {
  const text = formatStorageStatus([{ storage: 'nfs', type: 'nfs', active: false, total: 2048, used: 1024, avail: 1024 }]);
  assert.equal(
    text,
    'Name       Type     Status     Total (KiB)      Used (KiB) Available (KiB)        %\n' +
      'nfs         nfs   inactive               2               1               1   50.00%\n',
  );
});

test('% 7.2f rounds an exact half to even, as perl printf does', () => {
  // perl -e 'printf("% 7.2f|", $_) for 0.125, 0.375, 0.625, 0.875, 12.345, 100'
  assert.deepEqual(
    [0.125, 0.375, 0.625, 0.875, 12.345, 100].map((value) => spaceFixed2(value, 7)),
    ['   0.12', '   0.38', '   0.62', '   0.88', '  12.35', ' 100.00'],
  );
});
