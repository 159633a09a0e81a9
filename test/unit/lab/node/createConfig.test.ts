// A new container's config as Proxmox's API fills it in: defaults, net0 normalised with a
// Proxmox MAC, rootfs allocated on the storage the caller named, create-only parameters kept
// out, and the schema's refusals.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allocateRootfs, formatDiskSize, normaliseNet, randomHwaddr, readRootfs } from '../../../../src/lab/pve/node/containerDisks';
import { createSettings, NOT_IN_SCHEMA } from '../../../../src/lab/pve/node/createConfig';
import { INVALID_VMID, parseVmid } from '../../../../src/lab/pve/node/vmid';
import { PveError } from '../../../../src/lab/pve/pveNode';

const detected = { arch: 'amd64', ostype: 'debian', hwaddr: () => 'BC:24:11:00:00:01' };

function refusal(action: () => unknown): PveError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof PveError);
    return error;
  }
  throw new Error('expected a PveError');
}

describe('create parameters → config', () => {
  test('defaults: hostname CT<vmid>, memory 512, swap 512, unprivileged 1, arch and ostype detected, rootfs 4G on local', () => {
    const settings = createSettings(100, {}, detected);
    assert.deepEqual(settings.values, {
      hostname: 'CT100', memory: 512, swap: 512, unprivileged: 1, arch: 'amd64', ostype: 'debian', rootfs: 'local:100/vm-100-disk-0.raw,size=4G',
    });
    assert.equal(settings.start, false);
  });

  test('given values win, typed; password, keys, start and storage are not config keys', () => {
    const settings = createSettings(120, {
      hostname: 'gitea', memory: '2048', swap: '0', cores: '2', onboot: '1', tags: 'homelab, web', password: 'p', 'ssh-public-keys': 'ssh-ed25519 AAAA x', start: '1', storage: 'local-lvm',
    }, detected);
    assert.equal(settings.values.memory, 2048);
    assert.equal(settings.values.swap, 0);
    assert.equal(settings.values.cores, 2);
    assert.equal(settings.values.onboot, 1);
    assert.equal(settings.values.tags, 'homelab;web');
    assert.equal(settings.values.rootfs, 'local-lvm:vm-120-disk-0,size=4G');
    for (const key of ['password', 'ssh-public-keys', 'start', 'storage']) assert.equal(key in settings.values, false, key);
    assert.equal(settings.password, 'p');
    assert.equal(settings.sshPublicKeys, 'ssh-ed25519 AAAA x');
    assert.equal(settings.start, true);
  });

  test('net0 is normalised: name first, then alphabetical, type veth forced, a BC:24:11 MAC made', () => {
    assert.equal(
      normaliseNet('ip=172.16.10.20/24,gw=172.16.10.1,bridge=vmbr1,name=eth0,firewall=1', () => 'BC:24:11:AA:BB:CC'),
      'name=eth0,bridge=vmbr1,firewall=1,gw=172.16.10.1,hwaddr=BC:24:11:AA:BB:CC,ip=172.16.10.20/24,type=veth',
    );
    assert.equal(normaliseNet('name=eth0,hwaddr=02:00:00:00:00:01,type=veth'), 'name=eth0,hwaddr=02:00:00:00:00:01,type=veth');
    assert.match(randomHwaddr(), /^BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2}$/);
    assert.throws(() => normaliseNet('bridge=vmbr1'), /property is missing/);
  });

  test('rootfs: STORAGE:SIZE, a bare size on --storage, fractions, options kept', () => {
    assert.equal(allocateRootfs(100, 'local-lvm:8').text, 'local-lvm:vm-100-disk-0,size=8G');
    assert.equal(allocateRootfs(100, '3', 'local-lvm').text, 'local-lvm:vm-100-disk-0,size=3G');
    assert.equal(allocateRootfs(100, 'local:0.5').text, 'local:100/vm-100-disk-0.raw,size=512M');
    assert.equal(allocateRootfs(100, 'local-lvm:8,mountoptions=noatime').text, 'local-lvm:vm-100-disk-0,mountoptions=noatime,size=8G');
    assert.deepEqual(readRootfs('local-lvm:vm-100-disk-0,size=8G'), { storage: 'local-lvm', volname: 'vm-100-disk-0', size: 8 * 1024 ** 3, text: 'local-lvm:vm-100-disk-0,size=8G' });
    assert.equal(formatDiskSize(1536 * 1024 * 1024), '1536M');
  });

  test('an unknown parameter and a bad value are 400 Parameter verification failed, per parameter', () => {
    const error = refusal(() => createSettings(100, { colour: 'blue', memory: 'lots', hostname: 'bad_name' }, detected));
    assert.equal(error.httpStatus, 400);
    assert.equal(error.message, 'Parameter verification failed.');
    assert.deepEqual(error.errors, {
      colour: NOT_IN_SCHEMA,
      memory: "type check ('integer') failed - got 'lots'",
      hostname: 'invalid format - value does not look like a valid DNS name',
    });
  });

  test('VMIDs as Proxmox checks them: the format before the range', () => {
    assert.equal(parseVmid('100'), 100);
    assert.equal(parseVmid(999999999), 999999999);
    for (const bad of ['99', '1000000000', '0100', 'abc', '-100', '']) {
      const error = refusal(() => parseVmid(bad));
      assert.equal(error.httpStatus, 400, bad);
      assert.deepEqual(error.errors, { vmid: INVALID_VMID }, bad);
    }
    assert.equal(INVALID_VMID, 'invalid format - value does not look like a valid VM ID');
  });
});
