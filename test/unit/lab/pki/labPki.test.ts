import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { labLayout } from '../../../../src/lab/labLayout';
import { alternativeNamesOf, commonNameOf } from '../../../../src/lab/pki/certificateCheck';
import { caCommonName, certificateFiles, ensureLabPki, nodeCertificateRequest, type LabCertificateRequest } from '../../../../src/lab/pki/labPki';

const run = promisify(execFile);
/** Debian's python3, with python3-requests (and python3-proxmoxer): what Ansible on the node uses. */
const DAY = 24 * 3600 * 1000;
const dirs: string[] = [];

after(async () => {
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function newLab() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'lapi-pki-'));
  dirs.push(root);
  // Laid out as the default root is (<root>/<name>), so the CA is named after the lab.
  return labLayout({ name: 'lapi', dir: path.join(root, 'lapi') });
}

const notes: LabCertificateRequest = { file: 'notes.example.net', commonName: 'notes.example.net', dnsNames: ['notes.example.net'], ips: [] };

async function snapshot(pki: string): Promise<Record<string, string>> {
  const files = (await fs.readdir(pki)).sort();
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await fs.readFile(path.join(pki, file), 'utf8')] as const)));
}

/** An HTTPS server on 127.0.0.1 that answers every request with "lab", using a lab certificate. */
async function serve(pki: string, base: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = https.createServer(
    { cert: await fs.readFile(path.join(pki, `${base}.pem`)), key: await fs.readFile(path.join(pki, `${base}.key`)) },
    (_req, res) => res.end('lab'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function tlsConnect(port: number, ca: Buffer, servername?: string): Promise<{ authorized: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca, ...(servername === undefined ? {} : { servername }) }, () => {
      resolve({ authorized: socket.authorized });
      socket.end();
    });
    socket.on('error', (error) => resolve({ authorized: false, error: error.message }));
  });
}

const PYTHON_GET = 'import sys, requests\nr = requests.get(sys.argv[1], verify=sys.argv[2], timeout=10)\nprint(r.status_code, r.text)\n';

