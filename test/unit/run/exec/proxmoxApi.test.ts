// The Proxmox API executor against a real HTTPS server on 127.0.0.1 with a certificate made at
// test time: the pinned certificate and only it is accepted (hostname unchecked), without a pin
// the CA file decides, no request (so no token) reaches an unverified server, failures keep
// Proxmox's reason, and timeout, cancel and a refused port end as the contract says.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createProxmoxApiExecutor } from '../../../../src/run/exec/proxmoxApi';
import type { ProxmoxApiEndpoint } from '../../../../src/run/exec/proxmoxApiEndpoint';
import { RunExecutors } from '../../../../src/run/session/executors';
import { resolveTargets, type RunTargets } from '../../../../src/run/targets/runTargets';

const TOKEN_ID = 'automation@pve!ansible';
const SECRET = '5f0c8a52-1b7e-4c1e-9d3a-6a2f1e0b7c44';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

interface Certificate {
  readonly certFile: string;
  readonly keyFile: string;
  /** As `openssl x509 -fingerprint -sha256` prints it: "AB:CD:…". */
  readonly fingerprint: string;
}

let dir: string;
let server: https.Server;
let port: number;
let served: Certificate;
let other: Certificate;
const seen: Seen[] = [];
/** TLS connections the server completed: one per request, the one the pin was checked on. */
let handshakes = 0;
/** Requests the server holds without answering, each told when its connection closes. */
const held: Array<{ path: string; closed: Promise<void> }> = [];
let onHeld: (path: string) => void = () => {};

function makeCertificate(name: string, subjectAltName: string): Certificate {
  const certFile = path.join(dir, `${name}.pem`);
  const keyFile = path.join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=pve01', '-addext', `subjectAltName=${subjectAltName}`, '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' });
  const printed = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  return { certFile, keyFile, fingerprint: printed.trim().split('=')[1] };
}

