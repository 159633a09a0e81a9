// pct, pvesm and vzdump in-process against the real node on a tiny lab of our own (namespace
// `lcli-lab`, bridge vmbr1 172.16.10.1/24, real LXC): the bytes users and Ansible see on a
// Proxmox host. Needs root and Debian's lxc; the lab is removed at the end.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { LabLayout } from '../../../src/lab/labLayout';
import { pctCommand, runPct } from '../../../src/lab/pve/cli/pct';
import { pvesmCommand } from '../../../src/lab/pve/cli/pvesm';
import { vzdumpCommand } from '../../../src/lab/pve/cli/vzdump';
import { openLocalNode } from '../../../src/lab/pve/node/localNode';
import type { PveNode } from '../../../src/lab/pve/pveNode';
import { captureIo } from '../../unit/lab/cli/captureIo';
import { removeTinyLab, TEMPLATE, tinyLab } from '../node/tinyLab';

type Tool = (argv: readonly string[], io: ReturnType<typeof captureIo>['io'], node: PveNode) => Promise<number>;

const VMID = 120;
/** The entry of dist/lab.js, run from source. */
const MAIN = path.resolve(__dirname, '../../../src/lab/main.ts');
const HEADER = 'VMID       Status     Lock         Name                \n';
let layout: LabLayout;
let node: PveNode;
let scratch: string;

async function run(tool: Tool, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = captureIo();
  const code = await tool(argv, io, node);
  return { code, out: out(), err: err() };
}
const pct = (...argv: string[]) => run(pctCommand, ...argv);

before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'lcli-'));
  layout = tinyLab('lcli', path.join(scratch, 'lab'));
  node = openLocalNode(layout);
});

after(async () => {
  removeTinyLab(layout);
  rmSync(scratch, { recursive: true, force: true });
});

test('pct list on an empty node prints nothing, also through the environment', async () => {
  assert.deepEqual(await pct('list'), { code: 0, out: '', err: '' });
  const { io, out, err } = captureIo({ CERTIFY_LAB_NAME: layout.name, CERTIFY_LAB_DIR: layout.dir });
  assert.equal(await runPct(['list'], io), 0);
  assert.deepEqual([out(), err()], ['', '']);
});

test('a missing container: the missing-config message on stderr, exit 255', async () => {
  assert.deepEqual(await pct('status', '999'), { code: 255, out: '', err: "Configuration file 'nodes/pve01/lxc/999.conf' does not exist\n" });
  assert.deepEqual(await pct('config', '999'), { code: 255, out: '', err: "Configuration file 'nodes/pve01/lxc/999.conf' does not exist\n" });
});

