// `certify lab status`: what runs where, as a value (the CLI prints it; the editor shows it).

import { existsSync } from 'node:fs';
import { readPidRecord, recordAlive, logFile } from '../daemons/daemon';
import { DAEMON_NAMES, daemonNamespace } from '../daemons/labDaemons';
import type { LabLayout } from '../labLayout';
import { listNamespaces, networkComplete } from '../net/labNetwork';
import { runCommand } from '../net/runCommand';
import { labEndpoints, type LabEndpoints } from './env';

export interface DaemonState {
  readonly name: string;
  /** The namespace it runs in; absent: the machine's own. */
  readonly netns?: string;
  readonly pid?: number;
  readonly alive: boolean;
  readonly log: string;
}

export interface ContainerState {
  readonly vmid: string;
  readonly state: string;
  readonly ipv4: readonly string[];
}

export interface LabStatus {
  readonly name: string;
  readonly dir: string;
  /** The folder exists, the network is complete and every daemon is alive. */
  readonly up: boolean;
  readonly exists: boolean;
  readonly network: { readonly complete: boolean; readonly namespaces: readonly string[] };
  readonly daemons: readonly DaemonState[];
  readonly endpoints: LabEndpoints;
  readonly containers: readonly ContainerState[];
}

export async function labStatus(layout: LabLayout): Promise<LabStatus> {
  const exists = existsSync(layout.dir);
  const namespaces = (await listNamespaces()).filter((ns) => ns === layout.netns || ns === layout.wanNetns);
  const complete = namespaces.length === 2 && (await networkComplete(layout));
  const daemons: DaemonState[] = [];
  for (const name of DAEMON_NAMES) {
    const record = exists ? await readPidRecord(layout, name) : undefined;
    const netns = daemonNamespace(layout, name);
    daemons.push({
      name,
      ...(netns ? { netns } : {}),
      ...(record ? { pid: record.pid } : {}),
      alive: record !== undefined && recordAlive(record),
      log: logFile(layout, name),
    });
  }
  const containers = namespaces.includes(layout.netns) && existsSync(layout.paths.lxcPath) ? await listContainers(layout) : [];
  return {
    name: layout.name,
    dir: layout.dir,
    up: exists && complete && daemons.every((daemon) => daemon.alive),
    exists,
    network: { complete, namespaces },
    daemons,
    endpoints: labEndpoints(layout),
    containers,
  };
}

async function listContainers(layout: LabLayout): Promise<ContainerState[]> {
  const argv = ['ip', 'netns', 'exec', layout.netns, 'lxc-ls', '-P', layout.paths.lxcPath, '-f', '-F', 'NAME,STATE,IPV4'];
  const { code, stdout } = await runCommand(argv, { allowFailure: true, timeoutMs: 15_000 });
  return code === 0 ? parseLxcLs(stdout) : [];
}

/** `lxc-ls -f -F NAME,STATE,IPV4`: a header, then `160  RUNNING 172.16.10.60` (IPV4 `-` or comma-separated). */
export function parseLxcLs(text: string): ContainerState[] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [vmid, state, ...rest] = line.split(/\s+/);
      const ipv4 = rest.join('').split(',').filter((address) => address !== '' && address !== '-');
      return { vmid, state: state.toLowerCase(), ipv4 };
    });
}
