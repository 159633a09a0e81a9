// Strict host-key checking for one SSH endpoint: its known_hosts file read, the verdict put in
// words a person can act on, and a trusted new key recorded. Asking the person happens outside
// the handshake (sshConnect.ts), so no one is hurried by a connect timeout.

import { appendFile, mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { shellQuote } from '../../core/shellQuote';
import type { SshEndpoint } from './sshEndpoint';
import {
  defaultKnownHostsName,
  fingerprint,
  keyTypeLabel,
  keyTypeOf,
  knownHostsLine,
  parseKnownHosts,
  type HostKeyVerdict,
  type KnownHostLine,
} from './knownHosts';

export function knownHostsNameOf(endpoint: SshEndpoint): string {
  return endpoint.knownHostsName ?? defaultKnownHostsName(endpoint.host, endpoint.port);
}

/** "pve01 (127.0.0.1:2222)": the name people use, and where it points. */
export function endpointLabel(endpoint: SshEndpoint): string {
  return `${endpoint.name} (${endpoint.host}:${endpoint.port})`;
}

/** A missing file lists no host (every host is then unknown); any other read error is a problem. */
export async function readKnownHosts(file: string): Promise<{ lines: KnownHostLine[] } | { problem: string }> {
  try {
    return { lines: parseKnownHosts(await readFile(file, 'utf8')) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { lines: [] };
    return { problem: `Cannot read the known_hosts file ${file}: ${(error as Error).message}` };
  }
}

/** Appends the line that trusts `key` from now on; creates the file (and folder) if needed. */
export async function rememberHostKey(endpoint: SshEndpoint, key: Buffer): Promise<void> {
  const file = endpoint.knownHostsFile;
  await mkdir(path.dirname(file), { recursive: true });
  const before = await readFile(file, 'utf8').catch(() => '');
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${knownHostsLine(knownHostsNameOf(endpoint), key)}\n`, { mode: 0o644 });
}

/** Why the handshake was refused, for a verdict other than 'known'. */
export function refusalProblem(endpoint: SshEndpoint, verdict: Exclude<HostKeyVerdict, { kind: 'known' }>, key: Buffer): string {
  const file = endpoint.knownHostsFile;
  const name = knownHostsNameOf(endpoint);
  const shown = `${keyTypeLabel(keyTypeOf(key))} key ${fingerprint(key)}`;
  switch (verdict.kind) {
    case 'revoked':
      return `${endpointLabel(endpoint)} shows the ${shown}, which ${file} (line ${verdict.line}) marks @revoked: refused. Find out why it was revoked before using this host.`;
    case 'changed':
      return (
        `The host key of ${endpointLabel(endpoint)} has CHANGED: ${file} (line ${verdict.line}) has ${fingerprint(verdict.knownKey)}, ` +
        `the host now shows the ${shown}. Someone may be intercepting the connection, or the host was reinstalled. ` +
        `Verify the new key on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then remove the old line with ` +
        `ssh-keygen -R ${shellQuote(name)} -f ${shellQuote(file)} and connect again.`
      );
    case 'unknown': {
      const others = verdict.otherKeyTypes.length > 0 ? ` (it is listed only with ${verdict.otherKeyTypes.map(keyTypeLabel).join(', ')} keys)` : '';
      const its = `its ${keyTypeLabel(keyTypeOf(key))} key is ${fingerprint(key)}`;
      return `${endpointLabel(endpoint)} is not in ${file}${others}; ${its}. After checking that fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), ${addAdvice(endpoint, key)}, then run again.`;
    }
  }
}

function addAdvice(endpoint: SshEndpoint, key: Buffer): string {
  const file = shellQuote(endpoint.knownHostsFile);
  if (endpoint.knownHostsName !== undefined && endpoint.knownHostsName !== defaultKnownHostsName(endpoint.host, endpoint.port)) {
    return `add this line to ${file}: ${knownHostsLine(endpoint.knownHostsName, key)}`;
  }
  const type = keyTypeLabel(keyTypeOf(key)).toLowerCase();
  const port = endpoint.port === 22 ? '' : ` -p ${endpoint.port}`;
  const scan = `ssh-keyscan${port} -t ${shellQuote(type)} ${shellQuote(endpoint.host)}`;
  // Behind a jump host the scan has to run there: this machine may not reach the host at all.
  const jump = endpoint.jump;
  const where = jump === undefined ? scan : `ssh ${jump.username}@${jump.host} -p ${jump.port} -- ${shellQuote(scan)}`;
  return `add it with: ${where} >> ${file}`;
}
