// The container's own sshd host keys, made at create as Proxmox's setup does (pve-container
// Setup/Base.pm `generate_ssh_host_keys`), with its log lines. They replace the whiteouts that
// hide the host's keys, so a container never answers with the host's identity.

import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { mustRun } from './commands';

const KEY_TYPES = ['rsa', 'ecdsa', 'ed25519'];

export async function makeHostKeys(upper: string, hostname: string, log: (line: string) => void): Promise<void> {
  const comment = `root@${hostname}`;
  // All three at once (an RSA key takes about a second here); the log keeps Proxmox's order.
  const made = await Promise.all(KEY_TYPES.map(async (type) => {
    const basename = `ssh_host_${type}_key`;
    const file = path.join(upper, 'etc/ssh', basename);
    rmSync(file, { force: true });
    rmSync(`${file}.pub`, { force: true });
    const result = await mustRun(['ssh-keygen', '-f', file, '-t', type, '-N', '', '-E', 'sha256', '-C', comment]);
    return { basename, done: result.stdout.split('\n').find((line) => line.startsWith('SHA256:') && line.endsWith(` ${comment}`)) };
  }));
  for (const { basename, done } of made) {
    log(`Creating SSH host key '${basename}' - this may take some time ...`);
    if (done !== undefined) log(`done: ${done}`);
  }
}
