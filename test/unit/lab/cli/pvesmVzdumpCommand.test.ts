// pvesm and vzdump run in-process against an in-memory node: dispatch, usage errors,
// unknown storage, and vzdump's worker lines copied to stdout in order.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pvesmCommand } from '../../../../src/lab/pve/cli/pvesm';
import { vzdumpCommand } from '../../../../src/lab/pve/cli/vzdump';
import { captureIo } from './captureIo';
import { FakeNode } from './fakeNode';

async function run(tool: typeof pvesmCommand, node: FakeNode, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = captureIo();
  const code = await tool(argv, io, node);
  return { code, out: out(), err: err() };
}

test('pvesm: no command and unknown command print its usage', async () => {
  const usage = 'USAGE: pvesm <COMMAND> [ARGS] [OPTIONS]\n       pvesm help [<extra-args>] [OPTIONS]\n       pvesm list <storage> [OPTIONS]\n       pvesm status [OPTIONS]\n';
  assert.deepEqual(await run(pvesmCommand, new FakeNode()), { code: 255, out: '', err: `ERROR: no command specified\n${usage}` });
  assert.deepEqual(await run(pvesmCommand, new FakeNode(), 'lst'), { code: 255, out: '', err: `ERROR: unknown command 'pvesm lst'\n${usage}` });
  assert.deepEqual(await run(pvesmCommand, new FakeNode(), 'list'), { code: 255, out: '', err: '400 not enough arguments\npvesm list <storage> [OPTIONS]\n' });
});

test('pvesm list passes its filters and prints the volumes; an unknown storage dies', async () => {
  const node = new FakeNode();
  node.volumes = [{ volid: 'local:backup/vzdump-lxc-100-2025_01_31-14_05_09.tar.zst', format: 'tar.zst', content: 'backup', size: 4096, vmid: 100, ctime: 1 }];
  assert.deepEqual(await run(pvesmCommand, node, 'list', 'local', '--content', 'backup', '--vmid', '100'), {
    code: 0,
    out:
      'Volid                                                   Format  Type      Size VMID\n' +
      'local:backup/vzdump-lxc-100-2025_01_31-14_05_09.tar.zst tar.zst backup    4096 100\n',
    err: '',
  });
  assert.deepEqual(node.calls.at(-1), { method: 'storageContent', args: ['local', { content: 'backup', vmid: 100 }] });
  assert.deepEqual(await run(pvesmCommand, node, 'list', 'nfs'), { code: 255, out: '', err: "storage 'nfs' does not exist\n" });
  const badContent = await run(pvesmCommand, node, 'list', 'local', '--content', 'disks');
  assert.equal(
    badContent.err,
    "400 Parameter verification failed.\ncontent: value 'disks' does not have a value in the enumeration 'images, rootdir, vztmpl, iso, backup, snippets, import'\npvesm list <storage> [OPTIONS]\n",
  );
});

test('pvesm status prints the storages; --storage picks one or dies', async () => {
  const node = new FakeNode();
  node.storages = [{ storage: 'local', type: 'dir', active: true, total: 4096, used: 1024, avail: 3072 }];
  assert.deepEqual(await run(pvesmCommand, node, 'status'), {
    code: 0,
    out:
      'Name         Type     Status     Total (KiB)      Used (KiB) Available (KiB)        %\n' +
      'local         dir     active               4               1               3   25.00%\n',
    err: '',
  });
  assert.deepEqual(await run(pvesmCommand, node, 'status', '--storage', 'x'), { code: 255, out: '', err: "storage 'x' does not exist\n" });
});

test('vzdump copies the job log to stdout in order and passes its options', async () => {
  const node = new FakeNode();
  const lines = [
    'INFO: starting new backup job: vzdump 100 --compress zstd --storage local --mode snapshot',
    'INFO: Starting Backup of VM 100 (lxc)',
    'INFO: Backup job finished successfully',
  ];
  node.nextTask = { lines, exitstatus: 'OK' };
  assert.deepEqual(await run(vzdumpCommand, node, '100', '--mode', 'snapshot', '--compress', 'zstd', '--storage', 'local'), {
    code: 0,
    out: lines.map((line) => `${line}\n`).join(''),
    err: '',
  });
  assert.deepEqual(node.calls.at(-1), { method: 'vzdump', args: [{ vmid: 100, mode: 'snapshot', compress: 'zstd', storage: 'local' }] });
});

test('a failed vzdump job: the log on stdout, `job errors` on stderr, exit 255', async () => {
  const node = new FakeNode();
  node.nextTask = { lines: ["ERROR: Backup of VM 999 failed - unable to find VM '999'", 'INFO: Backup job finished with errors'], exitstatus: 'job errors' };
  assert.deepEqual(await run(vzdumpCommand, node, '999'), {
    code: 255,
    out: "ERROR: Backup of VM 999 failed - unable to find VM '999'\nINFO: Backup job finished with errors\n",
    err: 'job errors\n',
  });
});

test('vzdump parameter errors carry its usage `vzdump {<vmid>} [OPTIONS]`', async () => {
  const node = new FakeNode();
  assert.deepEqual(await run(vzdumpCommand, node), {
    code: 255,
    out: '',
    err: '400 Parameter verification failed.\nvmid: property is missing\nvzdump {<vmid>} [OPTIONS]\n',
  });
  assert.deepEqual(await run(vzdumpCommand, node, '12'), {
    code: 255,
    out: '',
    err: '400 Parameter verification failed.\nvmid: invalid format - value does not look like a valid VM ID\n\nvzdump {<vmid>} [OPTIONS]\n',
  });
  assert.equal(
    (await run(vzdumpCommand, node, '100', '--mode', 'fast')).err,
    "400 Parameter verification failed.\nmode: value 'fast' does not have a value in the enumeration 'snapshot, suspend, stop'\nvzdump {<vmid>} [OPTIONS]\n",
  );
  assert.equal(
    (await run(vzdumpCommand, node, '100', '--storage', 'local', '--dumpdir', '/tmp')).err,
    "400 Parameter verification failed.\ndumpdir: option conflicts with option 'storage'\nvzdump {<vmid>} [OPTIONS]\n",
  );
  assert.equal(node.calls.length, 0);
});

test('vzdump help prints its usage on stderr and exits 0; pvesm help on stdout', async () => {
  assert.deepEqual(await run(vzdumpCommand, new FakeNode(), 'help'), {
    code: 0,
    out: '',
    err: 'USAGE: vzdump help\nUSAGE: vzdump {<vmid>} [OPTIONS]\n',
  });
  assert.deepEqual(await run(pvesmCommand, new FakeNode(), 'help', 'list'), { code: 0, out: 'USAGE: pvesm list <storage> [OPTIONS]\n', err: '' });
});

test('vzdump backs up one guest per job and says so for a list', async () => {
  const node = new FakeNode();
  assert.deepEqual(await run(vzdumpCommand, node, '100', '101'), {
    code: 255,
    out: '',
    err: 'the lab backs up one guest per vzdump job: run vzdump once per vmid\n',
  });
  assert.equal(node.calls.length, 0);
});
