// How the node's state looks in the API's listings: `/version`, `/nodes`, `/nodes/{node}/storage`
// and `/cluster/resources`, with the keys Proxmox's API2 modules (Cluster.pm, API2Tools.pm
// extract_vm_stats/extract_node_stats, Storage/Status.pm) put there.

import * as os from 'node:os';

import type { ContainerStatus, PveNode, StorageStatus } from '../pve/pveNode';

/** The pve-manager release the lab plays: the one ../../../docs (proxmox-reference) was read from. */
export const PVE_VERSION = { version: '9.2.11', release: '9.2', repoid: '14a22df3' } as const;

/**
 * What each kind of the lab's storages holds: `local` (dir) has templates, backups and
 * container roots; an lvmthin storage named by a container's rootfs has only disks.
 */
function contentOf(type: string): string {
  return type === 'dir' ? 'backup,rootdir,vztmpl' : 'images,rootdir';
}

export interface HostStats {
  readonly maxcpu: number;
  readonly cpu: number;
  readonly maxmem: number;
  readonly mem: number;
  readonly uptime: number;
}

/** The machine the node runs on: the lab's node is this host. */
export function hostStats(): HostStats {
  const maxcpu = os.cpus().length || 1;
  return {
    maxcpu,
    cpu: Math.min(1, (os.loadavg()[0] ?? 0) / maxcpu),
    maxmem: os.totalmem(),
    mem: os.totalmem() - os.freemem(),
    uptime: Math.floor(os.uptime()),
  };
}

function diskOf(storages: readonly StorageStatus[]): { maxdisk: number; disk: number } {
  const local = storages.find((storage) => storage.storage === 'local');
  return { maxdisk: local?.total ?? 0, disk: local?.used ?? 0 };
}

/** One entry of `GET /nodes` (and of `/cluster/resources` with type node). */
export async function nodeEntry(node: PveNode, sslFingerprint?: string): Promise<Record<string, unknown>> {
  const stats = hostStats();
  return {
    id: `node/${node.nodeName}`,
    node: node.nodeName,
    type: 'node',
    status: 'online',
    level: '',
    ...stats,
    ...diskOf(await node.storageStatus()),
    ...(sslFingerprint === undefined ? {} : { ssl_fingerprint: sslFingerprint }),
  };
}

/** `GET /nodes/{node}/storage`: active/enabled/shared as 0/1 integers, as Proxmox sends them. */
export function storageEntry(storage: StorageStatus): Record<string, unknown> {
  return {
    storage: storage.storage,
    type: storage.type,
    content: contentOf(storage.type),
    active: storage.active ? 1 : 0,
    enabled: 1,
    shared: 0,
    total: storage.total,
    used: storage.used,
    avail: storage.avail,
    used_fraction: storage.total > 0 ? storage.used / storage.total : 0,
  };
}

export function vmResource(nodeName: string, ct: ContainerStatus): Record<string, unknown> {
  return {
    id: `lxc/${ct.vmid}`,
    vmid: ct.vmid,
    node: nodeName,
    type: 'lxc',
    status: ct.status,
    name: ct.name,
    uptime: ct.uptime,
    template: ct.template ?? 0,
    maxcpu: ct.cpus,
    cpu: ct.cpu,
    maxmem: ct.maxmem,
    mem: ct.mem,
    maxdisk: ct.maxdisk,
    disk: ct.disk,
    netin: ct.netin,
    netout: ct.netout,
    diskread: ct.diskread,
    diskwrite: ct.diskwrite,
    ...(ct.lock === undefined ? {} : { lock: ct.lock }),
    ...(ct.tags === undefined ? {} : { tags: ct.tags }),
  };
}

export function storageResource(nodeName: string, storage: StorageStatus): Record<string, unknown> {
  return {
    id: `storage/${nodeName}/${storage.storage}`,
    storage: storage.storage,
    node: nodeName,
    type: 'storage',
    status: storage.active ? 'available' : 'unknown',
    plugintype: storage.type,
    content: contentOf(storage.type),
    shared: 0,
    maxdisk: storage.total,
    disk: storage.used,
  };
}

export const RESOURCE_TYPES = ['vm', 'storage', 'node', 'sdn'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** `GET /cluster/resources[?type=]`: the lab has no SDN, so `sdn` lists nothing. */
export async function clusterResources(node: PveNode, type: ResourceType | undefined): Promise<Record<string, unknown>[]> {
  const resources: Record<string, unknown>[] = [];
  if (type === undefined || type === 'vm') {
    for (const ct of await node.listContainers()) resources.push(vmResource(node.nodeName, ct));
  }
  if (type === undefined || type === 'node') resources.push(await nodeEntry(node));
  if (type === undefined || type === 'storage') {
    for (const storage of await node.storageStatus()) resources.push(storageResource(node.nodeName, storage));
  }
  return resources;
}
