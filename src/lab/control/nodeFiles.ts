// Files of the node that are neither keys nor daemons: the `pct`/`pvesm`/`vzdump` wrapper
// scripts on the node's PATH, the sshd configurations, and the template the repo names
// (`local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst`) so a create finds it.

import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir, rename } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { shellQuote } from '../../core/shellQuote';
import { sshdConfig } from '../daemons/sshdConfig';
import type { LabLayout } from '../labLayout';
import { runCommand } from '../net/runCommand';
import { labFiles, labProgramEnv } from './labFiles';

export const STAND_INS = ['pct', 'pvesm', 'vzdump'] as const;

export function wrapperScript(layout: LabLayout, tool: string, labScript: string, node: string = process.execPath): string {
  const env = Object.entries(labProgramEnv(layout)).map(([key, value]) => `${key}=${shellQuote(value)}`);
  return `#!/bin/sh\n# The lab's ${tool}: written by \`certify lab up\`.\nexport ${env.join(' ')}\nexec ${shellQuote(node)} ${shellQuote(labScript)} ${tool} "$@"\n`;
}

export async function writeWrappers(layout: LabLayout, labScript: string, node: string): Promise<void> {
  for (const tool of STAND_INS) await writeFile(path.join(layout.paths.bin, tool), wrapperScript(layout, tool, labScript, node), { mode: 0o755 });
}

export async function writeSshdConfigs(layout: LabLayout): Promise<void> {
  const files = labFiles(layout);
  const node = sshdConfig({
    listen: layout.node.management.address,
    port: layout.node.sshPort,
    hostKey: files.nodeHostKey,
    authorizedKeys: files.authorizedKeys,
    setEnv: {
      HOME: layout.paths.nodeRootHome,
      PATH: `${layout.paths.bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      ...labProgramEnv(layout),
      REQUESTS_CA_BUNDLE: files.caCert,
    },
  });
  const vantage = sshdConfig({
    listen: layout.vantage.address,
    port: 22,
    hostKey: files.vantageHostKey,
    authorizedKeys: files.authorizedKeys,
    setEnv: { HOME: layout.paths.vantageRootHome },
  });
  await writeFile(files.nodeSshdConfig, node, { mode: 0o600 });
  await writeFile(files.vantageSshdConfig, vantage, { mode: 0o600 });
  // sshd's privilege separation needs its empty directory; the machine may never have run sshd.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
}

export const TEMPLATE_README = `This is the Certify lab's stand-in for Proxmox's Debian 12 template.
Lab containers do not unpack it: their root file system is an overlay whose read-only lower
layer is the host's own Debian 12 and whose upper layer holds the container's own files.
It exists so that the repo's proxmox_ostemplate names a volume the node's storage has.
`;

/** A real, small tar.zst whose only file is a README saying what lab containers are built from. */
export async function ensureTemplate(layout: LabLayout): Promise<void> {
  const target = labFiles(layout).template;
  if (existsSync(target)) return;
  await mkdir(path.dirname(target), { recursive: true });
  const work = await mkdtemp(path.join(os.tmpdir(), 'certify-lab-template-'));
  try {
    await writeFile(path.join(work, 'README'), TEMPLATE_README);
    const partial = `${target}.partial`;
    await runCommand(['tar', '--zstd', '-cf', partial, '-C', work, 'README']);
    await rename(partial, target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

