// What the machine must be for a lab: Linux, root, and the Debian packages the lab runs.

import { LabUnsupportedError } from './labErrors';
import { runCommand } from '../net/runCommand';

/** What the lab runs: LXC, the node's Ansible with the Proxmox module, sshd, dnsmasq, dig (the vantage host's DNS probe), xattrs and zstd for containers and archives, PostgreSQL for the example service. */
export const LAB_PACKAGES = [
  'lxc',
  'attr',
  'zstd',
  'iproute2',
  'openssl',
  'curl',
  'jq',
  'openssh-server',
  'openssh-client',
  'dnsmasq-base',
  'bind9-dnsutils',
  'ansible',
  'python3-proxmoxer',
  'python3-requests',
  'python3-psycopg2',
  'python3-yaml',
  'postgresql',
] as const;

export function checkHost(platform: NodeJS.Platform = process.platform, uid: number | undefined = process.getuid?.()): void {
  if (platform !== 'linux') throw new LabUnsupportedError(`the local lab needs Linux (network namespaces and LXC); this is ${platform}.`);
  if (uid !== 0) throw new LabUnsupportedError('the local lab needs root (it creates network namespaces and LXC containers): run it with sudo.');
}

/** Packages of LAB_PACKAGES that dpkg does not list as installed. */
export async function missingPackages(packages: readonly string[] = LAB_PACKAGES): Promise<string[]> {
  const { stdout } = await runCommand(['dpkg-query', '-W', '-f', '${Package} ${db:Status-Status}\n', ...packages], { allowFailure: true });
  const installed = new Set(
    stdout
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, status]) => status === 'installed')
      .map(([name]) => name.replace(/:.*$/, '')),
  );
  return packages.filter((name) => !installed.has(name));
}

/** apt-get install, without recommends (the full `ansible` is needed for community.general, its recommends are not). */
export async function installPackages(packages: readonly string[], signal?: AbortSignal): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...packages];
  const first = await runCommand(install, { env, allowFailure: true, timeoutMs: 900_000, signal });
  if (first.code === 0) return;
  // A fresh machine has no package lists yet: update once, then try again.
  await runCommand(['apt-get', 'update'], { env, timeoutMs: 600_000, signal });
  await runCommand(install, { env, timeoutMs: 900_000, signal });
}

export function missingPackagesMessage(missing: readonly string[]): string {
  return `the local lab needs these Debian packages: ${missing.join(' ')}. Run "certify lab up --install" to install them, or: apt-get install --no-install-recommends ${missing.join(' ')}`;
}

