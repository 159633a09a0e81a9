// The `<vmid>.conf` format: Proxmox's key order, typed values, the encoded description at the
// top, raw lxc.* lines last, and a parse → print round trip that changes nothing.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { configFromText, parseConfig, printConfig, typedValue } from '../../../../src/lab/pve/node/configFormat';
import { decodeText, encodeText } from '../../../../src/lab/pve/node/textEncoding';

const STORED = [
  '#Gitea for the homelab%3A deployed by Ansible',
  '#second line with 100% and caf%C3%A9',
  'arch: amd64',
  'cores: 2',
  'features: nesting=1',
  'hostname: gitea',
  'memory: 1024',
  'net0: name=eth0,bridge=vmbr1,firewall=1,gw=172.16.10.1,hwaddr=BC:24:11:2A:3B:4C,ip=172.16.10.20/24,type=veth',
  'onboot: 1',
  'ostype: debian',
  'protection: 1',
  'rootfs: local-lvm:vm-120-disk-0,size=8G',
  'swap: 512',
  'tags: homelab;web',
  'unprivileged: 1',
  'lxc.apparmor.profile: unconfined',
  'lxc.cgroup2.devices.allow: a',
  '',
].join('\n');

describe('container config format', () => {
  test('parse types integers and booleans as numbers and decodes the description', () => {
    const parsed = parseConfig(STORED);
    assert.equal(parsed.values.cores, 2);
    assert.equal(parsed.values.memory, 1024);
    assert.equal(parsed.values.onboot, 1);
    assert.equal(parsed.values.protection, 1);
    assert.equal(parsed.values.hostname, 'gitea');
    assert.equal(parsed.values.description, 'Gitea for the homelab: deployed by Ansible\nsecond line with 100% and café\n');
    assert.deepEqual(parsed.lxc, [['lxc.apparmor.profile', 'unconfined'], ['lxc.cgroup2.devices.allow', 'a']]);
  });

  test('print → parse → print is the identity on a stored config', () => {
    const printed = printConfig(parseConfig(STORED));
    assert.equal(printed, STORED);
  });

  test('print sorts keys alphabetically, description first, lxc lines last in their order', () => {
    const text = printConfig({ values: { swap: 512, arch: 'amd64', description: 'a:b', hostname: 'x' }, lxc: [['lxc.b', '2'], ['lxc.a', '1']] });
    assert.equal(text, '#a%3Ab\narch: amd64\nhostname: x\nswap: 512\nlxc.b: 2\nlxc.a: 1\n');
  });

  test('lxc lines written with `=` are read too; comments after the first key are not the description', () => {
    const parsed = parseConfig('arch: amd64\n#not a description\nlxc.mount.entry = /a b none bind 0 0\n');
    assert.equal(parsed.values.description, undefined);
    assert.deepEqual(parsed.lxc, [['lxc.mount.entry', '/a b none bind 0 0']]);
  });

  test('a value with a newline cannot be written', () => {
    assert.throws(() => printConfig({ values: { hostname: 'a\nb' }, lxc: [] }), /detected invalid newline inside property 'hostname'/);
  });

  test('booleans accept Proxmox words; a bad integer gives the schema message', () => {
    assert.equal(typedValue('onboot', 'true'), 1);
    assert.equal(typedValue('onboot', 'off'), 0);
    assert.throws(() => typedValue('memory', '1G'), /type check \('integer'\) failed - got '1G'/);
    assert.throws(() => typedValue('protection', 'maybe'), /type check \('boolean'\) failed - got 'maybe'/);
  });

  test('digest is the sha1 of the file text', () => {
    assert.equal(configFromText('arch: amd64\n').digest, createHash('sha1').update('arch: amd64\n').digest('hex'));
    assert.notEqual(configFromText('arch: amd64\n').digest, configFromText('arch: i386\n').digest);
  });

  test('encode_text escapes control characters, bytes above 0x7e and the colon only', () => {
    assert.equal(encodeText('a b:c\t"é"'), 'a b%3Ac%09"%C3%A9"');
    assert.equal(decodeText('a b%3Ac%09"%C3%A9"'), 'a b:c\t"é"');
  });
});
