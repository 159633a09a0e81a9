// The lab's API driven by the real Ansible `community.general.proxmox` module (Debian's
// ansible 7.7 with python3-proxmoxer 1.2), against the real node: containers over LXC in a
// tiny lab namespace of this test's own (`lapi-lab`, vmbr1 172.16.10.1/24, no route out).
// Needs root and Debian's lxc, ansible, python3-proxmoxer.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { labFiles } from '../../../src/lab/control/labFiles';
import type { LabLayout } from '../../../src/lab/labLayout';
import { ensureLabPki, nodeCertificateRequest } from '../../../src/lab/pki/labPki';
import { removeTinyLab, TEMPLATE, tinyLab } from '../node/tinyLab';
import { startApiProcess, type ApiProcess } from './apiProcess';
import { runProxmoxModule } from './ansibleProxmox';

const run = promisify(execFile);
const TOKEN_ID = 'automation@pve!ansible';
const VMID = 190;

describe('lab API: the real Ansible proxmox module against the real node', () => {
  let root: string;
  let layout: LabLayout;
  let secret: string;
  let caFile: string;
  let socket: string;
  let api: ApiProcess | undefined;

  before(async () => {
    assert.equal(process.getuid?.(), 0, 'the lab tests run as root (namespaces, LXC)');
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'lapi-'));
    layout = tinyLab('lapi', path.join(root, 'lapi'));
    await ensureLabPki(layout.paths, [nodeCertificateRequest(layout)]);
    caFile = path.join(layout.paths.pki, 'ca.pem');
    secret = randomUUID();
    const files = labFiles(layout);
    await fs.mkdir(layout.paths.env, { recursive: true });
    await fs.writeFile(files.apiTokens, JSON.stringify({ tokens: [{ tokenid: TOKEN_ID, secret }] }), { mode: 0o600 });
    socket = files.apiSocket;
    api = await startApiProcess({ name: layout.name, dir: layout.dir }, socket, 100);
  });

  after(async () => {
    if (api !== undefined) await api.stop();
    if (layout !== undefined) removeTinyLab(layout);
    if (root !== undefined) await fs.rm(root, { recursive: true, force: true });
  });

  const moduleArgs = (state: string, overrides: Record<string, unknown> = {}) => ({
    api_host: `127.0.0.1:${api?.port ?? 0}`,
    api_user: 'automation@pve',
    api_token_id: 'ansible',
    api_token_secret: secret,
    validate_certs: true,
    node: layout.node.name,
    vmid: VMID,
    hostname: `t${VMID}`,
    ostemplate: `local:vztmpl/${TEMPLATE}`,
    netif: { net0: `name=eth0,bridge=${layout.bridge.device},ip=172.16.10.90/24,gw=${layout.bridge.address}` },
    state,
    ...overrides,
  });

  /** What LXC itself says, asked inside the lab namespace (where the container's socket lives). */
  async function lxcState(): Promise<string> {
    try {
      const { stdout } = await run('ip', ['netns', 'exec', layout.netns, 'lxc-info', '-P', layout.paths.lxcPath, '-n', String(VMID), '-s', '-H']);
      return stdout.trim();
    } catch {
      return 'absent';
    }
  }

  async function step(state: string, expected: { changed: boolean; msg: RegExp }): Promise<void> {
    const result = await runProxmoxModule(root, caFile, moduleArgs(state));
    assert.equal(result.failed, false, `${state}: ${result.msg}\n${api?.log() ?? ''}`);
    assert.equal(result.changed, expected.changed, `${state}: ${result.msg}`);
    assert.match(result.msg, expected.msg);
  }

  test('creates, starts, stops and deletes a container; each state a second time changes nothing', async () => {
    const config = path.join(layout.paths.containerConfigs, `${VMID}.conf`);
    await step('present', { changed: true, msg: new RegExp(`^Deployed VM ${VMID} from template`) });
    assert.ok(existsSync(config), 'the Proxmox config exists');
    assert.match(await fs.readFile(config, 'utf8'), /^hostname: t190$/m);
    assert.match(await fs.readFile(config, 'utf8'), /^net0: name=eth0,bridge=vmbr1,gw=172\.16\.10\.1,hwaddr=BC:24:11(:[0-9A-F]{2}){3},ip=172\.16\.10\.90\/24,type=veth$/m);
    await step('present', { changed: false, msg: /already exists/ });

    await step('started', { changed: true, msg: new RegExp(`^VM ${VMID} started$`) });
    assert.equal(await lxcState(), 'RUNNING');
    const { stdout: address } = await run('ip', ['netns', 'exec', layout.netns, 'lxc-info', '-P', layout.paths.lxcPath, '-n', String(VMID), '-i', '-H']);
    assert.equal(address.trim(), '172.16.10.90');
    await step('started', { changed: false, msg: /already running/ });

    await step('stopped', { changed: true, msg: /is shutting down/ });
    assert.equal(await lxcState(), 'STOPPED');
    await step('stopped', { changed: false, msg: /already shutdown/ });

    await step('absent', { changed: true, msg: new RegExp(`^VM ${VMID} removed$`) });
    assert.equal(await lxcState(), 'absent');
    assert.equal(existsSync(config), false, 'the config is gone');
    assert.equal(existsSync(path.join(layout.paths.lxcPath, String(VMID))), false, "the container's files are gone");
    await step('absent', { changed: false, msg: /does not exist/ });
  });

  test('a wrong token fails the module with 401 Authentication failed!', async () => {
    const result = await runProxmoxModule(root, caFile, moduleArgs('present', { api_token_secret: 'not-the-secret' }));
    assert.equal(result.failed, true);
    assert.match(result.msg, /^401 Unauthorized: Authentication failed!/);
  });

  test('a missing container is 500 with the message as reason phrase, over TCP and over the socket', async () => {
    const ca = await fs.readFile(caFile);
    const ask = (target: https.RequestOptions) =>
      new Promise<{ status: number; reason: string; body: string }>((resolve, reject) => {
        const request = https.request(
          { ...target, ca, path: `/api2/json/nodes/pve01/lxc/999/status/current`, headers: { Authorization: `PVEAPIToken=${TOKEN_ID}=${secret}` } },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, reason: response.statusMessage ?? '', body }));
          },
        );
        request.on('error', reject);
        request.end();
      });
    const expected = {
      status: 500,
      reason: "Configuration file 'nodes/pve01/lxc/999.conf' does not exist",
      body: `{"data":null,"message":"Configuration file 'nodes/pve01/lxc/999.conf' does not exist\\n"}`,
    };
    assert.deepEqual(await ask({ host: '127.0.0.1', port: api?.port ?? 0 }), expected);
    assert.deepEqual(await ask({ socketPath: socket, servername: 'pve01' }), expected);
  });

  test('SIGTERM closes the listeners, removes the socket and exits 0', async () => {
    const started = Date.now();
    assert.equal(await api?.stop(), 0);
    api = undefined;
    assert.ok(Date.now() - started < 10_000, `stopped after ${Date.now() - started} ms`);
    assert.equal(existsSync(socket), false);
  });
});
