// The one place that decides the lab's names, addresses and paths. Every part of the lab
// (network, containers, the Proxmox stand-ins, the API, `certify lab env`) reads them here,
// so two parts can never disagree about where something lives.
//
// The default lab plays the network of the example repo (examples/homelab): its Proxmox node
// `pve01` at 192.168.1.10, the container bridge vmbr1 on 172.16.10.0/24, and public resolvers
// at 1.1.1.1 and 8.8.8.8. These addresses exist only inside the lab's network namespaces,
// which have no default route: a packet to any other address fails at once.

import * as path from 'node:path';

export interface LabAddress {
  /** Interface name inside its namespace. */
  readonly device: string;
  readonly address: string;
  readonly prefix: number;
}

export interface LabLayout {
  /** Short id ([a-z0-9-]); prefixes namespaces and interfaces so two labs never collide. */
  readonly name: string;
  /** State folder (root only): configs, containers, storage, tasks, keys, logs, pid files. */
  readonly dir: string;
  /** The node and its LAN: the Proxmox host's sshd and API, the bridge, the containers and the Ansible controller. */
  readonly netns: string;
  /** The outside world: the public resolvers and the vantage host (the workflow's external VPS). */
  readonly wanNetns: string;
  readonly node: {
    /** Proxmox node name, as in API paths and `nodes/<name>/lxc/<vmid>.conf`. */
    readonly name: string;
    /** The node's management address (the inventory's proxmox_admin host) on its own bridge. */
    readonly management: LabAddress;
    readonly sshPort: number;
    readonly apiPort: number;
  };
  /** The container bridge (the example's vmbr1) and its address, the containers' gateway. */
  readonly bridge: LabAddress;
  /** The link between the lab and the outside world, lab side and wan side. */
  readonly uplink: { readonly lab: LabAddress; readonly wan: LabAddress };
  /** Addresses the wan namespace answers DNS on (the public resolvers the workflow names). */
  readonly publicResolvers: readonly string[];
  /** The vantage host's address in the wan namespace; it reaches services through the lab. */
  readonly vantage: LabAddress;
  /** Loopback ports in the machine's own namespace that the lab forwards in (ssh to the node, the API). */
  readonly forwards: { readonly sshPort: number; readonly apiPort: number };
  readonly paths: LabPaths;
}

export interface LabPaths {
  readonly dir: string;
  /** Proxmox's cluster file system root: `<pveEtc>/nodes/<node>/lxc/<vmid>.conf`. */
  readonly pveEtc: string;
  /** Where the node keeps its container configs (the `.conf` files). */
  readonly containerConfigs: string;
  /** LXC's lxcpath (`lxc-start -P`): one folder per container, named by vmid, with `config` and `upper/`. */
  readonly lxcPath: string;
  /** Storage `local` (type dir): `dump/` for vzdump archives, `template/cache/` for templates. */
  readonly storageLocal: string;
  /** Task logs: `<tasks>/<last hex digit of starttime>/<UPID>`, and `<tasks>/index` (one UPID per line). */
  readonly tasks: string;
  /** Per-vmid lock files (Proxmox's config lock). */
  readonly locks: string;
  /** Stand-in commands (`pct`, `pvesm`, `vzdump`) on the node's PATH. */
  readonly bin: string;
  /** Lab CA, node certificate, service certificates. */
  readonly pki: string;
  /** SSH keys: the node's host key, the operator's client key, known_hosts. */
  readonly ssh: string;
  /** The node's backup folder: the backup role's `backup_root_dir` in the lab (data-level archives, manifests). */
  readonly backups: string;
  /** Pid files of every process the lab started. */
  readonly run: string;
  readonly logs: string;
  /** What `certify lab env` prints, as files: API token, Ansible extra vars. */
  readonly env: string;
  /** The operator's HOME for Ansible in the lab: `.ssh/id_ed25519{,.pub}` and `.ssh/known_hosts`. */
  readonly home: string;
  /**
   * HOME of root's sessions on the node and on the vantage host (their sshd sets it): an empty
   * folder each, as a fresh Debian root's would be, so this machine's own shell setup (~/.bashrc
   * with its tools on the PATH) neither runs before every command nor leaks into the lab's hosts.
   */
  readonly nodeRootHome: string;
  readonly vantageRootHome: string;
}

export interface LabOptions {
  name?: string;
  dir?: string;
  /** Loopback ports the lab forwards in (default 2222 and 8006); tests pick free ones so labs run side by side. */
  forwards?: { sshPort?: number; apiPort?: number };
}

export const DEFAULT_LAB_NAME = 'certify';
export const DEFAULT_LAB_ROOT = '/var/lib/certify-lab';

/** Lab names become interface names (at most 15 bytes with a suffix), so keep them short. */
const LAB_NAME = /^[a-z][a-z0-9]{0,7}$/;

export function labLayout(options: LabOptions = {}): LabLayout {
  const name = options.name ?? DEFAULT_LAB_NAME;
  if (!LAB_NAME.test(name)) {
    throw new Error(`lab name '${name}' must be 1 to 8 lowercase letters or digits, starting with a letter`);
  }
  const dir = options.dir ?? path.join(DEFAULT_LAB_ROOT, name);
  const nodeName = 'pve01';
  const pveEtc = path.join(dir, 'etc/pve');
  return {
    name,
    dir,
    netns: `${name}-lab`,
    wanNetns: `${name}-wan`,
    node: {
      name: nodeName,
      management: { device: 'vmbr0', address: '192.168.1.10', prefix: 24 },
      sshPort: 22,
      apiPort: 8006,
    },
    bridge: { device: 'vmbr1', address: '172.16.10.1', prefix: 24 },
    uplink: {
      lab: { device: `${name}-up`, address: '198.51.100.1', prefix: 30 },
      wan: { device: `${name}-wan`, address: '198.51.100.2', prefix: 30 },
    },
    publicResolvers: ['1.1.1.1', '8.8.8.8'],
    vantage: { device: 'lo', address: '203.0.113.10', prefix: 32 },
    forwards: { sshPort: options.forwards?.sshPort ?? 2222, apiPort: options.forwards?.apiPort ?? 8006 },
    paths: {
      dir,
      pveEtc,
      containerConfigs: path.join(pveEtc, 'nodes', nodeName, 'lxc'),
      lxcPath: path.join(dir, 'lxc'),
      storageLocal: path.join(dir, 'storage/local'),
      tasks: path.join(dir, 'tasks'),
      locks: path.join(dir, 'locks'),
      bin: path.join(dir, 'bin'),
      pki: path.join(dir, 'pki'),
      ssh: path.join(dir, 'ssh'),
      backups: path.join(dir, 'backups'),
      run: path.join(dir, 'run'),
      logs: path.join(dir, 'logs'),
      env: path.join(dir, 'env'),
      home: path.join(dir, 'home'),
      nodeRootHome: path.join(dir, 'hosts/node-root'),
      vantageRootHome: path.join(dir, 'hosts/vantage-root'),
    },
  };
}