test('pct create --start: worker lines on stdout, then the list row and `status: running`', async () => {
  const keys = path.join(scratch, 'keys.pub');
  writeFileSync(keys, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxjbGktdGVzdC1rZXktbm90LWEtcmVhbC1vbmUtMDAw lcli@test\n');
  const created = await pct(
    'create', String(VMID), `local:vztmpl/${TEMPLATE}`,
    '--hostname', 'lcli-web',
    '--net0', `name=eth0,bridge=${layout.bridge.device},ip=172.16.10.20/24,gw=${layout.bridge.address}`,
    '--memory=256', '--ssh-public-keys', keys, '--start', '1',
  );
  assert.equal(created.err, '');
  assert.equal(created.code, 0);
  assert.match(created.out, /^extracting archive '.*\/template\/cache\/debian-12-standard_12\.7-1_amd64\.tar\.zst'\n/);
  assert.match(created.out, /^Detected container architecture: amd64$/m);
  assert.deepEqual(await pct('list'), { code: 0, out: `${HEADER}120        running                 lcli-web            \n`, err: '' });
  assert.deepEqual(await pct('status', String(VMID)), { code: 0, out: 'status: running\n', err: '' });
  const verbose = await pct('status', String(VMID), '--verbose');
  assert.match(verbose.out, /^maxmem: 268435456$/m);
  assert.match(verbose.out, /^pid: \d+$/m);
  assert.doesNotMatch(verbose.out, /^cpu:/m);
  const config = await pct('config', String(VMID));
  assert.match(config.out, /^hostname: lcli-web\nmemory: 256\nnet0: name=eth0,bridge=vmbr1,gw=172\.16\.10\.1,hwaddr=BC:24:11(:[0-9A-F]{2}){3},ip=172\.16\.10\.20\/24,type=veth\n/m);
  assert.deepEqual(await pct('start', String(VMID)), { code: 255, out: '', err: `CT ${VMID} already running\n` });
  assert.deepEqual(await pct('create', String(VMID), `local:vztmpl/${TEMPLATE}`), { code: 255, out: '', err: `CT ${VMID} already exists on node 'pve01'\n` });
});

test('pct exec runs inside the container and returns the command\'s exit code', async () => {
  assert.deepEqual(await pct('exec', String(VMID), '--', 'hostname'), { code: 0, out: 'lcli-web\n', err: '' });
  assert.equal((await pct('exec', String(VMID), '--', 'sh', '-c', 'exit 7')).code, 7);
  // The command reads pct's own input, as `echo … | ssh node pct exec 120 -- cat` does.
  const { io, out } = captureIo();
  const withInput = { ...io, stdin: Readable.from(['from ', 'stdin\n']) };
  assert.equal(await pctCommand(['exec', String(VMID), '--', 'cat'], withInput, node), 0);
  assert.equal(out(), 'from stdin\n');
});

test('pct push and pull copy a file in and back out', async () => {
  const source = path.join(scratch, 'in.txt');
  const back = path.join(scratch, 'out.txt');
  writeFileSync(source, 'pushed by lcli\n');
  assert.deepEqual(await pct('push', String(VMID), source, '/root/in.txt', '--perms', '0600', '--user', 'root'), { code: 0, out: '', err: '' });
  assert.deepEqual(await pct('exec', String(VMID), '--', 'stat', '-c', '%a %U', '/root/in.txt'), { code: 0, out: '600 root\n', err: '' });
  assert.deepEqual(await pct('pull', String(VMID), '/root/in.txt', back, '--perms', '0640'), { code: 0, out: '', err: '' });
  assert.equal(readFileSync(back, 'utf8'), 'pushed by lcli\n');
  assert.equal(statSync(back).mode & 0o777, 0o640);
});

test('a protected container survives pct destroy', async () => {
  assert.deepEqual(await pct('set', String(VMID), '--protection', '1'), { code: 0, out: '', err: '' });
  assert.match((await pct('config', String(VMID))).out, /^protection: 1$/m);
  assert.deepEqual(await pct('destroy', String(VMID), '--force', '--purge'), {
    code: 255,
    out: '',
    err: `can't remove CT ${VMID} - protection mode enabled\n`,
  });
  assert.equal((await pct('list')).out, `${HEADER}120        running                 lcli-web            \n`);
  assert.deepEqual(await pct('set', String(VMID)), { code: 255, out: '', err: 'no options specified\n' });
});

test('vzdump prints the job log in order; pvesm list local shows the archive with its size', async () => {
  const dumped = await run(vzdumpCommand, String(VMID), '--storage', 'local', '--compress', 'zstd', '--mode', 'snapshot');
  assert.equal(dumped.err, '');
  assert.equal(dumped.code, 0);
  const expected = [
    /^INFO: starting new backup job: vzdump 120 /,
    /^INFO: Starting Backup of VM 120 \(lxc\)$/,
    /^INFO: Backup started at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    /^INFO: status = running$/,
    /^INFO: CT Name: lcli-web$/,
    /^INFO: including mount point rootfs \('\/'\) in backup$/,
    /^INFO: backup mode: snapshot$/,
    /^INFO: ionice priority: 7$/,
    /^INFO: creating vzdump archive '.*\/dump\/vzdump-lxc-120-\d{4}_\d\d_\d\d-\d\d_\d\d_\d\d\.tar\.zst'$/,
    /^INFO: archive file size: \d+(KB|MB|\.\d\dGB)$/,
    /^INFO: Finished Backup of VM 120 \(\d\d:\d\d:\d\d\)$/,
    /^INFO: Backup finished at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    /^INFO: Backup job finished successfully$/,
  ];
  const lines = dumped.out.trimEnd().split('\n');
  let at = 0;
  for (const pattern of expected) {
    const found = lines.findIndex((line, index) => index >= at && pattern.test(line));
    assert.ok(found >= 0, `no line after #${at} matches ${pattern}:\n${dumped.out}`);
    at = found + 1;
  }
  assert.equal(lines.at(-1), 'INFO: Backup job finished successfully');

  const archive = /creating vzdump archive '(.*)'/.exec(dumped.out)?.[1] as string;
  const volid = `local:backup/${path.basename(archive)}`;
  const size = String(statSync(archive).size);
  const listed = await run(pvesmCommand, 'list', 'local', '--content', 'backup');
  // pvesm.pm: "%-<longest volid>s %-7s %-9s %<widest size>s", then " VMID" / " <vmid>".
  assert.deepEqual(listed, {
    code: 0,
    out: `Volid${' '.repeat(volid.length - 5)} Format  Type      ${'Size'.padStart(size.length)} VMID\n` + `${volid} tar.zst backup    ${size} 120\n`,
    err: '',
  });
  assert.deepEqual(await run(pvesmCommand, 'list', 'nfs'), { code: 255, out: '', err: "storage 'nfs' does not exist\n" });
  // The archive restores as a new CT; over the protected original it is refused.
  assert.deepEqual(await pct('restore', String(VMID), volid, '--force'), {
    code: 255,
    out: '',
    err: `unable to restore CT ${VMID} - protection mode enabled\n`,
  });
  const restored = await pct('restore', '121', volid);
  assert.equal(restored.err, '');
  assert.equal(restored.code, 0);
  assert.match((await pct('config', '121')).out, /^hostname: lcli-web$/m);
  assert.equal((await pct('list')).out, `${HEADER}120        running                 lcli-web            \n121        stopped                 lcli-web            \n`);
  // The archive holds the config as it was, protection included.
  assert.deepEqual(await pct('set', '121', '--protection', '0'), { code: 0, out: '', err: '' });
  assert.deepEqual(await pct('destroy', '121'), { code: 0, out: '', err: '' });
  const status = await run(pvesmCommand, 'status');
  assert.match(status.out, /^Name {3,}Type {5}Status {5}Total \(KiB\) {6}Used \(KiB\) Available \(KiB\) {8}%\n/);
  assert.match(status.out, /^local +dir +active +\d+ +\d+ +\d+ +\d+\.\d\d%$/m);
});

test('vzdump of a missing CT fails as a task: exit 255 and the error on stderr', async () => {
  const failed = await run(vzdumpCommand, '999', '--storage', 'local');
  assert.equal(failed.code, 255);
  assert.match(failed.out, /^INFO: starting new backup job: vzdump 999/);
  // The task's error is one line on stderr; the missing guest is named in the log or in it.
  assert.match(failed.err, /^[^\n]+\n$/);
  assert.match(failed.out + failed.err, /unable to find VM '999'/);
});

test('the tools as processes, through the entry of dist/lab.js: exit codes and streams', () => {
  const env = { ...process.env, CERTIFY_LAB_NAME: layout.name, CERTIFY_LAB_DIR: layout.dir };
  const missing = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'pct', 'status', '999'], { env, encoding: 'utf8' });
  assert.deepEqual([missing.status, missing.stdout, missing.stderr], [255, '', "Configuration file 'nodes/pve01/lxc/999.conf' does not exist\n"]);
  const listed = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'pct', 'list'], { env, encoding: 'utf8' });
  assert.deepEqual([listed.status, listed.stdout, listed.stderr], [0, `${HEADER}120        running                 lcli-web            \n`, '']);
});

