// LXC's config generated from the Proxmox config: hostname, overlay root, init, veth on the
// named bridge with the static address, raw lxc.* lines last; and the pure layer helpers.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { broadcastAddress, firstAddress, lxcConfigText } from '../../../../src/lab/pve/node/lxcConfig';
import { parseLxcInfo } from '../../../../src/lab/pve/node/lxcRuntime';
import { hostsFile, opaqueFolders, upperPath } from '../../../../src/lab/pve/node/upperLayer';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

describe('LXC config from the Proxmox config', () => {
  const values = {
    hostname: 'gitea',
    memory: 1024,
    net0: 'name=eth0,bridge=vmbr1,gw=172.16.10.1,hwaddr=BC:24:11:2A:3B:4C,ip=172.16.10.20/24,type=veth',
    net1: 'name=eth1,bridge=vmbr0,ip=dhcp,type=veth',
  };
  const text = lxcConfigText({ vmid: 120, values, lxc: [['lxc.environment', 'A=1']], containerDir: '/lab/lxc/120' });
  const lines = text.split('\n');

  test('identity, overlay root and init', () => {
    assert.ok(lines.includes('lxc.uts.name = gitea'));
    assert.ok(lines.includes('lxc.rootfs.path = overlay:/:/lab/lxc/120/upper'));
    assert.ok(lines.includes('lxc.init.cmd = /sbin/certify-ct-init'));
    assert.ok(lines.includes('lxc.signal.halt = SIGTERM'));
    assert.ok(lines.includes('lxc.mount.auto = proc:mixed sys:ro cgroup:mixed'));
  });

  test('each netN a veth on its bridge; static addresses with gateway and broadcast, dhcp left alone', () => {
    for (const line of [
      'lxc.net.0.type = veth', 'lxc.net.0.link = vmbr1', 'lxc.net.0.name = eth0', 'lxc.net.0.hwaddr = BC:24:11:2A:3B:4C',
      'lxc.net.0.ipv4.address = 172.16.10.20/24 172.16.10.255', 'lxc.net.0.ipv4.gateway = 172.16.10.1',
      'lxc.net.1.link = vmbr0', 'lxc.net.1.name = eth1',
    ]) assert.ok(lines.includes(line), line);
    assert.equal(lines.some((line) => line.startsWith('lxc.net.1.ipv4')), false);
    assert.equal(firstAddress(values), '172.16.10.20');
  });

  test('raw lxc lines come last', () => {
    assert.equal(lines.filter(Boolean).at(-1), 'lxc.environment = A=1');
  });

  test('broadcast addresses', () => {
    assert.equal(broadcastAddress('172.16.10.20/24'), '172.16.10.255');
    assert.equal(broadcastAddress('10.1.2.3/30'), '10.1.2.3');
    assert.equal(broadcastAddress('192.168.1.10/16'), '192.168.255.255');
  });

  test('opaque folders: the fixed list plus the lab folder, none inside another', () => {
    const inTmp = opaqueFolders('/tmp/lnode-lab');
    assert.ok(inTmp.includes('/tmp') && !inTmp.includes('/tmp/lnode-lab'));
    const own = opaqueFolders('/srv/labs/x');
    assert.ok(own.includes('/srv') && !own.includes('/srv/labs/x'));
    assert.ok(opaqueFolders('/var/lib/certify-lab/certify').includes('/var/lib/certify-lab'));
    assert.ok(opaqueFolders('/opt/lab').includes('/opt/lab'));
  });

  test('/etc/hosts names the container on its own address', () => {
    assert.match(hostsFile({ hostname: 'gitea', address: '172.16.10.20', searchdomain: 'home.arpa' }), /^172\.16\.10\.20 gitea\.home\.arpa gitea$/m);
    assert.match(hostsFile({ hostname: 'gitea' }), /^127\.0\.1\.1 gitea$/m);
  });

  test('lxc-info -s -p: state and init pid, labelled', () => {
    assert.deepEqual(parseLxcInfo('State:          RUNNING\nPID:            8583\n'), { state: 'running', pid: 8583 });
    assert.deepEqual(parseLxcInfo('State:          STOPPED\n'), { state: 'stopped' });
    assert.deepEqual(parseLxcInfo(''), { state: 'stopped' });
  });

  test('a host path lands in the layer through the host\'s symlinks (Debian 12: /sbin → usr/sbin)', () => {
    const host = realpathSync(mkdtempSync(path.join(tmpdir(), 'lnode-upper-')));
    try {
      mkdirSync(path.join(host, 'usr/sbin'), { recursive: true });
      symlinkSync('usr/sbin', path.join(host, 'sbin'));
      assert.equal(upperPath('/layer', path.join(host, 'sbin/certify-ct-init')), path.join('/layer', host, 'usr/sbin/certify-ct-init'));
      assert.equal(upperPath('/layer', path.join(host, 'not/there/yet')), path.join('/layer', host, 'not/there/yet'));
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });
});