/** Answers like pveproxy: the reason in the status message, JSON bodies, errors per parameter. */
function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const url = new URL(request.url ?? '/', 'https://127.0.0.1');
  const json = (status: number, message: string, value: unknown): void => {
    response.writeHead(status, message, { 'Content-Type': 'application/json;charset=UTF-8' });
    response.end(JSON.stringify(value));
  };
  switch (url.pathname) {
    case '/api2/json/nodes/pve01/lxc/165/status/current':
      return json(200, 'OK', { data: { vmid: 165, status: 'running', name: 'notes' } });
    case '/api2/json/nodes/pve01/lxc/165/status/start':
      return json(200, 'OK', { data: 'UPID:pve01:0001:start', echo: body });
    case '/api2/json/denied':
      return json(401, 'authentication failure', { data: null });
    case '/api2/json/nodes/pve01/lxc':
      return json(400, 'Parameter verification failed.', { data: null, errors: { vmid: 'value must have a minimum value of 100' } });
    case '/api2/json/cut':
      response.writeHead(200, 'OK', { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      response.write('{"data":');
      // The node goes away halfway through its answer.
      setImmediate(() => request.socket.destroy());
      return;
    case '/api2/json/hang': {
      const closed = new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
      held.push({ path: url.pathname, closed });
      onHeld(url.pathname);
      return;
    }
    default:
      return json(501, `Method '${request.method} ${url.pathname}' not implemented`, { data: null });
  }
}

function endpoint(overrides: Partial<ProxmoxApiEndpoint> = {}): ProxmoxApiEndpoint {
  return { url: `https://127.0.0.1:${port}/api2/json`, tokenId: TOKEN_ID, secret: SECRET, fingerprint: served.fingerprint, ...overrides };
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'certify-api-'));
  served = makeCertificate('pve01', 'IP:127.0.0.1,DNS:pve01');
  other = makeCertificate('other', 'IP:127.0.0.1');
  server = https.createServer({ cert: readFileSync(served.certFile), key: readFileSync(served.keyFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, contentType: request.headers['content-type'], body });
      answer(request, response, body);
    });
  });
  server.on('secureConnection', () => (handshakes += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('Proxmox API executor', () => {
  test('with the pinned fingerprint: the request goes out with the token, the body is stdout', async () => {
    const api = createProxmoxApiExecutor(endpoint());
    assert.equal(api.target, 'api');
    const before = seen.length;
    const handshakesBefore = handshakes;
    const result = await api.run({ argv: ['GET', '/nodes/pve01/lxc/165/status/current'] });
    assert.equal(result.ended, 'exited', result.problem);
    assert.equal(handshakes, handshakesBefore + 1, 'the request went over the connection whose certificate was checked');
    assert.equal(result.exitCode, 0);
    assert.deepEqual(JSON.parse(result.stdout), { data: { vmid: 165, status: 'running', name: 'notes' } });
    assert.equal(result.stderr, '');
    assert.deepEqual(seen.slice(before), [
      { method: 'GET', url: '/api2/json/nodes/pve01/lxc/165/status/current', authorization: `PVEAPIToken=${TOKEN_ID}=${SECRET}`, contentType: undefined, body: '' },
    ]);
  });

  test('a pin written in lower case without colons is the same pin', async () => {
    const api = createProxmoxApiExecutor(endpoint({ fingerprint: served.fingerprint.replace(/:/g, '').toLowerCase() }));
    const result = await api.run({ argv: ['GET', '/nodes/pve01/lxc/165/status/current'] });
    assert.equal(result.exitCode, 0, result.problem);
  });

  test('parameters: a query string for GET, a form body for POST; streamed as they come', async () => {
    const api = createProxmoxApiExecutor(endpoint());
    const before = seen.length;
    const chunks: string[] = [];
    const started = await api.run({ argv: ['POST', '/nodes/pve01/lxc/165/status/start', 'skiplock=1', 'description=a b&c'] }, { onOutput: (chunk, stream) => chunks.push(`${stream}:${chunk}`) });
    assert.equal(started.exitCode, 0, started.problem);
    assert.equal(JSON.parse(started.stdout).echo, 'skiplock=1&description=a+b%26c');
    assert.equal(chunks.join(''), `stdout:${started.stdout}`);
    await api.run({ argv: ['GET', '/nodes/pve01/lxc/165/status/current', 'full=1'] });
    const [post, get] = seen.slice(before);
    assert.deepEqual([post.method, post.contentType, post.body], ['POST', 'application/x-www-form-urlencoded', 'skiplock=1&description=a+b%26c']);
    assert.deepEqual([get.method, get.url, get.body], ['GET', '/api2/json/nodes/pve01/lxc/165/status/current?full=1', '']);
  });

  test('a wrong pin is refused with both fingerprints, before any request is sent', async () => {
    const api = createProxmoxApiExecutor(endpoint({ fingerprint: other.fingerprint }));
    const before = seen.length;
    const result = await api.run({ argv: ['GET', '/nodes/pve01/lxc/165/status/current'] });
    assert.equal(result.ended, 'not-started');
    assert.equal(result.exitCode, null);
    assert.ok(result.problem?.includes(`pinned ${other.fingerprint}`), result.problem);
    assert.ok(result.problem?.includes(`the server shows ${served.fingerprint}`), result.problem);
    assert.equal(seen.length, before, 'the token never reached a server that is not the pinned one');
  });

  test('a pin that is not a SHA-256 fingerprint is refused as such', async () => {
    const result = await createProxmoxApiExecutor(endpoint({ fingerprint: 'AB:CD' })).run({ argv: ['GET', '/version'] });
    assert.equal(result.ended, 'not-started');
    assert.match(result.problem ?? '', /is not a SHA-256 fingerprint/);
  });

  test('without a pin, the CA file decides: the certificate it signed is accepted', async () => {
    const result = await createProxmoxApiExecutor(endpoint({ fingerprint: undefined, caFile: served.certFile })).run({ argv: ['GET', '/nodes/pve01/lxc/165/status/current'] });
    assert.equal(result.ended, 'exited', result.problem);
    assert.equal(result.exitCode, 0);
  });

  test('without a pin, a CA that did not sign it is refused, and so is the system store', async () => {
    const before = seen.length;
    const wrongCa = await createProxmoxApiExecutor(endpoint({ fingerprint: undefined, caFile: other.certFile })).run({ argv: ['GET', '/version'] });
    assert.equal(wrongCa.ended, 'not-started');
    assert.match(wrongCa.problem ?? '', new RegExp(`^The certificate of the Proxmox API at 127\\.0\\.0\\.1:${port} is not trusted by ${other.certFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(`));
    const systemStore = await createProxmoxApiExecutor(endpoint({ fingerprint: undefined })).run({ argv: ['GET', '/version'] });
    assert.equal(systemStore.ended, 'not-started');
    assert.match(systemStore.problem ?? '', /is not trusted by the system store \(self[- ]signed certificate\)\. Give the CA that signed it \(caFile\), or pin its SHA-256 fingerprint/);
    assert.equal(seen.length, before, 'no request reached an untrusted server');
  });

  test('a CA file that cannot be read is named', async () => {
    const missing = path.join(dir, 'missing-ca.pem');
    const result = await createProxmoxApiExecutor(endpoint({ fingerprint: undefined, caFile: missing })).run({ argv: ['GET', '/version'] });
    assert.equal(result.ended, 'not-started');
    assert.ok(result.problem?.startsWith(`Cannot read the CA file ${missing}`), result.problem);
  });

  test('401: exit code 401, Proxmox reason and what to check on stderr, the body on stdout', async () => {
    const result = await createProxmoxApiExecutor(endpoint()).run({ argv: ['GET', '/denied'] });
    assert.equal(result.ended, 'exited');
    assert.equal(result.exitCode, 401);
    assert.equal(result.stdout, '{"data":null}');
    assert.match(result.stderr, /^HTTP 401 authentication failure: check the API token id and secret \(PROXMOX_API_TOKEN_ID, PROXMOX_API_TOKEN_SECRET\)/);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, 'one line');
  });

  test('400 with per-parameter errors: the reason lists them', async () => {
    const result = await createProxmoxApiExecutor(endpoint()).run({ argv: ['POST', '/nodes/pve01/lxc', 'vmid=5'] });
    assert.equal(result.exitCode, 400);
    assert.equal(result.stderr, 'HTTP 400 Parameter verification failed. (vmid: value must have a minimum value of 100)\n');
  });

  test('timeout: the request is abandoned and its connection closed', async () => {
    const heldBefore = held.length;
    const result = await createProxmoxApiExecutor(endpoint()).run({ argv: ['POST', '/hang'], timeoutMs: 300 });
    assert.equal(result.ended, 'timeout');
    assert.equal(result.exitCode, null);
    assert.match(result.problem ?? '', /^Timed out after 0\.3 s: the Proxmox API at 127\.0\.0\.1:\d+ did not answer POST \/hang, so it was abandoned\. Proxmox may still carry it out/);
    assert.equal(held.length, heldBefore + 1, 'the request had reached the server');
    await held[heldBefore].closed;
  });

  test('the endpoint timeout bounds a server that never completes the TLS handshake', async () => {
    // Reads the client's hello and never answers; reading lets it see the client go away.
    const silent = net.createServer((socket) => socket.on('error', () => {}).resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;
    try {
      const result = await createProxmoxApiExecutor(endpoint({ url: `https://127.0.0.1:${silentPort}/api2/json`, timeoutMs: 300 })).run({ argv: ['GET', '/version'] });
      assert.equal(result.ended, 'timeout');
      assert.match(result.problem ?? '', /^Timed out after 0\.3 s: .* did not answer GET \/version, so it was abandoned\.$/);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('cancel while the server holds the request: cancelled, connection closed', async () => {
    const heldBefore = held.length;
    const controller = new AbortController();
    onHeld = () => controller.abort();
    try {
      const result = await createProxmoxApiExecutor(endpoint()).run({ argv: ['GET', '/hang'] }, { signal: controller.signal });
      assert.equal(result.ended, 'cancelled');
      assert.equal(result.problem, 'Cancelled: GET /hang was abandoned.');
      await held[heldBefore].closed;
    } finally {
      onHeld = () => {};
    }
    const early = await createProxmoxApiExecutor(endpoint()).run({ argv: ['GET', '/hang'] }, { signal: AbortSignal.abort() });
    assert.equal(early.ended, 'cancelled');
    assert.equal(held.length, heldBefore + 1, 'a request cancelled before it started is not sent');
  });

  test('a connection that drops mid-answer is disconnected: the outcome is unknown', async () => {
    const result = await createProxmoxApiExecutor(endpoint()).run({ argv: ['POST', '/cut'] });
    assert.equal(result.ended, 'disconnected');
    assert.equal(result.exitCode, null);
    assert.match(result.problem ?? '', /^Lost the Proxmox API at 127\.0\.0\.1:\d+ while POST \/cut ran \(.+\): its outcome is unknown/);
  });

  test('a closed port: not started, connection refused', async () => {
    const closed = await freePort();
    const result = await createProxmoxApiExecutor(endpoint({ url: `https://127.0.0.1:${closed}/api2/json` })).run({ argv: ['GET', '/version'] });
    assert.equal(result.ended, 'not-started');
    assert.equal(result.problem, `Cannot reach the Proxmox API at 127.0.0.1:${closed}: connection refused. Is pveproxy running there, and is the port right (Proxmox serves its API on 8006)?`);
  });

  test('requests that are not API requests, and plain http, never go out', async () => {
    const before = seen.length;
    const api = createProxmoxApiExecutor(endpoint());
    const problems = await Promise.all(
      [
        { argv: ['FETCH', '/version'] },
        { argv: ['GET', 'version'] },
        { argv: ['GET', '/nodes/../access'] },
        { argv: ['GET', '/version', 'full'] },
        { argv: ['GET', '/version'], env: { A: '1' } },
      ].map(async (spec) => (await api.run(spec)).problem ?? ''),
    );
    assert.match(problems[0], /"FETCH" is not one of GET, POST, PUT, DELETE/);
    assert.match(problems[1], /does not start with \//);
    assert.match(problems[2], /\.\. segment/);
    assert.match(problems[3], /"full" is not key=value/);
    assert.match(problems[4], /takes no env/);
    const clear = await createProxmoxApiExecutor(endpoint({ url: `http://127.0.0.1:${port}/api2/json` })).run({ argv: ['GET', '/version'] });
    assert.match(clear.problem ?? '', /is not https: the token would travel in clear/);
    const noSecret = await createProxmoxApiExecutor(endpoint({ secret: '' })).run({ argv: ['GET', '/version'] });
    assert.match(noSecret.problem ?? '', /secret of API token automation@pve!ansible is empty/);
    assert.equal(seen.length, before);
  });

  test('describe: method, URL, form parameters and the token id, never the secret', () => {
    const api = createProxmoxApiExecutor(endpoint());
    assert.equal(api.describe({ argv: ['GET', '/nodes/pve01/lxc', 'full=1'] }), `GET https://127.0.0.1:${port}/api2/json/nodes/pve01/lxc?full=1 (token ${TOKEN_ID})`);
    const post = api.describe({ argv: ['POST', '/nodes/pve01/lxc/165/status/start', 'skiplock=1'] });
    assert.equal(post, `POST https://127.0.0.1:${port}/api2/json/nodes/pve01/lxc/165/status/start skiplock=1 (token ${TOKEN_ID})`);
    assert.ok(!post.includes(SECRET));
  });
});

describe('the API target of a run', () => {
  const LOCAL_ONLY: RunTargets = {
    description: 'this machine',
    proxmox: { name: 'pve01', host: '127.0.0.1', port: 1, username: 'root', knownHostsFile: '/dev/null' },
    resolvers: [],
    controller: { prefix: [], extraVarsFiles: [] },
    backupRoot: '/nonexistent',
    backupHost: 'proxmox',
  };

  test("RunExecutors gives target 'api' the API executor, or says how to configure one", async () => {
    const executors = new RunExecutors({ ...LOCAL_ONLY, api: { ...endpoint(), node: 'pve01' } });
    const api = await executors.for('api');
    assert.equal(api.target, 'api');
    assert.equal((await api.run({ argv: ['GET', '/nodes/pve01/lxc/165/status/current'] })).exitCode, 0);
    await executors.close();
    await assert.rejects(new RunExecutors(LOCAL_ONLY).for('api'), /No Proxmox API is configured: set PROXMOX_API_URL, PROXMOX_API_TOKEN_ID and PROXMOX_API_TOKEN_SECRET/);
  });

  const repo = { root: '/nonexistent', services: [], findings: [], proxmoxHost: { name: 'pve01', address: '10.0.0.2', source: { file: 'inventory/hosts.yml', line: 3 } } };

  test('a real node: from the environment when URL, token id and secret are all set; the node is the inventory host', () => {
    const env = { PROXMOX_API_URL: 'https://10.0.0.2:8006/api2/json', PROXMOX_API_TOKEN_ID: TOKEN_ID, PROXMOX_API_TOKEN_SECRET: SECRET, CERTIFY_PROXMOX_FINGERPRINT: served.fingerprint };
    assert.deepEqual(resolveTargets(repo, env).api, { url: env.PROXMOX_API_URL, tokenId: TOKEN_ID, secret: SECRET, fingerprint: served.fingerprint, node: 'pve01' });
    const renamed = resolveTargets(repo, { CERTIFY_PROXMOX_API_URL: env.PROXMOX_API_URL, PROXMOX_API_TOKEN_ID: TOKEN_ID, PROXMOX_API_TOKEN_SECRET: SECRET, CERTIFY_PROXMOX_NODE: 'pve02' }).api;
    assert.deepEqual(renamed, { url: env.PROXMOX_API_URL, tokenId: TOKEN_ID, secret: SECRET, node: 'pve02' });
    assert.equal(resolveTargets(repo, { PROXMOX_API_URL: env.PROXMOX_API_URL, PROXMOX_API_TOKEN_ID: TOKEN_ID }).api, undefined);
  });

  test("the lab: its URL, token, the secret from its file, its CA and its node's name", () => {
    const secretFile = path.join(dir, 'api-token-secret');
    writeFileSync(secretFile, `${SECRET}\n`);
    const lab: NodeJS.ProcessEnv = {
      CERTIFY_LAB_DIR: dir,
      CERTIFY_LAB_NAME: 'certify',
      CERTIFY_LAB_NODE_NAME: 'pve01',
      CERTIFY_LAB_KNOWN_HOSTS: '/dev/null',
      CERTIFY_LAB_SSH_IDENTITY: '/dev/null',
      CERTIFY_LAB_SSH_HOST: '127.0.0.1',
      CERTIFY_LAB_SSH_PORT: '2222',
      CERTIFY_LAB_SSH_USER: 'root',
      CERTIFY_LAB_VANTAGE: 'root@198.51.100.10',
      CERTIFY_LAB_CA: served.certFile,
      CERTIFY_LAB_RUN: 'ip netns exec lab',
      CERTIFY_LAB_EXTRA_VARS: '/dev/null',
      CERTIFY_LAB_BACKUP_ROOT: '/var/backups/infrastructure',
      PROXMOX_API_URL: `https://127.0.0.1:${port}/api2/json`,
      PROXMOX_API_TOKEN_ID: TOKEN_ID,
      PROXMOX_API_TOKEN_SECRET_FILE: secretFile,
    };
    assert.deepEqual(resolveTargets(repo, lab).api, { url: lab.PROXMOX_API_URL, tokenId: TOKEN_ID, secret: SECRET, caFile: served.certFile, node: 'pve01' });
    assert.throws(() => resolveTargets(repo, { ...lab, PROXMOX_API_TOKEN_SECRET_FILE: path.join(dir, 'none') }), /Cannot read the lab's API token secret .*: is the lab up\?/);
  });
});