describe('lab PKI', () => {
  test('makes a CA and server certificates that openssl, Node and python requests trust through ca.pem', async () => {
    const layout = await newLab();
    await ensureLabPki(layout.paths, [nodeCertificateRequest(layout), notes]);
    const pki = layout.paths.pki;
    assert.deepEqual((await fs.readdir(pki)).sort(), ['ca.key', 'ca.pem', 'node.key', 'node.pem', 'notes.example.net.key', 'notes.example.net.pem']);
    for (const key of ['ca.key', 'node.key', 'notes.example.net.key']) {
      assert.equal((await fs.stat(path.join(pki, key))).mode & 0o777, 0o600, key);
    }

    const ca = new X509Certificate(await fs.readFile(path.join(pki, 'ca.pem')));
    assert.equal(ca.ca, true);
    assert.equal(commonNameOf(ca), 'Certify lab CA (lapi)');
    assert.match(ca.toLegacyObject().asn1Curve ?? '', /prime256v1/);
    const caDays = (Date.parse(ca.validTo) - Date.parse(ca.validFrom)) / DAY;
    assert.ok(caDays >= 89 && caDays <= 91, `CA lasts ${caDays} days`);
    const caText = (await run('openssl', ['x509', '-in', path.join(pki, 'ca.pem'), '-noout', '-ext', 'basicConstraints,keyUsage'])).stdout;
    assert.match(caText, /CA:TRUE/);
    assert.match(caText, /Certificate Sign/);

    const { stdout } = await run('openssl', ['verify', '-CAfile', path.join(pki, 'ca.pem'), path.join(pki, 'node.pem'), path.join(pki, 'notes.example.net.pem')]);
    assert.equal(stdout, `${path.join(pki, 'node.pem')}: OK\n${path.join(pki, 'notes.example.net.pem')}: OK\n`);

    const node = new X509Certificate(await fs.readFile(path.join(pki, 'node.pem')));
    assert.equal(commonNameOf(node), 'pve01');
    assert.deepEqual(alternativeNamesOf(node), { dnsNames: ['pve01', 'localhost'], ips: ['192.168.1.10', '127.0.0.1'] });
    assert.equal(node.ca, false);
    assert.ok(node.keyUsage?.includes('1.3.6.1.5.5.7.3.1'), 'serverAuth');
    assert.deepEqual(alternativeNamesOf(new X509Certificate(await fs.readFile(path.join(pki, 'notes.example.net.pem')))), { dnsNames: ['notes.example.net'], ips: [] });

    const server = await serve(pki, 'node');
    try {
      const caPem = await fs.readFile(path.join(pki, 'ca.pem'));
      assert.deepEqual(await tlsConnect(server.port, caPem), { authorized: true }, 'by IP 127.0.0.1');
      assert.deepEqual(await tlsConnect(server.port, caPem, 'localhost'), { authorized: true }, 'by name localhost');
      const wrongName = await tlsConnect(server.port, caPem, 'other.example');
      assert.equal(wrongName.authorized, false);
      assert.match(wrongName.error ?? '', /altnames/);
      const python = await run('/usr/bin/python3', ['-c', PYTHON_GET, `https://127.0.0.1:${server.port}/`, path.join(pki, 'ca.pem')]);
      assert.equal(python.stdout, '200 lab\n');
      const byName = await run('/usr/bin/python3', ['-c', PYTHON_GET, `https://localhost:${server.port}/`, path.join(pki, 'ca.pem')]);
      assert.equal(byName.stdout, '200 lab\n');
    } finally {
      await server.close();
    }
  });

  test('verification stays on: a client given another lab\'s CA refuses the certificate', async () => {
    const first = await newLab();
    const second = await newLab();
    await ensureLabPki(first.paths, [nodeCertificateRequest(first)]);
    await ensureLabPki(second.paths, []);
    const server = await serve(first.paths.pki, 'node');
    try {
      const otherCa = await fs.readFile(path.join(second.paths.pki, 'ca.pem'));
      const result = await tlsConnect(server.port, otherCa);
      assert.equal(result.authorized, false);
      assert.match(result.error ?? '', /self[- ]signed|unable to (get|verify)/i);
      await assert.rejects(run('/usr/bin/python3', ['-c', PYTHON_GET, `https://127.0.0.1:${server.port}/`, path.join(second.paths.pki, 'ca.pem')]), /CERTIFICATE_VERIFY_FAILED/);
    } finally {
      await server.close();
    }
  });

  test('is idempotent: keeps what is good, re-issues only what is missing, broken or no longer names what is asked', async () => {
    const layout = await newLab();
    const pki = layout.paths.pki;
    const requests = [nodeCertificateRequest(layout), notes];
    await ensureLabPki(layout.paths, requests);
    const first = await snapshot(pki);
    await ensureLabPki(layout.paths, requests);
    assert.deepEqual(await snapshot(pki), first, 'a second run changes nothing');

    await fs.rm(path.join(pki, 'node.pem'));
    await ensureLabPki(layout.paths, requests);
    const second = await snapshot(pki);
    assert.equal(second['ca.pem'], first['ca.pem'], 'the CA is kept');
    assert.notEqual(second['node.key'], first['node.key'], 'a lost certificate gets a new pair');
    assert.equal(second['notes.example.net.pem'], first['notes.example.net.pem']);

    await fs.writeFile(path.join(pki, 'notes.example.net.key'), second['node.key'] ?? '');
    await ensureLabPki(layout.paths, requests);
    const third = await snapshot(pki);
    assert.notEqual(third['notes.example.net.pem'], second['notes.example.net.pem'], 'a key that does not match is replaced');

    const wider = { ...notes, dnsNames: ['notes.example.net', 'www.notes.example.net'] };
    await ensureLabPki(layout.paths, [requests[0] as LabCertificateRequest, wider]);
    const fourth = await snapshot(pki);
    assert.equal(fourth['node.pem'], third['node.pem']);
    assert.deepEqual(alternativeNamesOf(new X509Certificate(fourth['notes.example.net.pem'] ?? '')).dnsNames, ['notes.example.net', 'www.notes.example.net']);
    assert.deepEqual(Object.keys(fourth).filter((file) => file.startsWith('.')), [], 'no work folder left behind');
  });

  test('renews the CA (and so every certificate) when it is about to expire', async () => {
    const layout = await newLab();
    const pki = layout.paths.pki;
    await ensureLabPki(layout.paths, [notes]);
    const before = await snapshot(pki);
    await ensureLabPki(layout.paths, [notes], { now: new Date(Date.now() + 80 * DAY) });
    const after80 = await snapshot(pki);
    assert.notEqual(after80['ca.pem'], before['ca.pem']);
    assert.notEqual(after80['notes.example.net.pem'], before['notes.example.net.pem']);
    await run('openssl', ['verify', '-CAfile', path.join(pki, 'ca.pem'), path.join(pki, 'notes.example.net.pem')]);
  });

  test('names the CA after the lab, and refuses names that are not DNS names, IPs or safe file names', async () => {
    assert.equal(caCommonName('certify'), 'Certify lab CA (certify)');
    assert.deepEqual(nodeCertificateRequest(labLayout()), { file: 'node', commonName: 'pve01', dnsNames: ['pve01', 'localhost'], ips: ['192.168.1.10', '127.0.0.1'] });
    assert.deepEqual(certificateFiles(labLayout().paths, 'node'), { cert: '/var/lib/certify-lab/certify/pki/node.pem', key: '/var/lib/certify-lab/certify/pki/node.key' });
    const layout = await newLab();
    await ensureLabPki(layout.paths, [], { labName: 'other' });
    assert.equal(commonNameOf(new X509Certificate(await fs.readFile(path.join(layout.paths.pki, 'ca.pem')))), 'Certify lab CA (other)');
    await assert.rejects(ensureLabPki(layout.paths, [{ ...notes, dnsNames: ['bad name\n[x]'] }]), /not a DNS name/);
    await assert.rejects(ensureLabPki(layout.paths, [{ ...notes, ips: ['300.1.1.1'] }]), /not an IP address/);
    await assert.rejects(ensureLabPki(layout.paths, [{ ...notes, file: '../escape' }]), /cannot name/);
    await assert.rejects(ensureLabPki(layout.paths, [{ ...notes, commonName: 'a/CN=b' }]), /common name/);
    await assert.rejects(ensureLabPki(layout.paths, [notes, notes]), /same files/);
  });
});
