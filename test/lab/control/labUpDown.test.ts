// The lab's world on this machine, for real (root): `up` builds the namespaces and daemons,
// everything answers where docs/lab.md says, the network rule holds (an address outside the
// lab fails at once), a second `up` is fast and changes nothing, and `down` leaves nothing —
// also after a killed `up` and when run twice.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { labDown } from '../../../src/lab/control/down';
import { labEnv, labRunPrefix } from '../../../src/lab/control/env';
import { labFiles } from '../../../src/lab/control/labFiles';
import { labStatus } from '../../../src/lab/control/status';
import { labUp } from '../../../src/lab/control/up';
import { listPidRecords } from '../../../src/lab/daemons/daemon';
import type { LabLayout } from '../../../src/lab/labLayout';
import { connectTimes, inNetns, requireRoot, ssh, testLayout, whatIsLeft } from './labWorld';

const ROOT = path.resolve(__dirname, '../../..');

function apiGet(layout: LabLayout, apiPath: string, token?: string): Promise<{ status: number; body: string }> {
  const files = labFiles(layout);
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port: layout.forwards.apiPort,
        path: `/api2/json${apiPath}`,
        ca: readFileSync(files.caCert),
        headers: token ? { Authorization: `PVEAPIToken=${token}` } : {},
        timeout: 10_000,
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('certify lab: the world (namespaces, daemons, up/down)', { timeout: 240_000 }, () => {
  let layout: LabLayout;
  const timings: string[] = [];

  before(async () => {
    requireRoot();
    layout = await testLayout();
    await labDown(layout); // a lab left by an earlier, interrupted run
  });

  after(async () => {
    await labDown(layout);
    console.log(`timings: ${timings.join(', ')}`);
  });

  test('up from cold: every daemon alive, the network complete, within 30 s', async () => {
    const lines: string[] = [];
    const result = await labUp(layout, { onProgress: (line) => lines.push(line) });
    timings.push(`up cold ${(result.elapsedMs / 1000).toFixed(2)} s`);
    assert.ok(result.elapsedMs < 30_000, `up took ${result.elapsedMs} ms`);
    assert.ok(result.networkBuilt);
    assert.ok(lines.some((line) => line.includes('is up')), lines.join('\n'));
    const status = await labStatus(layout);
    assert.equal(status.up, true, JSON.stringify(status, null, 2));
    assert.deepEqual(
      status.daemons.filter((daemon) => !daemon.alive).map((daemon) => daemon.name),
      [],
    );
    assert.equal(status.endpoints.apiUrl, `https://127.0.0.1:${layout.forwards.apiPort}/api2/json`);
  });

  test('the node answers ssh on its management address inside the lab, with strict host key checking and its PATH', () => {
    const result = inNetns(layout.netns, ssh(layout, `root@${layout.node.management.address}`, 'echo "$CERTIFY_LAB_DIR"; command -v pct; echo "$REQUESTS_CA_BUNDLE"; hostname'));
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), [layout.dir, path.join(layout.paths.bin, 'pct'), labFiles(layout).caCert, layout.node.name]);
  });

  test('the loopback forwarder reaches the node: ssh on the ssh port, the API over HTTPS with the lab CA', async () => {
    const viaForward = spawnSync(ssh(layout, 'root@127.0.0.1', 'echo forwarded', ['-p', String(layout.forwards.sshPort)])[0], ssh(layout, 'root@127.0.0.1', 'echo forwarded', ['-p', String(layout.forwards.sshPort)]).slice(1), {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(viaForward.status, 0, viaForward.stderr);
    assert.equal(viaForward.stdout.trim(), 'forwarded');

    const secret = readFileSync(labFiles(layout).apiTokenSecret, 'utf8').trim();
    const denied = await apiGet(layout, '/version');
    assert.equal(denied.status, 401, denied.body);
    const version = await apiGet(layout, '/version', `automation@pve!ansible=${secret}`);
    assert.equal(version.status, 200, version.body);
    assert.ok('data' in (JSON.parse(version.body) as object), version.body);
  });

  test('DNS: the public resolvers answer a service name with its container address and nothing else', () => {
    const script = [
      'import socket',
      'for name in ["git.example.net", "no-such-service.example.net", "example.org"]:',
      '    try:',
      '        print(name, socket.getaddrinfo(name, 443, socket.AF_INET)[0][4][0])',
      '    except socket.gaierror as e:',
      '        print(name, "FAILED")',
    ].join('\n');
    const fromWan = inNetns(layout.wanNetns, ['python3', '-c', script]);
    assert.equal(fromWan.status, 0, fromWan.stderr);
    assert.deepEqual(fromWan.stdout.trim().split('\n'), ['git.example.net 172.16.10.60', 'no-such-service.example.net FAILED', 'example.org FAILED']);
    // The lab's resolver answers container names itself and forwards the rest to 1.1.1.1.
    const fromLab = inNetns(layout.netns, ['python3', '-c', script.replace('"git.example.net"', '"gitea"')]);
    assert.equal(fromLab.status, 0, fromLab.stderr);
    assert.deepEqual(fromLab.stdout.trim().split('\n'), ['gitea 172.16.10.60', 'no-such-service.example.net FAILED', 'example.org FAILED']);
    assert.match(readFileSync(path.join(layout.paths.logs, 'dns-public.query.log'), 'utf8'), /query\[A\] example\.org from 198\.51\.100\.1/);
  });

  test('the vantage host answers ssh in the wan namespace, and reaches the node through the lab', () => {
    const vantage = inNetns(layout.wanNetns, ssh(layout, `root@${layout.vantage.address}`, 'echo vantage'));
    assert.equal(vantage.status, 0, vantage.stderr);
    assert.equal(vantage.stdout.trim(), 'vantage');
    const [times] = connectTimes(layout.wanNetns, [[layout.node.management.address, 22]]);
    assert.equal(times.errno, 0, 'the wan namespace reaches the node through the uplink');
  });

  test('the network rule: from the lab and the wan namespace an address outside fails at once (ENETUNREACH)', () => {
    for (const netns of [layout.netns, layout.wanNetns]) {
      const results = connectTimes(netns, [
        ['9.9.9.9', 53],
        ['10.255.255.1', 22],
        ['192.168.2.1', 22],
      ]);
      for (const result of results) {
        assert.equal(result.errno, 101, `${netns}: ${JSON.stringify(results)}`);
        assert.ok(result.ms < 100, `${netns}: ${result.ms} ms`);
      }
    }
    // No namespace of the lab has a default route.
    for (const netns of [layout.netns, layout.wanNetns]) {
      const routes = spawnSync('ip', ['-n', netns, 'route', 'show', 'default'], { encoding: 'utf8' });
      assert.equal(routes.stdout.trim(), '', `${netns} has a default route`);
    }
  });

  test('env: the variables a shell or the engine needs, pointing at files that exist', () => {
    const env = labEnv(layout);
    for (const key of ['CERTIFY_LAB_CA', 'CERTIFY_LAB_SSH_IDENTITY', 'CERTIFY_LAB_KNOWN_HOSTS', 'CERTIFY_LAB_EXTRA_VARS', 'PROXMOX_API_TOKEN_SECRET_FILE', 'CERTIFY_LAB_HOME']) {
      assert.ok(existsSync(env[key]), `${key}=${env[key]}`);
    }
    for (const file of [env.CERTIFY_LAB_EXTRA_VARS, env.PROXMOX_API_TOKEN_SECRET_FILE, labFiles(layout).apiTokens]) {
      assert.equal(statSync(file).mode & 0o777, 0o600, file);
    }
    const vars = readFileSync(env.CERTIFY_LAB_EXTRA_VARS, 'utf8');
    for (const key of ['vault_proxmox_api_token_secret', 'vault_container_root_password', 'vault_notes_db_password', 'tls_certificate_dir', 'tls_ca_file']) {
      assert.match(vars, new RegExp(`^${key}: \\S`, 'm'));
    }
    // One certificate per service's public name.
    assert.ok(existsSync(path.join(layout.paths.pki, 'git.example.net.pem')));
    // The engine's prefix runs a command inside the lab, with the lab's HOME.
    const prefix = labRunPrefix(layout);
    const inLab = spawnSync(prefix[0], [...prefix.slice(1), 'sh', '-c', 'echo "$HOME"; ip -o addr show vmbr0'], { encoding: 'utf8' });
    assert.equal(inLab.stdout.split('\n')[0], layout.paths.home);
    assert.match(inLab.stdout, /192\.168\.1\.10\/24/);
    // The repo's template exists in storage local.
    const listing = spawnSync('tar', ['--zstd', '-tf', labFiles(layout).template], { encoding: 'utf8' });
    assert.equal(listing.stdout.trim(), 'README');
  });

  test('up again is the same lab, fast; a killed daemon is started again', async () => {
    const before = await listPidRecords(layout);
    const warm = await labUp(layout);
    timings.push(`up warm ${(warm.elapsedMs / 1000).toFixed(2)} s`);
    assert.deepEqual(warm.started, []);
    assert.equal(warm.networkBuilt, false);
    const afterRecords = await listPidRecords(layout);
    assert.deepEqual(afterRecords.map((r) => r.pid).sort(), before.map((r) => r.pid).sort());

    const forwarder = afterRecords.find((record) => record.name === 'forwarder');
    assert.ok(forwarder);
    process.kill(forwarder.pid, 'SIGKILL');
    const repaired = await labUp(layout);
    assert.deepEqual(repaired.started, ['forwarder']);
    assert.equal((await labStatus(layout)).up, true);
  });

  test('down leaves nothing: processes, namespaces, links, mounts, /etc/netns, the folder; twice is fine', async () => {
    // A process started in the lab by hand has no pid file: down finds it by its namespace.
    const stray = spawn('ip', ['netns', 'exec', layout.netns, 'sleep', '600'], { stdio: 'ignore', detached: true });
    stray.unref();
    const pids = [...(await listPidRecords(layout)).map((record) => record.pid), stray.pid as number];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const result = await labDown(layout);
    timings.push(`down ${(result.elapsedMs / 1000).toFixed(2)} s`);
    assert.ok(result.leftoversKilled.some((leftover) => leftover.pid === stray.pid), JSON.stringify(result.leftoversKilled));
    assert.deepEqual(whatIsLeft(layout, pids), []);
    await labDown(layout);
    assert.deepEqual(whatIsLeft(layout, pids), []);
    assert.equal((await labStatus(layout)).exists, false);
  });

  /** `certify lab up` as a user runs it, killed (SIGKILL) as soon as its output shows `marker`. */
  async function killedUp(marker: string): Promise<void> {
    const cli = path.join(ROOT, 'dist/cli.js');
    const argv = [cli, 'lab', 'up', '--name', layout.name, '--dir', layout.dir, '--ssh-port', String(layout.forwards.sshPort), '--api-port', String(layout.forwards.apiPort)];
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(marker)) child.kill('SIGKILL');
    });
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok(output.includes(marker), output);
    assert.equal((await labStatus(layout)).up, false, 'the killed up left a partial lab');
  }

  test('up after an up killed while it built the network rebuilds it', async () => {
    await killedUp('network:');
    const result = await labUp(layout);
    assert.equal(result.networkBuilt, true);
    assert.equal((await labStatus(layout)).up, true);
  });

  test('up after an up killed while it started daemons finishes the lab; down then leaves nothing', async () => {
    await labDown(layout);
    const cli = path.join(ROOT, 'dist/cli.js');
    // Killed once its daemons are starting: the network exists, some daemons run, others not yet.
    await killedUp('dns-lan:');
    const result = await labUp(layout);
    assert.ok(result.started.length > 0);
    assert.equal((await labStatus(layout)).up, true);
    // The CLI finds the lab's ports in its folder: status and env need only its name and folder.
    const status = spawnSync(process.execPath, [cli, 'lab', 'status', '--json', '--name', layout.name, '--dir', layout.dir], { encoding: 'utf8' });
    assert.equal(status.status, 0, status.stderr);
    const parsed = JSON.parse(status.stdout) as { up: boolean; endpoints: { apiUrl: string } };
    assert.equal(parsed.up, true);
    assert.equal(parsed.endpoints.apiUrl, `https://127.0.0.1:${layout.forwards.apiPort}/api2/json`);
    const env = spawnSync('sh', ['-c', `eval "$(${process.execPath} ${cli} lab env --name ${layout.name} --dir ${layout.dir})" && echo "$CERTIFY_LAB_SSH_PORT"`], { encoding: 'utf8' });
    assert.equal(env.stdout.trim(), String(layout.forwards.sshPort), env.stderr);
    const pids = (await listPidRecords(layout)).map((record) => record.pid);
    await labDown(layout);
    assert.deepEqual(whatIsLeft(layout, pids), []);
  });
});
