// pct's dispatch, parameter errors and worker reporting, run in-process against an in-memory
// node. Expected stderr is written by hand from CLIHandler.pm / Exception.pm's formats.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pctCommand } from '../../../../src/lab/pve/cli/pct';
import { captureIo } from './captureIo';
import { FakeNode } from './fakeNode';

async function pct(node: FakeNode, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = captureIo();
  const code = await pctCommand(argv, io, node);
  return { code, out: out(), err: err() };
}

const USAGE =
  'USAGE: pct <COMMAND> [ARGS] [OPTIONS]\n' +
  '       pct config <vmid> [OPTIONS]\n' +
  '       pct create <vmid> <ostemplate> [OPTIONS]\n' +
  '       pct destroy <vmid> [OPTIONS]\n' +
  '       pct exec <vmid> [<extra-args>] [OPTIONS]\n' +
  '       pct help [<extra-args>] [OPTIONS]\n' +
  '       pct list\n' +
  '       pct pull <vmid> <path> <destination> [OPTIONS]\n' +
  '       pct push <vmid> <file> <destination> [OPTIONS]\n' +
  '       pct restore <vmid> <ostemplate> [OPTIONS]\n' +
  '       pct set <vmid> [OPTIONS]\n' +
  '       pct shutdown <vmid> [OPTIONS]\n' +
  '       pct start <vmid>\n' +
  '       pct status <vmid> [OPTIONS]\n' +
  '       pct stop <vmid>\n';

test('no command: ERROR line and the short usage on stderr, exit 255', async () => {
  assert.deepEqual(await pct(new FakeNode()), { code: 255, out: '', err: `ERROR: no command specified\n${USAGE}` });
});

test("unknown command: ERROR: unknown command 'pct foo', exit 255", async () => {
  assert.deepEqual(await pct(new FakeNode(), 'foo'), { code: 255, out: '', err: `ERROR: unknown command 'pct foo'\n${USAGE}` });
  // Proxmox's CLIHandler has no --help switch: it is an unknown command that prints the usage.
  assert.deepEqual(await pct(new FakeNode(), '--help'), { code: 255, out: '', err: `ERROR: unknown command 'pct --help'\n${USAGE}` });
});

test('pct help prints the short usage on stdout and exits 0; help <cmd> its usage line', async () => {
  assert.deepEqual(await pct(new FakeNode(), 'help'), { code: 0, out: USAGE, err: '' });
  assert.deepEqual(await pct(new FakeNode(), 'help', 'destroy'), { code: 0, out: 'USAGE: pct destroy <vmid> [OPTIONS]\n', err: '' });
});

test('an invalid vmid: 400 Parameter verification failed., the error, a blank line, the usage', async () => {
  assert.deepEqual(await pct(new FakeNode(), 'destroy', '99'), {
    code: 255,
    out: '',
    err: '400 Parameter verification failed.\nvmid: invalid format - value does not look like a valid VM ID\n\npct destroy <vmid> [OPTIONS]\n',
  });
  const big = await pct(new FakeNode(), 'status', '1000000000');
  assert.match(big.err, /^400 Parameter verification failed\.\nvmid: invalid format - value does not look like a valid VM ID\n\npct status <vmid> \[OPTIONS\]\n$/);
  const word = await pct(new FakeNode(), 'start', 'abc');
  assert.equal(word.err, "400 Parameter verification failed.\nvmid: type check ('integer') failed - got 'abc'\npct start <vmid>\n");
});

test('missing and extra arguments, unknown options', async () => {
  assert.deepEqual(await pct(new FakeNode(), 'destroy'), { code: 255, out: '', err: '400 not enough arguments\npct destroy <vmid> [OPTIONS]\n' });
  assert.deepEqual(await pct(new FakeNode(), 'list', 'x'), { code: 255, out: '', err: '400 too many arguments\npct list\n' });
  assert.deepEqual(await pct(new FakeNode(), 'list', '--bogus'), {
    code: 255,
    out: '',
    err: 'Unknown option: bogus\n400 unable to parse option\npct list\n',
  });
  // get_options reads positional parameters as options too, but the positional slot stays empty.
  assert.deepEqual(await pct(new FakeNode(), 'destroy', '--vmid', '100'), { code: 255, out: '', err: '400 not enough arguments\npct destroy <vmid> [OPTIONS]\n' });
  assert.deepEqual(await pct(new FakeNode(), 'status', '100', '--verb', '1', '--x'), {
    code: 255,
    out: '',
    err: 'Unknown option: x\n400 unable to parse option\npct status <vmid> [OPTIONS]\n',
  });
  assert.deepEqual(await pct(new FakeNode(), 'destroy', '100', '--force', 'maybe'), {
    code: 255,
    out: '',
    err: '400 Parameter verification failed.\nforce: wrong value for boolean option\npct destroy <vmid> [OPTIONS]\n',
  });
});

