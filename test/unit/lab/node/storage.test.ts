// The node's storages: `local` lists templates and vzdump archives with Proxmox's volids and
// formats; the storage a container's rootfs names (local-lvm) lists the root disks; any other
// name does not exist; a missing template is Proxmox's `can't find file`.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { Storages } from '../../../../src/lab/pve/node/storage';
import { PveError } from '../../../../src/lab/pve/pveNode';

describe('storages', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lnode-storage-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'template/cache'), { recursive: true });
  mkdirSync(path.join(dir, 'dump'), { recursive: true });
  writeFileSync(path.join(dir, 'template/cache/debian-12-standard_12.7-1_amd64.tar.zst'), 'x'.repeat(10));
  writeFileSync(path.join(dir, 'dump/vzdump-lxc-120-2025_01_31-14_05_09.tar.zst'), 'y'.repeat(20));
  writeFileSync(path.join(dir, 'dump/vzdump-lxc-120-2025_01_31-14_05_09.log'), 'log');
  writeFileSync(path.join(dir, 'dump/vzdump-lxc-120-2025_02_01-00_00_00.tar.dat'), 'partial');
  const storages = new Storages(dir, () => [
    { vmid: 120, rootfs: 'local-lvm:vm-120-disk-0,size=8G' },
    { vmid: 110, rootfs: 'local:110/vm-110-disk-0.raw,size=4G' },
  ]);

  test('names: local and every storage a rootfs names', () => {
    assert.deepEqual(storages.names(), ['local', 'local-lvm']);
    assert.deepEqual(storages.status().map((s) => [s.storage, s.type, s.active]), [['local', 'dir', true], ['local-lvm', 'lvmthin', true]]);
  });

  test('local: templates, finished archives and dir root disks, sorted by volid', () => {
    const volumes = storages.content('local').map((v) => [v.volid, v.format, v.content, v.size, v.vmid]);
    assert.deepEqual(volumes, [
      ['local:110/vm-110-disk-0.raw', 'raw', 'rootdir', 4 * 1024 ** 3, 110],
      ['local:backup/vzdump-lxc-120-2025_01_31-14_05_09.tar.zst', 'tar.zst', 'backup', 20, 120],
      ['local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', 'tzst', 'vztmpl', 10, undefined],
    ]);
    assert.deepEqual(storages.content('local', { content: 'vztmpl' }).map((v) => v.volid), ['local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst']);
    assert.deepEqual(storages.content('local', { vmid: 120 }).map((v) => v.content), ['backup']);
  });

  test('local-lvm: the containers\' root disks', () => {
    assert.deepEqual(storages.content('local-lvm'), [{ volid: 'local-lvm:vm-120-disk-0', format: 'raw', content: 'rootdir', size: 8 * 1024 ** 3, vmid: 120, ctime: 0 }]);
  });

  test('unknown storages and missing files are Proxmox\'s errors', () => {
    assert.throws(() => storages.content('nfs'), (e: unknown) => e instanceof PveError && e.message === `storage 'nfs' does not exist`);
    assert.equal(storages.templatePath('local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst'), path.join(dir, 'template/cache/debian-12-standard_12.7-1_amd64.tar.zst'));
    assert.throws(() => storages.templatePath('local:vztmpl/alpine.tar.zst'), { message: `can't find file 'local:vztmpl/alpine.tar.zst'` });
    assert.throws(() => storages.templatePath('nfs:vztmpl/alpine.tar.zst'), { message: `storage 'nfs' does not exist` });
    assert.equal(storages.backupPath('local:backup/vzdump-lxc-120-2025_01_31-14_05_09.tar.zst'), path.join(dir, 'dump/vzdump-lxc-120-2025_01_31-14_05_09.tar.zst'));
  });
});
