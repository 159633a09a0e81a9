// `/etc/netns/<ns>/resolv.conf` and `hosts`: `ip netns exec` bind-mounts them over /etc, so a
// program run in the lab resolves names through the lab's dnsmasq, and one run in the wan
// namespace through the public resolver the wan plays, never through the machine's resolver.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LabLayout } from '../labLayout';

export const NETNS_ETC = '/etc/netns';

export interface NetnsFile {
  readonly file: string;
  readonly text: string;
}

/** The domain the example repo's services live in; the LAN's search domain. */
export const LAB_DOMAIN = 'example.net';

export function netnsFiles(layout: LabLayout): NetnsFile[] {
  const lab = path.join(NETNS_ETC, layout.netns);
  const wan = path.join(NETNS_ETC, layout.wanNetns);
  const node = layout.node;
  return [
    { file: path.join(lab, 'resolv.conf'), text: `nameserver ${layout.bridge.address}\nsearch ${LAB_DOMAIN}\n` },
    {
      file: path.join(lab, 'hosts'),
      text: `127.0.0.1 localhost\n${node.management.address} ${node.name}.${LAB_DOMAIN} ${node.name}\n`,
    },
    { file: path.join(wan, 'resolv.conf'), text: `nameserver ${layout.publicResolvers[0]}\n` },
    { file: path.join(wan, 'hosts'), text: `127.0.0.1 localhost\n${layout.vantage.address} vantage.${LAB_DOMAIN} vantage\n` },
  ];
}

export async function writeNetnsFiles(layout: LabLayout): Promise<void> {
  for (const { file, text } of netnsFiles(layout)) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { mode: 0o644 });
  }
}

export async function removeNetnsFiles(layout: LabLayout): Promise<void> {
  for (const ns of [layout.netns, layout.wanNetns]) await rm(path.join(NETNS_ETC, ns), { recursive: true, force: true });
}
