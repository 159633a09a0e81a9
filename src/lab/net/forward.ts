// `lab.js forward --listen A --to B [--listen C --to D …]`: a byte pipe between endpoints.
// A Unix socket is a file, so it crosses network namespaces: the relay inside the lab
// namespace listens on `<run>/ssh.sock` and connects to the node's sshd, and the forwarder in
// the machine's namespace listens on loopback and connects to that socket. No packet of the
// lab ever travels on the machine's own network.

import { rmSync } from 'node:fs';
import * as net from 'node:net';
import type { ToolIo } from '../toolIo';
import { connectOptions, endpointText, parseEndpoint, type Endpoint } from './endpoint';

export interface ForwardPair {
  readonly listen: Endpoint;
  readonly to: Endpoint;
}

export function parseForwardArgs(argv: readonly string[]): ForwardPair[] {
  const pairs: ForwardPair[] = [];
  for (let i = 0; i < argv.length; i += 4) {
    const [listenFlag, listen, toFlag, to] = argv.slice(i, i + 4);
    if (listenFlag !== '--listen' || toFlag !== '--to' || listen === undefined || to === undefined) {
      throw new Error('usage: lab.js forward --listen ENDPOINT --to ENDPOINT [--listen ENDPOINT --to ENDPOINT …]');
    }
    pairs.push({ listen: parseEndpoint(listen), to: parseEndpoint(to) });
  }
  if (pairs.length === 0) throw new Error('usage: lab.js forward --listen ENDPOINT --to ENDPOINT [--listen ENDPOINT --to ENDPOINT …]');
  return pairs;
}

const openClients = new WeakMap<net.Server, Set<net.Socket>>();

/** Listens on every pair; resolves with the servers once all of them listen. */
export async function startForwards(pairs: readonly ForwardPair[], log: (line: string) => void): Promise<net.Server[]> {
  const servers: net.Server[] = [];
  for (const pair of pairs) {
    const server = net.createServer({ allowHalfOpen: true }, (client) => pipe(client, pair.to, log));
    if (pair.listen.kind === 'unix') rmSync(pair.listen.path, { force: true }); // a stale socket of a killed run
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(connectOptions(pair.listen), () => resolve());
    });
    const clients = new Set<net.Socket>();
    server.on('connection', (client) => {
      clients.add(client);
      client.once('close', () => clients.delete(client));
    });
    openClients.set(server, clients);
    log(`listening on ${endpointText(pair.listen)} -> ${endpointText(pair.to)}`);
    servers.push(server);
  }
  return servers;
}

function pipe(client: net.Socket, to: Endpoint, log: (line: string) => void): void {
  const upstream = net.connect({ ...connectOptions(to), allowHalfOpen: true });
  const close = (error?: Error): void => {
    if (error) log(`${endpointText(to)}: ${error.message}`);
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  client.pipe(upstream);
  upstream.pipe(client);
}

export async function runForward(argv: readonly string[], io: ToolIo): Promise<number> {
  let pairs: ForwardPair[];
  try {
    pairs = parseForwardArgs(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const log = (line: string): void => void io.stdout.write(`${new Date().toISOString()} ${line}\n`);
  let servers: net.Server[];
  try {
    servers = await startForwards(pairs, log);
  } catch (error) {
    io.stderr.write(`forward: ${(error as Error).message}\n`);
    return 1;
  }
  // Runs until the lab stops it by pid; a Unix socket it listened on is removed on the way out.
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  for (const server of servers) {
    server.close();
    // Open connections would keep the process alive; each client's close takes its upstream along.
    for (const client of openClients.get(server) ?? []) client.destroy();
  }
  for (const pair of pairs) if (pair.listen.kind === 'unix') rmSync(pair.listen.path, { force: true });
  log('stopped');
  return 0;
}
