// The forwarder: a byte pipe from a loopback port to a Unix socket to a loopback echo server
// (all on this machine), both directions and half-close carried through.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseEndpoint } from '../../../../src/lab/net/endpoint';
import { parseForwardArgs, startForwards } from '../../../../src/lab/net/forward';

describe('lab forwarder', () => {
  let dir: string;
  const servers: net.Server[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lnet-forward-'));
  });

  after(async () => {
    for (const server of servers) server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('endpoints and arguments', () => {
    assert.deepEqual(parseEndpoint('tcp:127.0.0.1:2222'), { kind: 'tcp', host: '127.0.0.1', port: 2222 });
    assert.deepEqual(parseEndpoint('unix:/run/x.sock'), { kind: 'unix', path: '/run/x.sock' });
    assert.throws(() => parseEndpoint('tcp:127.0.0.1:0'), /tcp:HOST:PORT/);
    assert.throws(() => parseEndpoint('udp:1.2.3.4:53'), /tcp:HOST:PORT/);
    assert.equal(parseForwardArgs(['--listen', 'tcp:127.0.0.1:1', '--to', 'unix:/a', '--listen', 'unix:/b', '--to', 'tcp:10.0.0.1:22']).length, 2);
    assert.throws(() => parseForwardArgs([]), /usage/);
    assert.throws(() => parseForwardArgs(['--listen', 'unix:/a']), /usage/);
  });

  test('tcp → unix → tcp carries bytes both ways and the client\'s end of input', async () => {
    // The echo server answers with what it got once the client has finished sending.
    const echo = net.createServer({ allowHalfOpen: true }, (socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => socket.end(Buffer.concat(chunks).toString().toUpperCase()));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    servers.push(echo);
    const echoPort = (echo.address() as net.AddressInfo).port;
    const socketPath = path.join(dir, 'relay.sock');
    const relay = await startForwards([{ listen: { kind: 'unix', path: socketPath }, to: { kind: 'tcp', host: '127.0.0.1', port: echoPort } }], () => undefined);
    const front = await startForwards([{ listen: { kind: 'tcp', host: '127.0.0.1', port: 0 }, to: { kind: 'unix', path: socketPath } }], () => undefined);
    servers.push(...relay, ...front);
    const frontPort = (front[0].address() as net.AddressInfo).port;

    const answer = await new Promise<string>((resolve, reject) => {
      const client = net.connect({ host: '127.0.0.1', port: frontPort, allowHalfOpen: true }, () => client.end('hello lab'));
      let text = '';
      client.on('data', (chunk: Buffer) => (text += chunk.toString()));
      client.on('end', () => resolve(text));
      client.on('error', reject);
    });
    assert.equal(answer, 'HELLO LAB');
  });
});
