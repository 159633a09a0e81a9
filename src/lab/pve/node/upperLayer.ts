// The container's own layer (`<lxcPath>/<vmid>/upper`), prepared at create so the container
// starts as a clean Debian system over the host's files and nothing of the host or the lab
// leaks in: folders that hold the host's or the lab's data are made opaque (overlayfs hides
// the lower folder's content: `trusted.overlay.opaque=y`), the host's sshd keys are whited out
// (a 0:0 character device), and the files that make it itself (hostname, hosts, resolv.conf,
// root's password and keys, its init) are written here.

import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mustRun } from './commands';
import { CONTAINER_INIT_PATH, CONTAINER_INIT_SCRIPT } from './containerInit';

/** Host folders whose content is the host's or the lab's, never a container's. */
export const OPAQUE_FOLDERS = [
  '/root', '/home', '/tmp', '/var/tmp', '/var/log', '/run', '/work', '/srv', '/mnt',
  '/var/lib/postgresql', '/etc/postgresql', '/var/lib/redis', '/var/lib/lxc', '/var/cache/lxc', '/etc/netns',
  '/var/lib/certify-lab',
];

/** Init scripts of the host's own machinery that must not run inside a container. */
const HOST_ONLY_SERVICES = ['lxc', 'lxc-net', 'hwclock.sh', 'udev'];

/** Folders to make opaque: the fixed list plus the lab's folder, none inside another. */
export function opaqueFolders(labDir: string): string[] {
  const all = [...new Set([...OPAQUE_FOLDERS, path.resolve(labDir)])];
  return all.filter((folder) => !all.some((other) => other !== folder && folder.startsWith(`${other}/`))).sort();
}

/** The host files to hide: sshd host keys and the rc links of host-only services. */
export function hostFilesToWhiteOut(): string[] {
  const files: string[] = [];
  for (const name of safeList('/etc/ssh')) if (name.startsWith('ssh_host_')) files.push(`/etc/ssh/${name}`);
  for (const level of ['0', '1', '2', '3', '4', '5', '6', 'S']) {
    for (const name of safeList(`/etc/rc${level}.d`)) {
      if (HOST_ONLY_SERVICES.includes(name.replace(/^[SK]\d\d/, ''))) files.push(`/etc/rc${level}.d/${name}`);
    }
  }
  return files;
}

/**
 * Where a host path lands in the layer. The folders above it are followed through the host's
 * symlinks first: on Debian 12 `/sbin` is a link to `usr/sbin`, and a real `sbin/` folder in the
 * layer would hide the whole of the host's /usr/sbin from the container.
 */