test('shutdown, stop of a stopped CT, start again from a separate pct process', async () => {
  assert.deepEqual(await pct('shutdown', String(VMID), '--timeout', '20', '--forceStop', '1'), { code: 0, out: '', err: '' });
  assert.deepEqual(await pct('status', String(VMID)), { code: 0, out: 'status: stopped\n', err: '' });
  assert.deepEqual(await pct('stop', String(VMID)), { code: 255, out: '', err: `CT ${VMID} not running\n` });
  assert.deepEqual(await pct('exec', String(VMID), '--', 'true'), { code: 255, out: '', err: `container '${VMID}' not running!\n` });
  // A pct process that starts a container must end by itself (as `ssh node pct start` needs).
  const env = { ...process.env, CERTIFY_LAB_NAME: layout.name, CERTIFY_LAB_DIR: layout.dir };
  const started = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'pct', 'start', String(VMID)], { env, encoding: 'utf8', timeout: 60_000 });
  assert.deepEqual([started.status, started.stderr], [0, '']);
  assert.deepEqual(await pct('status', String(VMID)), { code: 0, out: 'status: running\n', err: '' });
});

test('pct destroy without protection removes the container (running: --force)', async () => {
  assert.deepEqual(await pct('set', String(VMID), '--protection', '0'), { code: 0, out: '', err: '' });
  assert.deepEqual(await pct('destroy', String(VMID)), { code: 255, out: '', err: `unable to destroy CT ${VMID} - container is running\n` });
  const destroyed = await pct('destroy', String(VMID), '--force', '--purge');
  assert.equal(destroyed.err, '');
  assert.equal(destroyed.code, 0);
  assert.deepEqual(await pct('list'), { code: 0, out: '', err: '' });
  assert.deepEqual(await pct('status', String(VMID)), { code: 255, out: '', err: `Configuration file 'nodes/pve01/lxc/${VMID}.conf' does not exist\n` });
});
