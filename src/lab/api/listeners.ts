// The API's HTTPS listeners: TCP addresses and a Unix socket, all with the same certificate
// and the same handler (the loopback forwarder reaches the API through the socket, so TLS is
// end to end: the client checks the node's certificate, not the forwarder's).

import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as https from 'node:https';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface TcpListen {
  readonly host: string;
  readonly port: number;
}

export interface ApiListeners {
  /** Where each listener ended up (`host:port` with the real port when 0 was asked; the socket path). */
  readonly addresses: readonly string[];
  close(): Promise<void>;
}

export interface Certificate {
  readonly cert: string;
  readonly key: string;
}

export async function readCertificate(certFile: string, keyFile: string): Promise<Certificate> {
  return { cert: await fs.readFile(certFile, 'utf8'), key: await fs.readFile(keyFile, 'utf8') };
}

/** `AA:BB:…` as Proxmox shows a node's `ssl_fingerprint`. */
export function fingerprintOf(certificate: Certificate): string {
  return new X509Certificate(certificate.cert).fingerprint256;
}

/** `[::1]:8006` / `127.0.0.1:8006` → host and port. */
export function parseListen(text: string): TcpListen {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || port > 65535) throw new Error(`--listen wants HOST:PORT, got '${text}'`);
  return { host: match[1] ?? match[2] ?? '', port };
}

/** Removes a stale socket left by a process that died; never anything that is not a socket. */
async function clearStaleSocket(file: string): Promise<void> {
  const stat = await fs.lstat(file).catch(() => undefined);
  if (stat === undefined) return;
  if (!stat.isSocket()) throw new Error(`${file} exists and is not a socket`);
  await fs.rm(file);
}

function listen(server: https.Server, target: TcpListen | string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const ready = () => {
      server.off('error', reject);
      resolve();
    };
    if (typeof target === 'string') server.listen(target, ready);
    else server.listen(target.port, target.host, ready);
  });
}

export async function openListeners(certificate: Certificate, handler: RequestListener, tcp: readonly TcpListen[], sockets: readonly string[]): Promise<ApiListeners> {
  const servers: https.Server[] = [];
  const addresses: string[] = [];
  // Only sockets this call bound are removed on close, never a file it refused to replace.
  const boundSockets: string[] = [];
  const closeAll = () =>
    Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    ).then(() => Promise.all(boundSockets.map((socket) => fs.rm(socket, { force: true })))).then(() => undefined);
  try {
    for (const target of [...tcp, ...sockets]) {
      const server = https.createServer({ cert: certificate.cert, key: certificate.key, keepAliveTimeout: 30_000 }, handler);
      if (typeof target === 'string') {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await clearStaleSocket(target);
      }
      await listen(server, target);
      servers.push(server);
      if (typeof target === 'string') {
        boundSockets.push(target);
        await fs.chmod(target, 0o600);
        addresses.push(target);
      } else {
        const bound = server.address() as AddressInfo;
        addresses.push(bound.family === 'IPv6' ? `[${bound.address}]:${bound.port}` : `${bound.address}:${bound.port}`);
      }
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { addresses, close: closeAll };
}
