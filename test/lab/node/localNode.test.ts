// The lab's node over real LXC, end to end, as root: a container is created from the template
// placeholder and started, answers on its own address (ping, ssh) from the lab namespace, keeps
// its files across a clean shutdown and start, comes back from a vzdump archive after a
// destroy, refuses destroy while protected, sees nothing of the host's private folders, and
// leaves nothing behind when destroyed. Measures create → sshd answering.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { openLocalNode } from '../../../src/lab/pve/node/localNode';
import { PveError, type PveNode, type Task } from '../../../src/lab/pve/pveNode';
import { removeTinyLab, TEMPLATE, tinyLab } from './tinyLab';

/** This suite's own lab name, so it never meets another lab on the machine. */
const LAB = 'lnode';
const VMID = 101;
const ADDRESS = '172.16.10.101';
const PASSWORD = `pw-${process.pid}-not-stored`;

describe('local node over real LXC', { concurrency: false }, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'lnode-test-'));
  const layout = tinyLab(LAB, path.join(work, 'lab'));
  const node: PveNode = openLocalNode(layout);
  const lines: string[] = [];
  const caller = { user: 'root@pam', onTaskLine: (line: string) => lines.push(line) };
  const key = path.join(work, 'id_ed25519');
  const hostSecret = `/root/lnode-host-only-${process.pid}`;

  const inLab = (...argv: string[]) => spawnSync('ip', ['netns', 'exec', layout.netns, ...argv], { encoding: 'utf8', timeout: 20_000 });
  const ssh = (command: string) =>
    inLab('ssh', '-i', key, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=2', `root@${ADDRESS}`, command);
  const run = async (task: Task): Promise<string> => (await task.finished).exitstatus;
  const exec = async (command: string): Promise<{ code: number; out: string }> => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await node.exec(VMID, ['sh', '-c', command], { stdout, stderr: process.stderr });
    return { code, out: Buffer.concat(chunks).toString('utf8') };
  };
  const refusal = async (promise: Promise<unknown>): Promise<string> => {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof PveError, `a PveError, got ${String(error)}`);
      return error.message;
    }
    throw new Error('expected a refusal');
  };

  before(() => {
    assert.equal(process.getuid?.(), 0, 'the lab tests need root (they make namespaces and LXC containers)');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    writeFileSync(hostSecret, 'the host only\n');
  });

  after(() => {
    removeTinyLab(layout);
    rmSync(work, { recursive: true, force: true });
    rmSync(hostSecret, { force: true });
  });

  test('create with start=1: running with its own address, sshd answers with the given key', async (t) => {
    const started = Date.now();
    const task = await node.create({
      vmid: VMID,
      ostemplate: `local:vztmpl/${TEMPLATE}`,
      options: {
        hostname: 'ct101',
        net0: `name=eth0,bridge=vmbr1,ip=${ADDRESS}/24,gw=172.16.10.1,firewall=1`,
        rootfs: 'local-lvm:8',
        memory: '1024',
        password: PASSWORD,
        'ssh-public-keys': readFileSync(`${key}.pub`, 'utf8'),
        start: '1',
      },
    }, caller);
    assert.match(task.upid, /^UPID:pve01:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzcreate:101:root@pam:$/);
    assert.equal(await run(task), 'OK');
    t.diagnostic(`create task (start included): ${Date.now() - started} ms`);
    let answered = false;
    while (!answered && Date.now() - started < 30_000) answered = ssh('true').status === 0;
    const elapsed = Date.now() - started;
    t.diagnostic(`create → running with sshd answering: ${elapsed} ms`);
    assert.ok(answered, 'sshd answers within 30 s');
    assert.equal(ssh('hostname').stdout.trim(), 'ct101');
    assert.match((await exec('ip -4 -o addr show dev eth0')).out, new RegExp(`inet ${ADDRESS.replace(/\./g, '\\.')}/24 brd 172\\.16\\.10\\.255 `));
    const status = await node.containerStatus(VMID);
    assert.equal(status.status, 'running');
    assert.equal(status.name, 'ct101');
    assert.equal(status.maxmem, 1024 * 1024 * 1024);
    assert.equal(status.maxdisk, 8 * 1024 ** 3);
    assert.ok((status.pid ?? 0) > 0);
    const log = await node.taskLog(task.upid);
    assert.equal(log.lines[log.lines.length - 1]?.t, 'TASK OK');
    assert.equal((await node.taskStatus(task.upid)).exitstatus, 'OK');
  });

  test('the config is written in Proxmox format, and the password is stored nowhere in clear', async () => {
    const text = readFileSync(path.join(layout.paths.containerConfigs, `${VMID}.conf`), 'utf8');
    assert.match(text, /^arch: amd64\nhostname: ct101\nmemory: 1024\nnet0: name=eth0,bridge=vmbr1,firewall=1,gw=172\.16\.10\.1,hwaddr=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},ip=172\.16\.10\.101\/24,type=veth\nostype: debian\nrootfs: local-lvm:vm-101-disk-0,size=8G\nswap: 512\nunprivileged: 1\n$/);
    assert.equal(spawnSync('grep', ['-r', '-l', PASSWORD, layout.dir]).status, 1, 'the password is in no file of the lab');
    const shadow = await exec('grep ^root: /etc/shadow');
    const hash = shadow.out.split(':')[1] as string;
    const salt = hash.split('$')[2] as string;
    assert.match(hash, /^\$6\$/);
    assert.equal(execFileSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${PASSWORD}\n`, encoding: 'utf8' }).trim(), hash, 'root\'s hash is of the given password');
    const hostHashes = readFileSync('/etc/shadow', 'utf8').split('\n').map((line) => line.split(':')[1] ?? '').filter((field) => field.startsWith('$'));
    const ownShadow = (await exec('cat /etc/shadow')).out;
    for (const hostHash of hostHashes) assert.equal(ownShadow.includes(hostHash), false, 'no password hash of the host is in the container');
    const volumes = await node.storageContent('local-lvm');
    assert.deepEqual(volumes.map((v) => [v.volid, v.format, v.content, v.size, v.vmid]), [['local-lvm:vm-101-disk-0', 'raw', 'rootdir', 8 * 1024 ** 3, 101]]);
  });

  test('nothing of the host leaks in: its /root, /tmp, the lab folder and its sshd keys', async () => {
    assert.equal((await exec(`test -e ${hostSecret}`)).code, 1);
    assert.equal((await exec(`test -e ${work}`)).code, 1);
    assert.equal((await exec(`ls -A /tmp`)).out, '');
    assert.equal((await exec('test -x /sbin/start-stop-daemon && test -x /sbin/certify-ct-init')).code, 0, 'the host\'s /sbin is whole, the init in it');
    const hostKey = readFileSync('/etc/ssh/ssh_host_ed25519_key.pub', 'utf8').split(' ')[1];
    const ownKey = (await exec('cat /etc/ssh/ssh_host_ed25519_key.pub')).out.split(' ')[1];
    assert.ok(ownKey !== undefined && ownKey.length > 20);
    assert.notEqual(ownKey, hostKey);
  });

  test('a file written inside survives a clean shutdown and a start; push and pull move files', async () => {
    assert.equal((await exec('echo kept > /root/data.txt')).code, 0);
    assert.equal((await exec('exit 7')).code, 7, 'exec returns the command\'s exit code');
    const stdout = new PassThrough();
    stdout.resume();
    assert.equal(await node.exec(VMID, ['sh', '-c', 'cat > /root/stdin.txt'], { stdin: Readable.from(['from stdin\n']), stdout, stderr: process.stderr }), 0);
    assert.equal((await exec('cat /root/stdin.txt')).out, 'from stdin\n');
    const pushed = path.join(work, 'pushed.txt');
    writeFileSync(pushed, 'pushed from the node\n');
    await node.push(VMID, pushed, '/root/pushed.txt', { perms: '0600' });
    assert.equal((await exec('stat -c %a /root/pushed.txt && cat /root/pushed.txt')).out, '600\npushed from the node\n');
    assert.equal(await run(await node.shutdown(VMID, { timeout: 30 }, caller)), 'OK');
    assert.equal((await node.containerStatus(VMID)).status, 'stopped');
    assert.equal(await refusal(node.exec(VMID, ['true'], { stdout: process.stdout, stderr: process.stderr })), `container '101' not running!`);
    assert.equal(await refusal(node.stop(VMID, caller)), 'CT 101 not running');
    assert.equal(await run(await node.start(VMID, caller)), 'OK');
    assert.equal(await refusal(node.start(VMID, caller)), 'CT 101 already running');
    assert.equal((await exec('cat /root/data.txt')).out, 'kept\n');
    const pulled = path.join(work, 'pulled.txt');
    await node.pull(VMID, '/root/data.txt', pulled);
    assert.equal(readFileSync(pulled, 'utf8'), 'kept\n');
  });

  test('protection blocks destroy before any task; a second create of the vmid is refused', async () => {
    await node.setConfig(VMID, { protection: '1' }, []);
    assert.equal(await refusal(node.destroy(VMID, { force: true, purge: true }, caller)), `can't remove CT 101 - protection mode enabled`);
    await node.setConfig(VMID, {}, ['protection']);
    assert.equal(await refusal(node.destroy(VMID, {}, caller)), 'unable to destroy CT 101 - container is running');
    assert.equal(await refusal(node.create({ vmid: VMID, ostemplate: `local:vztmpl/${TEMPLATE}`, options: {} }, caller)), `CT 101 already exists on node 'pve01'`);
  });

  let archive = '';
  test('vzdump → destroy → restore brings the file back', async () => {
    lines.length = 0;
    const dump = await node.vzdump({ vmid: VMID, compress: 'zstd', storage: 'local', mode: 'snapshot' }, caller);
    assert.equal(await run(dump), 'OK');
    const info = lines.map((line) => line.replace(/^INFO: /, '').replace(/\d/g, '0'));
    assert.deepEqual(info.filter((line) => !line.startsWith('Total bytes')), [
      'starting new backup job: vzdump 000 --mode snapshot --compress zstd --storage local',
      'Starting Backup of VM 000 (lxc)',
      'Backup started at 0000-00-00 00:00:00',
      'status = running',
      'CT Name: ct000',
      `including mount point rootfs ('/') in backup`,
      'backup mode: snapshot',
      'ionice priority: 0',
      `create storage snapshot 'vzdump'`,
      info.find((line) => line.startsWith('creating vzdump archive')),
      info.find((line) => line.startsWith('archive file size: ')),
      `cleanup temporary 'vzdump' snapshot`,
      'Finished Backup of VM 000 (00:00:00)',
      'Backup finished at 0000-00-00 00:00:00',
      'Backup job finished successfully',
    ]);
    const backups = await node.storageContent('local', { content: 'backup' });
    assert.equal(backups.length, 1);
    archive = backups[0]?.volid ?? '';
    assert.match(archive, /^local:backup\/vzdump-lxc-101-\d{4}_\d\d_\d\d-\d\d_\d\d_\d\d\.tar\.zst$/);
    const file = path.join(layout.paths.storageLocal, 'dump', archive.slice('local:backup/'.length));
    assert.ok(existsSync(file.replace(/\.tar\.zst$/, '.log')));
    const members = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).split('\n');
    assert.ok(members.includes('./etc/vzdump/pct.conf') && members.includes('./root/data.txt'));

    const pid = (await node.containerStatus(VMID)).pid as number;
    assert.equal(await run(await node.destroy(VMID, { force: true }, caller)), 'OK');
    assert.equal(existsSync(path.join(layout.paths.lxcPath, String(VMID))), false, 'the container folder is gone');
    assert.equal(existsSync(`/proc/${pid}`), false, 'its init is gone');
    assert.equal(await refusal(node.containerStatus(VMID)), `Configuration file 'nodes/pve01/lxc/101.conf' does not exist`);

    assert.equal(await run(await node.restore(VMID, archive, { storage: 'local-lvm', start: '1' }, caller)), 'OK');
    assert.equal((await exec('cat /root/data.txt')).out, 'kept\n');
    assert.match((await node.containerConfig(VMID)).values.rootfs as string, /^local-lvm:vm-101-disk-0,size=8G$/);
    assert.equal((await node.containerConfig(VMID)).values.lock, undefined);
  });

  test('restore over an existing container needs force, and never over a protected one', async () => {
    assert.equal(await refusal(node.restore(VMID, archive, {}, caller)), `CT 101 already exists on node 'pve01'`);
    await node.setConfig(VMID, { protection: '1' }, []);
    assert.equal(await refusal(node.restore(VMID, archive, { force: '1' }, caller)), 'unable to restore CT 101 - protection mode enabled');
    await node.setConfig(VMID, {}, ['protection']);
  });

  test('vzdump in stop mode of a running container stops it, archives, and starts it again', async () => {
    lines.length = 0;
    const dumpdir = path.join(work, 'stop-mode');
    mkdirSync(dumpdir);
    assert.equal(await run(await node.vzdump({ vmid: VMID, mode: 'stop', compress: '0', dumpdir }, caller)), 'OK');
    const info = lines.map((line) => line.replace(/^INFO: /, ''));
    const at = (text: string): number => info.findIndex((line) => line.startsWith(text));
    assert.deepEqual(info.slice(3, 8), ['status = running', 'backup mode: stop', 'ionice priority: 7', 'CT Name: ct101', `including mount point rootfs ('/') in backup`]);
    assert.ok(at('stopping virtual guest') < at('creating vzdump archive') && at('creating vzdump archive') < at('restarting vm'));
    assert.match(info[at('restarting vm') + 1] ?? '', /^guest is online again after \d+ seconds$/);
    assert.equal((await node.containerStatus(VMID)).status, 'running');
    assert.equal(readdirSync(dumpdir).filter((file) => /^vzdump-lxc-101-.*\.tar$/.test(file)).length, 1);
  });

  test('vzdump of a stopped container runs in stop mode, gzip into a dumpdir; create with restore=1 takes it back', async () => {
    assert.equal(await run(await node.shutdown(VMID, { timeout: 30 }, caller)), 'OK');
    const dumpdir = path.join(work, 'dumps');
    mkdirSync(dumpdir);
    lines.length = 0;
    assert.equal(await run(await node.vzdump({ vmid: VMID, compress: 'gzip', dumpdir }, caller)), 'OK');
    const info = lines.map((line) => line.replace(/^INFO: /, ''));
    assert.deepEqual(info.slice(3, 7), ['status = stopped', 'backup mode: stop', 'ionice priority: 7', 'CT Name: ct101']);
    const archives = readdirSync(dumpdir).filter((file) => file.endsWith('.tar.gz'));
    assert.equal(archives.length, 1);
    assert.deepEqual(readdirSync(dumpdir).filter((file) => file.endsWith('.dat') || file.endsWith('.tmp')), [], 'no temporary file is left');
    const guestLog = readFileSync(path.join(dumpdir, (archives[0] as string).replace(/\.tar\.gz$/, '.log')), 'utf8');
    assert.match(guestLog, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO: Starting Backup of VM 101 \(lxc\)$/m);
    assert.doesNotMatch(guestLog, /Backup started at|backup job/);

    assert.equal(await run(await node.start(VMID, caller)), 'OK');
    assert.equal((await exec('echo changed > /root/data.txt')).code, 0);
    assert.equal(await run(await node.stop(VMID, caller)), 'OK');
    const archive = path.join(dumpdir, archives[0] as string);
    const task = await node.create({ vmid: VMID, ostemplate: archive, options: { restore: '1', force: '1', storage: 'local-lvm', start: '1' } }, caller);
    assert.match(task.upid, /:vzrestore:101:root@pam:$/);
    assert.equal(await run(task), 'OK');
    assert.equal((await exec('cat /root/data.txt')).out, 'kept\n');
  });

  test('vzdump of a missing container fails in its task', async () => {
    const task = await node.vzdump({ vmid: 999 }, caller);
    assert.equal(await run(task), `unable to find VM '999'`);
    assert.equal((await node.taskStatus(task.upid)).status, 'stopped');
  });

  test('destroy leaves nothing: no config, no folder, no process of the container, no mount', async () => {
    const pid = (await node.containerStatus(VMID)).pid as number;
    const pidNamespace = readlinkSync(`/proc/${pid}/ns/pid`);
    assert.ok(processesIn(pidNamespace).includes(pid), 'the container\'s init is seen in its PID namespace');
    assert.equal(await run(await node.destroy(VMID, { force: true, purge: true }, caller)), 'OK');
    assert.equal(existsSync(path.join(layout.paths.containerConfigs, `${VMID}.conf`)), false);
    assert.equal(existsSync(path.join(layout.paths.lxcPath, String(VMID))), false);
    assert.deepEqual(processesIn(pidNamespace), []);
    assert.equal(readFileSync('/proc/mounts', 'utf8').includes(layout.dir), false);
    assert.equal(execFileSync('ip', ['netns', 'pids', layout.netns], { encoding: 'utf8' }).trim(), '');
    assert.deepEqual(await node.listContainers(), []);
  });
});

/** Pids of every process in a PID namespace (`pid:[inode]`), as the host sees them. */
function processesIn(pidNamespace: string): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((entry) => {
    try {
      return readlinkSync(`/proc/${entry}/ns/pid`) === pidNamespace;
    } catch {
      return false;
    }
  }).map(Number);
}