test('pct list / status / config go to the node and print its answers', async () => {
  const node = new FakeNode();
  assert.deepEqual(await pct(node, 'list'), { code: 0, out: '', err: '' });
  node.addContainer(100, 'running', { hostname: 'web', memory: 512 });
  assert.equal((await pct(node, 'list')).out, 'VMID       Status     Lock         Name                \n100        running                 web                 \n');
  assert.deepEqual(await pct(node, 'status', '100'), { code: 0, out: 'status: running\n', err: '' });
  assert.deepEqual(await pct(node, 'config', '100'), { code: 0, out: 'hostname: web\nmemory: 512\n', err: '' });
});

test("a missing container: the node's message on stderr, exit 255", async () => {
  assert.deepEqual(await pct(new FakeNode(), 'status', '999'), {
    code: 255,
    out: '',
    err: "Configuration file 'nodes/pve01/lxc/999.conf' does not exist\n",
  });
});

test('workers: lines to stdout, TASK ERROR text to stderr with 255, warnings reported, exit 0', async () => {
  const node = new FakeNode();
  node.nextTask = { lines: ['extracting archive', 'Detected container architecture: amd64'], exitstatus: 'OK' };
  assert.deepEqual(await pct(node, 'create', '100', 'local:vztmpl/debian.tar.zst', '--hostname', 'web', '--start', '--memory=256'), {
    code: 0,
    out: 'extracting archive\nDetected container architecture: amd64\n',
    err: '',
  });
  assert.deepEqual(node.calls.at(-1), {
    method: 'create',
    args: [{ vmid: 100, ostemplate: 'local:vztmpl/debian.tar.zst', options: { hostname: 'web', start: '1', memory: '256' } }],
  });
  node.nextTask = { lines: ['starting'], exitstatus: 'unable to create CT 101 - no space left' };
  assert.deepEqual(await pct(node, 'create', '101', 'local:vztmpl/debian.tar.zst'), {
    code: 255,
    out: 'starting\n',
    err: 'unable to create CT 101 - no space left\n',
  });
  node.addContainer(102, 'stopped');
  node.nextTask = { lines: [], exitstatus: 'WARNINGS: 2' };
  assert.deepEqual(await pct(node, 'start', '102'), { code: 0, out: '', err: 'Task finished with 2 warning(s)!\n' });
});

test('preconditions the node refuses before any task: protection, already running', async () => {
  const node = new FakeNode();
  node.addContainer(100, 'running', { protection: 1 });
  assert.deepEqual(await pct(node, 'destroy', '100', '--force', '1'), {
    code: 255,
    out: '',
    err: "can't remove CT 100 - protection mode enabled\n",
  });
  assert.deepEqual(await pct(node, 'start', '100'), { code: 255, out: '', err: 'CT 100 already running\n' });
});

