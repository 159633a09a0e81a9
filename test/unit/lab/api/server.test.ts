import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';

import { openListeners, parseListen, readCertificate } from '../../../../src/lab/api/listeners';
import { reasonPhrase } from '../../../../src/lab/api/reply';
import { runApiServer } from '../../../../src/lab/api/server';
import { parseApiArgs } from '../../../../src/lab/api/serverArgs';
import { labLayout } from '../../../../src/lab/labLayout';
import { ensureLabPki } from '../../../../src/lab/pki/labPki';

function captureIo(env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return { io: { stdout, stderr, env }, out: () => out, err: () => err };
}

describe('lab API server: arguments and start-up', () => {
  test('listens where lab up expects by default: the node address and port, and run/api.sock', () => {
    const layout = labLayout({ name: 'lapi', dir: '/var/lib/certify-lab/lapi' });
    assert.deepEqual(parseApiArgs([], layout), { tcp: [{ host: '192.168.1.10', port: 8006 }], sockets: ['/var/lib/certify-lab/lapi/run/api.sock'] });
    assert.deepEqual(parseApiArgs(['--listen', '127.0.0.1:0', '--listen', '[::1]:8443', '--socket', '/tmp/x.sock', '--auth-failure-delay-ms', '50'], layout), {
      tcp: [{ host: '127.0.0.1', port: 0 }, { host: '::1', port: 8443 }],
      sockets: ['/tmp/x.sock'],
      authFailureDelayMs: 50,
    });
    assert.throws(() => parseApiArgs(['--listen'], layout), /--listen needs a value/);
    assert.throws(() => parseApiArgs(['--bogus', 'x'], layout), /unknown argument '--bogus'/);
    assert.throws(() => parseListen('127.0.0.1'), /HOST:PORT/);
    assert.throws(() => parseListen('127.0.0.1:70000'), /HOST:PORT/);
  });

  test('a reason phrase is the first line, made header-safe', () => {
    assert.equal(reasonPhrase("CT 100 already running\n"), 'CT 100 already running');
    assert.equal(reasonPhrase('first\nsecond\n'), 'first');
    assert.equal(reasonPhrase('bad \u0007 char é'), 'bad ? char ?');
  });

  test('usage errors exit 2; a lab without its node certificate exits 1 and says which file', async () => {
    const usage = captureIo({});
    assert.equal(await runApiServer(['--nope', 'x'], usage.io), 2);
    assert.match(usage.err(), /^lab\.js api: unknown argument '--nope'\nusage: lab\.js api/);

    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'lapi-server-'));
    try {
      const dir = path.join(root, 'lapi');
      const missing = captureIo({ CERTIFY_LAB_NAME: 'lapi', CERTIFY_LAB_DIR: dir });
      assert.equal(await runApiServer(['--listen', '127.0.0.1:0', '--socket', path.join(root, 'api.sock')], missing.io), 1);
      assert.match(missing.err(), new RegExp(`lab\\.js api: .*${path.join(dir, 'pki/node.pem').replace(/\//g, '\\/')}`));
      assert.equal(missing.out(), '');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  test('a stale socket is replaced; a file that is not a socket is never removed', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'lapi-sockets-'));
    try {
      const layout = labLayout({ name: 'lapi', dir: path.join(root, 'lapi') });
      await ensureLabPki(layout.paths, [{ file: 'node', commonName: 'pve01', dnsNames: ['localhost'], ips: ['127.0.0.1'] }]);
      const certificate = await readCertificate(path.join(layout.paths.pki, 'node.pem'), path.join(layout.paths.pki, 'node.key'));
      const socket = path.join(root, 'run', 'api.sock');
      const first = await openListeners(certificate, (_req, res) => res.end(), [], [socket]);
      assert.equal(((await fs.stat(socket)).mode & 0o777), 0o600);
      // A second server over the first one's socket file stands for a restart after a crash.
      const second = await openListeners(certificate, (_req, res) => res.end(), [], [socket]);
      await second.close();
      assert.equal(await fs.stat(socket).then(() => true, () => false), false, 'close removes the socket it bound');
      await first.close();

      const notSocket = path.join(root, 'notes.txt');
      await fs.writeFile(notSocket, 'keep me');
      await assert.rejects(openListeners(certificate, (_req, res) => res.end(), [{ host: '127.0.0.1', port: 0 }], [notSocket]), /exists and is not a socket/);
      assert.equal(await fs.readFile(notSocket, 'utf8'), 'keep me');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
