// pct's output formats against bytes written by hand from pct.pm's printf formats (and
// checked once with perl's own printf): header, column widths, trailing spaces, sort order.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPctConfig, formatPctList, formatPctStatus } from '../../../../src/lab/pve/cli/pctFormats';
import type { ContainerStatus } from '../../../../src/lab/pve/pveNode';

function status(vmid: number, state: 'running' | 'stopped', name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    vmid, name, status: state, type: 'lxc', uptime: 0, cpus: 1, cpu: 0, maxmem: 536870912, mem: 0, maxswap: 536870912,
    swap: 0, maxdisk: 4294967296, disk: 0, netin: 0, netout: 0, diskread: 0, diskwrite: 0, ...extra,
  };
}

test('pct list prints nothing when there is no container', () => {
  assert.equal(formatPctList([]), '');
});

test('pct list: %-10s %-10s %-12s %-20s, trailing spaces kept, rows by numeric vmid', () => {
  const text = formatPctList([
    status(1000, 'stopped', 'a-very-long-container-hostname'),
    status(101, 'stopped', 'db'),
    status(100, 'running', 'web', { lock: 'backup' }),
  ]);
  assert.equal(
    text,
    'VMID       Status     Lock         Name                \n' +
      '100        running    backup       web                 \n' +
      '101        stopped                 db                  \n' +
      '1000       stopped                 a-very-long-container-hostname\n',
  );
  // 10+1+10+1+12+1+20 columns and the newline: the widths are what they claim.
  assert.equal(text.split('\n')[0]?.length, 55);
});

test('pct status: one line, `status: running`', () => {
  assert.equal(formatPctStatus(status(100, 'running', 'web'), false), 'status: running\n');
  assert.equal(formatPctStatus(status(100, 'stopped', 'web'), false), 'status: stopped\n');
});

test('pct status --verbose: sorted keys, cpu skipped, undefined skipped', () => {
  const text = formatPctStatus(status(100, 'stopped', 'web', { lock: undefined }), true);
  assert.equal(
    text,
    [
      'cpus: 1', 'disk: 0', 'diskread: 0', 'diskwrite: 0', 'maxdisk: 4294967296', 'maxmem: 536870912',
      'maxswap: 536870912', 'mem: 0', 'name: web', 'netin: 0', 'netout: 0', 'status: stopped', 'swap: 0',
      'type: lxc', 'uptime: 0', 'vmid: 100',
    ].join('\n') + '\n',
  );
});

test('pct status --verbose of a running CT shows pid and lock in their sorted places', () => {
  const text = formatPctStatus(status(100, 'running', 'web', { pid: 4242, uptime: 17, lock: 'backup' }), true);
  const keys = text.trim().split('\n').map((line) => line.split(': ')[0]);
  assert.deepEqual(keys, ['cpus', 'disk', 'diskread', 'diskwrite', 'lock', 'maxdisk', 'maxmem', 'maxswap', 'mem', 'name', 'netin', 'netout', 'pid', 'status', 'swap', 'type', 'uptime', 'vmid']);
  assert.match(text, /^pid: 4242$/m);
});

test('pct config: keys in sort order, digest left out, description encoded, lxc lines last', () => {
  const text = formatPctConfig({
    values: {
      unprivileged: 1,
      hostname: 'web',
      net0: 'name=eth0,bridge=vmbr1,hwaddr=BC:24:11:AA:BB:CC,ip=172.16.10.20/24,type=veth',
      memory: 512,
      description: 'Line one\nport: 80 100% é',
      cores: 2,
      arch: 'amd64',
      ostype: 'debian',
      digest: '0123456789abcdef0123456789abcdef01234567',
    },
    digest: '0123456789abcdef0123456789abcdef01234567',
    lxc: [
      ['lxc.apparmor.profile', 'unconfined'],
      ['lxc.cgroup2.devices.allow', 'a'],
    ],
  });
  assert.equal(
    text,
    'arch: amd64\n' +
      'cores: 2\n' +
      'description: Line one%0Aport%3A 80 100% %C3%A9\n' +
      'hostname: web\n' +
      'memory: 512\n' +
      'net0: name=eth0,bridge=vmbr1,hwaddr=BC:24:11:AA:BB:CC,ip=172.16.10.20/24,type=veth\n' +
      'ostype: debian\n' +
      'unprivileged: 1\n' +
      'lxc.apparmor.profile: unconfined\n' +
      'lxc.cgroup2.devices.allow: a\n',
  );
});