export function upperPath(upper: string, hostPath: string): string {
  let parent = path.dirname(path.resolve(hostPath));
  const rest: string[] = [path.basename(hostPath)];
  while (!existsSync(parent) && path.dirname(parent) !== parent) {
    rest.unshift(path.basename(parent));
    parent = path.dirname(parent);
  }
  return path.join(upper, realpathSync(parent), ...rest);
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

export interface Identity {
  hostname: string;
  address?: string;
  nameserver: string;
  searchdomain?: string;
}

/** Makes the layer of a new container: opaque folders, whiteouts, its init. */
export async function prepareUpperLayer(upper: string, labDir: string): Promise<void> {
  mkdirSync(upper, { recursive: true });
  const folders = opaqueFolders(labDir).map((folder) => upperPath(upper, folder));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  await mustRun(['setfattr', '-n', 'trusted.overlay.opaque', '-v', 'y', ...folders]);
  chmodSync(path.join(upper, 'tmp'), 0o1777);
  chmodSync(path.join(upper, 'var/tmp'), 0o1777);
  chmodSync(path.join(upper, 'root'), 0o700);
  const whiteouts = hostFilesToWhiteOut().map((file) => upperPath(upper, file));
  for (const target of whiteouts) mkdirSync(path.dirname(target), { recursive: true });
  // One shell for every whiteout: a process per file costs more than the rest of the layer.
  if (whiteouts.length > 0) await mustRun(['sh', '-c', 'for f; do mknod "$f" c 0 0 || exit 1; done', 'whiteout', ...whiteouts]);
  installInit(upper);
}

/** Writes the container's init (`lxc.init.cmd`) into its layer. */
export function installInit(upper: string): void {
  const init = upperPath(upper, CONTAINER_INIT_PATH);
  mkdirSync(path.dirname(init), { recursive: true });
  writeFileSync(init, CONTAINER_INIT_SCRIPT, { mode: 0o755 });
}

/** Writes the files Proxmox's setup writes at every start: hostname, hosts, resolv.conf. */
export function writeHostFiles(upper: string, identity: Identity): void {
  const etc = path.join(upper, 'etc');
  mkdirSync(etc, { recursive: true });
  writeFileSync(path.join(etc, 'hostname'), `${identity.hostname}\n`);
  writeFileSync(path.join(etc, 'hosts'), hostsFile(identity));
  const search = identity.searchdomain === undefined ? '' : `search ${identity.searchdomain}\n`;
  const servers = identity.nameserver.split(/\s+/).filter(Boolean).map((server) => `nameserver ${server}\n`).join('');
  writeFileSync(path.join(etc, 'resolv.conf'), `# Written by the lab's node from the container's config.\n${search}${servers}`);
}

/** Root's access, written at create: its password hash (the host's hashes never leak in) and its ssh keys. */
export function writeRootAccess(upper: string, access: { rootPasswordHash?: string; sshPublicKeys?: string }): void {
  writeShadow(upper, access.rootPasswordHash);
  if (access.sshPublicKeys !== undefined) {
    const ssh = path.join(upper, 'root/.ssh');
    mkdirSync(ssh, { recursive: true, mode: 0o700 });
    chmodSync(ssh, 0o700);
    const keys = access.sshPublicKeys.endsWith('\n') ? access.sshPublicKeys : `${access.sshPublicKeys}\n`;
    writeFileSync(path.join(ssh, 'authorized_keys'), keys, { mode: 0o600 });
  }
}

export function hostsFile(identity: Pick<Identity, 'hostname' | 'address' | 'searchdomain'>): string {
  const fqdn = identity.searchdomain === undefined ? '' : `${identity.hostname}.${identity.searchdomain} `;
  return [
    '127.0.0.1 localhost.localdomain localhost',
    `${identity.address ?? '127.0.1.1'} ${fqdn}${identity.hostname}`,
    '',
    '# The following lines are desirable for IPv6 capable hosts',
    '::1     ip6-localhost ip6-loopback',
    'fe00::0 ip6-localnet',
    'ff00::0 ip6-mcastprefix',
    'ff02::1 ip6-allnodes',
    'ff02::2 ip6-allrouters',
    '',
  ].join('\n');
}

/**
 * The container's /etc/shadow: the host's accounts with every password taken away (the host's
 * hashes must not leak into a container), and root's set to the given hash. Re-reads the
 * container's own copy when there is one, so a later password change keeps its other accounts.
 */
export function writeShadow(upper: string, rootHash: string | undefined): void {
  const own = path.join(upper, 'etc/shadow');
  const source = existsSync(own) ? own : '/etc/shadow';
  const lines = readFileSync(source, 'utf8').replace(/\n$/, '').split('\n');
  const out = lines.map((line) => {
    const fields = line.split(':');
    if (fields.length < 2) return line;
    if (fields[0] === 'root' && rootHash !== undefined) fields[1] = rootHash;
    else if (source === '/etc/shadow') fields[1] = /^[!*]/.test(fields[1] as string) ? (fields[1] as string) : '*';
    return fields.join(':');
  });
  writeFileSync(own, `${out.join('\n')}\n`, { mode: 0o640 });
  // Group `shadow`, as Debian keeps it, so the container's own tools can read it.
  chownSync(own, 0, statSync('/etc/shadow').gid);
}

/** A SHA-512 crypt hash of a password; the password goes over stdin, never on a command line. */
export async function hashPassword(password: string): Promise<string> {
  const result = await mustRun(['openssl', 'passwd', '-6', '-stdin'], { input: `${password}\n` });
  return result.stdout.trim();
}
