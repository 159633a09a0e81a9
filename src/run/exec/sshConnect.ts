// Opening an SSH connection to an endpoint (through its jump host, if it has one) with
// node-ssh: the key or the agent, strict host-key checking on every hop, keepalives. Failures
// come back as one sentence a person can act on, never as a thrown error.

import { readFile } from 'node:fs/promises';
import { NodeSSH } from 'node-ssh';
// ssh2 is CommonJS: its default export, so the same import works when bundled as ESM (benchmarks).
import ssh2, { type Client, type ServerHostKeyAlgorithm } from 'ssh2';
import type { Readable } from 'node:stream';
import { endpointLabel, knownHostsNameOf, readKnownHosts, refusalProblem, rememberHostKey } from './hostKeyCheck';
import { fingerprint, judgeHostKey, keyTypeLabel, keyTypeOf, knownKeyTypes, type HostKeyVerdict, type KnownHostLine } from './knownHosts';
import type { HostKeyPrompt, SshEndpoint } from './sshEndpoint';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_KEEPALIVE_MS = 5_000;
const MISSED_KEEPALIVES = 3;

/** A live connection; `closed` turns true when it drops or is ended, and stays so. */
export class SshConnection {
  private isClosed = false;
  private lastError: Error | undefined;
  private readonly closeListeners = new Set<() => void>();