test('pct create reads --ssh-public-keys from a file and sends its contents', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lcli-unit-'));
  try {
    const keys = path.join(dir, 'keys.pub');
    await writeFile(keys, 'ssh-ed25519 AAAAC3Nza test@lab\n');
    const node = new FakeNode();
    assert.equal((await pct(node, 'create', '100', 'local:vztmpl/t.tar.zst', '--ssh-public-keys', keys)).code, 0);
    assert.deepEqual(node.calls.at(-1)?.args, [{ vmid: 100, ostemplate: 'local:vztmpl/t.tar.zst', options: { 'ssh-public-keys': 'ssh-ed25519 AAAAC3Nza test@lab\n' } }]);
    const missing = path.join(dir, 'none.pub');
    assert.deepEqual(await pct(node, 'create', '101', 'local:vztmpl/t.tar.zst', `--ssh-public-keys=${missing}`), {
      code: 255,
      out: '',
      err: `can't open '${missing}' - No such file or directory\n`,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('pct create --restore 1 and pct restore both restore through the node', async () => {
  const node = new FakeNode();
  assert.equal((await pct(node, 'restore', '100', '/dump/vzdump-lxc-100-2025_01_31-14_05_09.tar.zst', '--storage', 'local', '--force')).code, 0);
  assert.deepEqual(node.calls.at(-1), { method: 'restore', args: [100, '/dump/vzdump-lxc-100-2025_01_31-14_05_09.tar.zst', { storage: 'local', force: '1' }] });
  assert.equal((await pct(node, 'create', '101', 'local:backup/x.tar', '--restore', 'yes')).code, 0);
  assert.deepEqual(node.calls.at(-1), { method: 'restore', args: [101, 'local:backup/x.tar', {}] });
});

test('config values are checked as the schema says before the node is asked', async () => {
  const node = new FakeNode();
  const result = await pct(node, 'create', '100', 't', '--memory', '8', '--ostype', 'windows');
  assert.equal(
    result.err,
    '400 Parameter verification failed.\n' +
      'memory: value must have a minimum value of 16\n' +
      "ostype: value 'windows' does not have a value in the enumeration 'debian, devuan, ubuntu, centos, fedora, opensuse, archlinux, alpine, gentoo, nixos, unmanaged'\n" +
      'pct create <vmid> <ostemplate> [OPTIONS]\n',
  );
  assert.equal(node.calls.length, 0);
});

test('pct set: protection on, deletes as a list, no options specified', async () => {
  const node = new FakeNode();
  node.addContainer(100, 'stopped');
  assert.deepEqual(await pct(node, 'set', '100', '--protection', '1'), { code: 0, out: '', err: '' });
  assert.deepEqual(node.calls.at(-1), { method: 'setConfig', args: [100, { protection: '1' }, []] });
  assert.equal((await pct(node, 'set', '100', '--delete', 'tags,onboot', '--delete', 'description')).code, 0);
  assert.deepEqual(node.calls.at(-1), { method: 'setConfig', args: [100, {}, ['tags', 'onboot', 'description']] });
  assert.deepEqual(await pct(node, 'set', '100'), { code: 255, out: '', err: 'no options specified\n' });
  assert.deepEqual(await pct(node, 'set', '100', '--protection', '0', '--digest', 'b'.repeat(40)), {
    code: 255,
    out: '',
    err: 'detected modified configuration - file changed by other user? Try again.\n',
  });
});

test('pct shutdown and destroy pass their options', async () => {
  const node = new FakeNode();
  node.addContainer(100, 'running');
  assert.equal((await pct(node, 'shutdown', '100', '--timeout', '5', '--forceStop', '1')).code, 0);
  assert.deepEqual(node.calls.at(-1), { method: 'shutdown', args: [100, { timeout: 5, forceStop: true }] });
  assert.equal((await pct(node, 'destroy', '100', '--purge', '--force')).code, 0);
  assert.deepEqual(node.calls.at(-1), { method: 'destroy', args: [100, { force: true, purge: true }] });
});

test('pct exec: everything after -- is the command; its exit code is pct\'s', async () => {
  const node = new FakeNode();
  node.addContainer(100, 'running');
  assert.deepEqual(await pct(node, 'exec', '100', '--', 'ls', '-la', '/'), { code: 3, out: 'ran ls -la /\n', err: '' });
  assert.deepEqual(await pct(node, 'exec', '100'), { code: 255, out: '', err: 'missing command\n' });
  node.addContainer(101, 'stopped');
  assert.deepEqual(await pct(node, 'exec', '101', '--', 'true'), { code: 255, out: '', err: "container '101' not running!\n" });
});

test('pct push passes owners (names looked up in the container) and perms', async () => {
  const node = new FakeNode();
  node.addContainer(100, 'running');
  node.files.set('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\npostgres:x:104:110::/var/lib/postgresql:/bin/bash\n');
  node.files.set('/etc/group', 'root:x:0:\nssl-cert:x:109:postgres\n');
  assert.equal((await pct(node, 'push', '100', '/etc/hostname', '/root/h', '--user', '0', '--group', '0', '--perms', '0600')).code, 0);
  assert.deepEqual(node.calls.at(-1), { method: 'push', args: [100, '/etc/hostname', '/root/h', { user: 0, group: 0, perms: '0600' }] });
  assert.equal((await pct(node, 'push', '100', '/etc/hostname', '/srv/h', '--user', 'postgres', '--group', 'ssl-cert')).code, 0);
  assert.deepEqual(node.calls.at(-1), { method: 'push', args: [100, '/etc/hostname', '/srv/h', { user: 104, group: 109 }] });
  assert.deepEqual(await pct(node, 'push', '100', '/etc/hostname', '/srv/h', '--user', 'nobody-here'), {
    code: 255,
    out: '',
    err: 'failed to get uid for: nobody-here\n',
  });
});

test('pct pull copies the file out and applies owner and perms on this side', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lcli-unit-'));
  try {
    const node = new FakeNode();
    node.addContainer(100, 'running');
    node.files.set('/etc/motd', 'hello\n');
    const target = path.join(dir, 'motd');
    assert.deepEqual(await pct(node, 'pull', '100', '/etc/motd', target, '--perms', '0x1a0'), { code: 0, out: '', err: '' });
    assert.equal(await readFile(target, 'utf8'), 'hello\n');
    assert.equal((await stat(target)).mode & 0o777, 0o640);
    assert.deepEqual(await pct(node, 'pull', '100', '/etc/motd', target, '--perms', '9'), { code: 255, out: '', err: "invalid permissions '9'\n" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
