// `down` with real LXC containers in the lab (Debian's lxc, the recipe of lab-recipes.md): a
// running container is stopped; one out of reach of every lxc-* command (its lab namespace
// deleted under it) is still found and ended; nothing is left, LXC's lock folder included.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { labDown } from '../../../src/lab/control/down';
import { labStatus } from '../../../src/lab/control/status';
import { labUp } from '../../../src/lab/control/up';
import { listPidRecords } from '../../../src/lab/daemons/daemon';
import type { LabLayout } from '../../../src/lab/labLayout';
import { inNetns, requireRoot, testLayout, whatIsLeft } from './labWorld';

/** A minimal real LXC container on the lab's bridge: the host's files below, its writes in upper/. */
async function startContainer(layout: LabLayout, name: string, address: string): Promise<void> {
  const dir = path.join(layout.paths.lxcPath, name);
  await mkdir(path.join(dir, 'upper'), { recursive: true });
  const config = [
    `lxc.uts.name = ct${name}`,
    `lxc.rootfs.path = overlay:/:${dir}/upper`,
    'lxc.net.0.type = veth',
    `lxc.net.0.link = ${layout.bridge.device}`,
    'lxc.net.0.flags = up',
    `lxc.net.0.ipv4.address = ${address}/24`,
    `lxc.net.0.ipv4.gateway = ${layout.bridge.address}`,
    'lxc.mount.auto = proc:mixed sys:ro cgroup:mixed',
    'lxc.apparmor.profile = unconfined',
    'lxc.tty.max = 0',
    'lxc.init.cmd = /bin/sleep infinity',
  ];
  await writeFile(path.join(dir, 'config'), `${config.join('\n')}\n`);
  const started = inNetns(layout.netns, ['lxc-start', '-P', layout.paths.lxcPath, '-n', name]);
  assert.equal(started.status, 0, started.stderr);
}

/** Pids whose /proc/<pid>/mountinfo mounts the container's upper layer: its processes. */
function containerPids(layout: LabLayout, name: string): number[] {
  const upper = path.join(layout.paths.lxcPath, name, 'upper');
  const out = spawnSync('sh', ['-c', `grep -l -- "upperdir=${upper}" /proc/[0-9]*/mountinfo 2>/dev/null`], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .filter(Boolean)
    .map((file) => Number(file.split('/')[2]))
    .filter((pid) => pid !== process.pid);
}

describe('certify lab down: real LXC containers', { timeout: 180_000 }, () => {
  let layout: LabLayout;

  before(async () => {
    requireRoot();
    layout = await testLayout();
    await labDown(layout);
  });

  after(async () => {
    await labDown(layout);
  });

  test('a running container is stopped by down, and nothing is left', async () => {
    await labUp(layout);
    await startContainer(layout, '990', '172.16.10.99');
    const status = await labStatus(layout);
    assert.deepEqual(status.containers, [{ vmid: '990', state: 'running', ipv4: ['172.16.10.99'] }]);
    const pids = [...containerPids(layout, '990'), ...(await listPidRecords(layout)).map((record) => record.pid)];
    assert.ok(containerPids(layout, '990').length > 0);
    const result = await labDown(layout);
    assert.deepEqual(result.containersStopped, ['990']);
    assert.deepEqual(whatIsLeft(layout, pids), []);
    assert.equal(existsSync(path.join('/run/lxc/lock', layout.paths.lxcPath)), false);
  });

  test('a container out of reach of lxc-stop (its namespace deleted) is still found and ended', async () => {
    await labUp(layout);
    await startContainer(layout, '991', '172.16.10.98');
    const inside = containerPids(layout, '991');
    assert.ok(inside.length > 0);
    // The state a crash can leave: the lab namespace is gone, the container runs on.
    assert.equal(spawnSync('ip', ['netns', 'del', layout.netns]).status, 0);
    assert.ok(containerPids(layout, '991').length > 0, 'the container still runs');
    const pids = [...inside, ...(await listPidRecords(layout)).map((record) => record.pid)];
    const result = await labDown(layout);
    assert.ok(result.leftoversKilled.length > 0, 'down found the container by what it mounts or names');
    assert.deepEqual(whatIsLeft(layout, pids), []);
    assert.deepEqual(containerPids(layout, '991'), []);
  });
});