  constructor(
    readonly endpoint: SshEndpoint,
    private readonly ssh: NodeSSH,
    readonly client: Client,
    private readonly jump: SshConnection | undefined,
    earlierError?: Error,
  ) {
    this.lastError = earlierError;
    client.on('error', (error: Error) => (this.lastError = error));
    client.on('close', () => {
      this.isClosed = true;
      // Without this hop the jump connection has no use left.
      this.jump?.end();
      for (const listener of [...this.closeListeners]) listener();
    });
    if (jump?.closed) this.end();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Why it dropped, in words (after it did). */
  dropReason(): string {
    const error = this.lastError;
    if (error === undefined) return 'the connection closed';
    if (/keepalive/i.test(error.message)) return `the host stopped answering (no reply to ${MISSED_KEEPALIVES} keepalives)`;
    return `the connection failed: ${error.message}`;
  }

  /** Calls `listener` once when the connection closes; the returned function unsubscribes. */
  onClose(listener: () => void): () => void {
    if (this.isClosed) {
      listener();
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  end(): void {
    // Closed from now on for new runs; runs on it learn of the end from the 'close' event.
    this.isClosed = true;
    this.ssh.dispose();
    this.jump?.end();
  }
}

export type ConnectOutcome = { readonly ok: true; readonly connection: SshConnection } | { readonly ok: false; readonly problem: string };

/**
 * Connects to `endpoint`, first to its jump host if it has one. A host key not in known_hosts
 * is offered to `prompt` after the refused handshake; trusted, it is recorded and the
 * handshake made again (where the key must then match exactly).
 */
export async function connectSsh(endpoint: SshEndpoint, prompt?: HostKeyPrompt): Promise<ConnectOutcome> {
  let jump: SshConnection | undefined;
  if (endpoint.jump !== undefined) {
    const viaJump = await connectSsh(endpoint.jump, prompt);
    if (!viaJump.ok) return { ok: false, problem: `${endpoint.name} is reached through ${endpoint.jump.name}, which failed: ${viaJump.problem}` };
    jump = viaJump.connection;
  }
  const outcome = await connectHop(endpoint, jump, prompt);
  if (!outcome.ok) jump?.end();
  return outcome;
}

async function connectHop(endpoint: SshEndpoint, jump: SshConnection | undefined, prompt: HostKeyPrompt | undefined): Promise<ConnectOutcome> {
  const auth = await authConfig(endpoint);
  if ('problem' in auth) return { ok: false, problem: auth.problem };
  for (let asked = false; ; asked = true) {
    const known = await readKnownHosts(endpoint.knownHostsFile);
    if ('problem' in known) return { ok: false, problem: known.problem };
    const sock = jump === undefined ? undefined : await forwardThrough(jump, endpoint);
    if (sock !== undefined && 'problem' in sock) return { ok: false, problem: sock.problem };

    const attempt = await handshake(endpoint, auth, known.lines, sock?.channel, jump);
    if (attempt.ok || attempt.refusedKey === undefined) return attempt;
    const { verdict, key } = attempt.refusedKey;
    if (verdict.kind !== 'unknown' || prompt === undefined || asked) return { ok: false, problem: refusalProblem(endpoint, verdict, key) };
    let trusted: boolean;
    try {
      trusted = await prompt({
        endpoint: endpoint.name,
        knownHostsName: knownHostsNameOf(endpoint),
        keyType: keyTypeLabel(keyTypeOf(key)),
        fingerprint: fingerprint(key),
      });
    } catch (error) {
      // A question that could not be asked is no yes.
      return { ok: false, problem: `${refusalProblem(endpoint, verdict, key)} (Asking about the key failed: ${(error as Error).message}.)` };
    }
    if (!trusted) return { ok: false, problem: refusalProblem(endpoint, verdict, key) };
    try {
      await rememberHostKey(endpoint, key);
    } catch (error) {
      return { ok: false, problem: `Cannot add the key of ${endpoint.name} to ${endpoint.knownHostsFile}: ${(error as Error).message}` };
    }
  }
}

type Auth = { readonly privateKey: string; readonly passphrase?: string; readonly keyFile: string } | { readonly agent: string };

/** The key, read and opened here so that a missing file or a wrong passphrase is named as such. */
async function authConfig(endpoint: SshEndpoint): Promise<Auth | { problem: string }> {
  const keyFile = endpoint.identityFile;
  if (keyFile === undefined) {
    const agent = process.env.SSH_AUTH_SOCK;
    if (agent === undefined || agent === '') {
      return { problem: `No key to log in to ${endpointLabel(endpoint)}: set its identityFile, or start an SSH agent (SSH_AUTH_SOCK is not set).` };
    }
    return { agent };
  }
  let privateKey: string;
  try {
    privateKey = await readFile(keyFile, 'utf8');
  } catch (error) {
    return { problem: `Cannot read the SSH key ${keyFile} for ${endpoint.name}: ${(error as Error).message}` };
  }
  const parsed = ssh2.utils.parseKey(privateKey, endpoint.passphrase);
  if (parsed instanceof Error) {
    if (/no passphrase given/i.test(parsed.message)) return { problem: `The SSH key ${keyFile} is encrypted: give its passphrase for ${endpoint.name}.` };
    if (/passphrase/i.test(parsed.message)) return { problem: `Cannot open the SSH key ${keyFile}: the passphrase for ${endpoint.name} is wrong.` };
    return { problem: `${keyFile} is not a private key Certify can use: ${parsed.message}` };
  }
  return { privateKey, keyFile, ...(endpoint.passphrase !== undefined ? { passphrase: endpoint.passphrase } : {}) };
}

async function forwardThrough(jump: SshConnection, endpoint: SshEndpoint): Promise<{ channel: Readable } | { problem: string }> {
  return new Promise((resolve) => {
    jump.client.forwardOut('127.0.0.1', 0, endpoint.host, endpoint.port, (error, channel) => {
      if (error) resolve({ problem: `${jump.endpoint.name} could not open a connection to ${endpoint.host}:${endpoint.port} for ${endpoint.name}: ${error.message}` });
      else resolve({ channel });
    });
  });
}

type RefusedKey = { readonly verdict: Exclude<HostKeyVerdict, { kind: 'known' }>; readonly key: Buffer };
/** A refused host key comes back with the failure, so that the caller may ask about it. */
type Handshake = ConnectOutcome & { readonly refusedKey?: RefusedKey };

async function handshake(
  endpoint: SshEndpoint,
  auth: Auth,
  knownLines: readonly KnownHostLine[],
  sock: Readable | undefined,
  jump: SshConnection | undefined,
): Promise<Handshake> {
  const name = knownHostsNameOf(endpoint);
  let refused: RefusedKey | undefined;
  const ssh = new NodeSSH();
  const preferred = hostKeyAlgorithms(knownKeyTypes(knownLines, name));
  const connecting = ssh.connect({
    username: endpoint.username,
    ...(sock === undefined ? { host: endpoint.host, port: endpoint.port } : { sock }),
    ...('agent' in auth ? { agent: auth.agent } : { privateKey: auth.privateKey, passphrase: auth.passphrase }),
    readyTimeout: endpoint.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepaliveInterval: endpoint.keepaliveMs ?? DEFAULT_KEEPALIVE_MS,
    keepaliveCountMax: MISSED_KEEPALIVES,
    // Ask for a key type known_hosts lists, as ssh does: a host with several keys is then
    // checked against the one on record instead of looking unknown.
    ...(preferred.length > 0 ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred, append: [] } } } : {}),
    hostVerifier: (key: Buffer) => {
      const verdict = judgeHostKey(knownLines, name, key);
      if (verdict.kind === 'known') return true;
      refused = { verdict, key };
      return false;
    },
  });
  // node-ssh stops listening for errors once connected: an error with no listener would be
  // thrown. Listen from the start; SshConnection takes the last one over.
  const client = ssh.connection;
  let lateError: Error | undefined;
  client?.on('error', (error: Error) => (lateError = error));
  try {
    await connecting;
  } catch (error) {
    ssh.dispose();
    if (refused !== undefined) return { ok: false, problem: refusalProblem(endpoint, refused.verdict, refused.key), refusedKey: refused };
    return { ok: false, problem: connectProblem(endpoint, auth, error as Error & { level?: string; code?: string }) };
  }
  const connected = ssh.connection ?? client;
  if (connected === null) return { ok: false, problem: `The connection to ${endpointLabel(endpoint)} closed as it opened.` };
  return { ok: true, connection: new SshConnection(endpoint, ssh, connected, jump, lateError) };
}

