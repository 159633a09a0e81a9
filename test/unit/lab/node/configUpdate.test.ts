// `pct set` on the stored config: typed values, deletions, a changed network keeps its MAC,
// and the refusals (nothing given, unknown key, a lock, protected disks).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { labLayout } from '../../../../src/lab/labLayout';
import { updateConfig } from '../../../../src/lab/pve/node/configUpdate';
import { NodeContext } from '../../../../src/lab/pve/node/nodeContext';

describe('pct set', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lnode-set-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = new NodeContext(labLayout({ name: 'lnodeset', dir }));
  const confFile = path.join(ctx.layout.paths.containerConfigs, '100.conf');
  const fresh = (): void =>
    ctx.store.write(100, {
      arch: 'amd64', hostname: 'web', memory: 512,
      net0: 'name=eth0,bridge=vmbr1,hwaddr=BC:24:11:00:00:01,ip=172.16.10.20/24,type=veth', rootfs: 'local-lvm:vm-100-disk-0,size=8G', mp0: 'local-lvm:vm-100-disk-1,mp=/data,size=1G',
    });

  test('changes are typed and sorted in; deletions go; a new net0 keeps the MAC it had', async () => {
    fresh();
    await updateConfig(ctx, 100, { memory: '1024', onboot: 'yes', net0: 'name=eth0,bridge=vmbr1,ip=172.16.10.21/24' }, ['arch']);
    assert.equal(readFileSync(confFile, 'utf8'), [
      'hostname: web', 'memory: 1024', 'mp0: local-lvm:vm-100-disk-1,mp=/data,size=1G',
      'net0: name=eth0,bridge=vmbr1,hwaddr=BC:24:11:00:00:01,ip=172.16.10.21/24,type=veth', 'onboot: 1', 'rootfs: local-lvm:vm-100-disk-0,size=8G', '',
    ].join('\n'));
  });

  test('refusals: nothing to do, unknown keys, a locked container, protected disks', async () => {
    fresh();
    await assert.rejects(updateConfig(ctx, 100, {}, []), { message: 'no options specified' });
    await assert.rejects(updateConfig(ctx, 100, { colour: 'blue' }, []), (error: { httpStatus?: number; errors?: Record<string, string> }) => error.httpStatus === 400 && error.errors?.colour !== undefined);
    await updateConfig(ctx, 100, { protection: '1' }, []);
    await assert.rejects(updateConfig(ctx, 100, { rootfs: 'local-lvm:vm-100-disk-0,size=16G' }, []), { message: `can't update CT 100 drive 'rootfs' - protection mode enabled` });
    await assert.rejects(updateConfig(ctx, 100, {}, ['mp0']), { message: `can't remove CT 100 drive 'mp0' - protection mode enabled` });
    ctx.store.update(100, (values) => { values.lock = 'backup'; });
    await assert.rejects(updateConfig(ctx, 100, { memory: '256' }, []), { message: 'CT is locked (backup)' });
  });

  test('a missing container is Proxmox\'s missing-config error', async () => {
    await assert.rejects(updateConfig(ctx, 999, { memory: '256' }, []), { message: `Configuration file 'nodes/pve01/lxc/999.conf' does not exist` });
  });
});
