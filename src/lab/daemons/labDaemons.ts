// The lab's long-running processes, in the order `up` starts them (a daemon's dependencies
// first): the public resolvers and the vantage host in the wan namespace; the LAN resolver, the
// node's sshd, the API and the ssh relay in the lab namespace; the loopback forwarder last.

import * as path from 'node:path';
import { labFiles, labProgramEnv } from '../control/labFiles';
import type { LabLayout } from '../labLayout';
import type { DaemonSpec } from './daemon';
import { lanDnsmasqArgv, publicDnsmasqArgv, type DnsRecord } from './dnsmasqArgs';
import { socketBound, unixListening } from './procfs';

export interface DaemonInputs {
  /** Absolute path of dist/lab.js. */
  readonly labScript: string;
  /** The node binary that runs it. */
  readonly node: string;
  /** Names the LAN resolver answers (containers' `<hostname>.<domain>`, services' names). */
  readonly lanRecords: readonly DnsRecord[];
  /** Names the public resolvers answer (the services' public DNS names). */
  readonly publicRecords: readonly DnsRecord[];
}

export const DAEMON_NAMES = ['dns-public', 'vantage-sshd', 'dns-lan', 'node-sshd', 'api', 'relay', 'forwarder'] as const;
export type DaemonName = (typeof DAEMON_NAMES)[number];

/** Where each daemon runs: the lab namespace, the wan namespace, or the machine's own. */
export function daemonNamespace(layout: LabLayout, name: DaemonName): string | undefined {
  if (name === 'dns-public' || name === 'vantage-sshd') return layout.wanNetns;
  return name === 'forwarder' ? undefined : layout.netns;
}

export function labDaemons(layout: LabLayout, inputs: DaemonInputs): (DaemonSpec & { name: DaemonName })[] {
  const files = labFiles(layout);
  const log = (name: string): string => path.join(layout.paths.logs, `${name}.query.log`);
  const nodeAddress = layout.node.management.address;
  const lab = (...argv: string[]): string[] => [inputs.node, inputs.labScript, ...argv];
  return [
    {
      name: 'dns-public',
      netns: layout.wanNetns,
      argv: publicDnsmasqArgv({ listen: layout.publicResolvers, records: inputs.publicRecords, logFile: log('dns-public') }),
      ready: (pid) => layout.publicResolvers.every((address) => socketBound(pid, 'udp', address, 53)),
    },
    {
      name: 'vantage-sshd',
      netns: layout.wanNetns,
      argv: ['/usr/sbin/sshd', '-D', '-f', files.vantageSshdConfig],
      ready: (pid) => socketBound(pid, 'tcp', layout.vantage.address, 22),
    },
    {
      name: 'dns-lan',
      netns: layout.netns,
      argv: lanDnsmasqArgv({ listen: [layout.bridge.address], records: inputs.lanRecords, logFile: log('dns-lan'), upstream: layout.publicResolvers[0] }),
      ready: (pid) => socketBound(pid, 'udp', layout.bridge.address, 53),
    },
    {
      name: 'node-sshd',
      netns: layout.netns,
      // In a UTS namespace of its own named after the node, so a session on it says `hostname` pve01.
      argv: ['unshare', '--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', layout.node.name, '/usr/sbin/sshd', '-D', '-f', files.nodeSshdConfig],
      ready: (pid) => socketBound(pid, 'tcp', nodeAddress, layout.node.sshPort),
    },
    {
      name: 'api',
      netns: layout.netns,
      argv: lab('api'),
      env: labProgramEnv(layout),
      ready: (pid) => socketBound(pid, 'tcp', nodeAddress, layout.node.apiPort) && unixListening(pid, files.apiSocket),
      readyTimeoutMs: 20_000,
    },
    {
      name: 'relay',
      netns: layout.netns,
      argv: lab('forward', '--listen', `unix:${files.sshSocket}`, '--to', `tcp:${nodeAddress}:${layout.node.sshPort}`),
      ready: (pid) => unixListening(pid, files.sshSocket),
    },
    {
      name: 'forwarder',
      argv: lab(
        'forward',
        '--listen',
        `tcp:127.0.0.1:${layout.forwards.sshPort}`,
        '--to',
        `unix:${files.sshSocket}`,
        '--listen',
        `tcp:127.0.0.1:${layout.forwards.apiPort}`,
        '--to',
        `unix:${files.apiSocket}`,
      ),
      ready: (pid) => socketBound(pid, 'tcp', '127.0.0.1', layout.forwards.sshPort) && socketBound(pid, 'tcp', '127.0.0.1', layout.forwards.apiPort),
    },
  ];
}