function connectProblem(endpoint: SshEndpoint, auth: Auth, error: Error & { level?: string; code?: string }): string {
  const where = endpointLabel(endpoint);
  if (error.level === 'client-authentication') {
    const how = 'agent' in auth ? `the keys of the SSH agent (${auth.agent})` : `the key ${auth.keyFile}`;
    return `Authentication failed for ${endpoint.username}@${endpoint.host} (${endpoint.name}) with ${how}: add its public key to ~${endpoint.username}/.ssh/authorized_keys on the host, or set the right identityFile.`;
  }
  if (error.code === 'ECONNREFUSED') return `Cannot connect to ${where}: connection refused. Is sshd running there, and is the port right?`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return `Cannot connect to ${where}: the name ${endpoint.host} does not resolve.`;
  if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') return `Cannot connect to ${where}: no route to the host.`;
  if (error.level === 'client-timeout' || error.code === 'ETIMEDOUT') {
    const seconds = (endpoint.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000;
    return `Cannot connect to ${where}: no SSH answer within ${seconds} s. Check that the host is up and the port is right.`;
  }
  return `Cannot connect to ${where}: ${error.message}`;
}

/** The handshake algorithms for key types known_hosts lists (an RSA key signs with any of three). */
function hostKeyAlgorithms(keyTypes: readonly string[]): ServerHostKeyAlgorithm[] {
  const byType: Record<string, readonly ServerHostKeyAlgorithm[]> = {
    'ssh-ed25519': ['ssh-ed25519'],
    'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
    'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
    'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
    'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  };
  return keyTypes.flatMap((type) => byType[type] ?? []);
}
