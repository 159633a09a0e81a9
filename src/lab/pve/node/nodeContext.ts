// What every part of the local node shares: the lab's layout, the container configs, the LXC
// runtime, the task store, the storages, and the checks Proxmox makes before a worker starts.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { LabLayout } from '../../labLayout';
import { PveError, type ContainerConfig } from '../pveNode';
import { withConfigLock } from './configLock';
import { ContainerStore } from './containerStore';
import { firstAddress, lxcConfigText } from './lxcConfig';
import { LxcRuntime } from './lxcRuntime';
import { Storages } from './storage';
import { TaskStore } from './tasks';
import { parsePropertyString } from './propertyString';
import { installInit, writeHostFiles, type Identity } from './upperLayer';

export class NodeContext {
  readonly store: ContainerStore;
  readonly runtime: LxcRuntime;
  readonly tasks: TaskStore;
  readonly storages: Storages;

  constructor(readonly layout: LabLayout) {
    this.store = new ContainerStore(layout);
    this.runtime = new LxcRuntime(layout.netns, layout.paths.lxcPath);
    this.tasks = new TaskStore(layout.paths.tasks, layout.node.name);
    this.storages = new Storages(layout.paths.storageLocal, () =>
      this.store.vmids().flatMap((vmid) => {
        try {
          const rootfs = this.store.load(vmid).values.rootfs;
          return typeof rootfs === 'string' ? [{ vmid, rootfs }] : [];
        } catch {
          return []; // removed while we looked
        }
      }),
    );
  }

  get nodeName(): string {
    return this.layout.node.name;
  }

  /** Runs `action` holding the container's config lock (across processes). */
  locked<T>(vmid: number, action: () => Promise<T>): Promise<T> {
    return withConfigLock(this.layout.paths.locks, vmid, action);
  }

  /** `CT is locked (<lock>)` when the config carries a lock (create, backup, …). */
  checkLock(config: ContainerConfig): void {
    const lock = config.values.lock;
    if (lock !== undefined && lock !== '') throw new PveError(`CT is locked (${String(lock)})`);
  }

  /**
   * Refusals of a create or restore over an existing vmid: without force it is Proxmox's
   * `CT <vmid> already exists on node '<node>'` (pve-cluster `check_vmid_unused`); with force,
   * a protected or locked container is still refused.
   */
  checkOverwrite(vmid: number, force: boolean): void {
    if (!this.store.exists(vmid)) return;
    if (!force) throw new PveError(`CT ${vmid} already exists on node '${this.nodeName}'`);
    const config = this.store.load(vmid);
    if (config.values.protection === 1) throw new PveError(`unable to restore CT ${vmid} - protection mode enabled`);
    this.checkLock(config);
  }

  /** Writes LXC's config from the Proxmox config and starts the container. */
  async startContainer(vmid: number, log?: (line: string) => void): Promise<void> {
    const config = this.store.load(vmid);
    for (const key of Object.keys(config.values).filter((k) => /^net\d+$/.test(k))) {
      const bridge = parsePropertyString(String(config.values[key])).bridge;
      if (bridge !== undefined && !(await this.runtime.deviceExists(bridge))) throw new Error(`bridge '${bridge}' does not exist`);
    }
    const containerDir = this.store.containerDir(vmid);
    mkdirSync(containerDir, { recursive: true });
    const text = lxcConfigText({ vmid, values: config.values, lxc: config.lxc, containerDir });
    writeFileSync(path.join(containerDir, 'config'), text);
    writeHostFiles(this.store.upperDir(vmid), this.identity(vmid, config));
    // The init is the lab's machinery, not the container's data: every start gets the current one.
    installInit(this.store.upperDir(vmid));
    try {
      await this.runtime.start(vmid);
    } catch (error) {
      log?.((error as Error).message);
      throw new Error(`startup for container '${vmid}' failed`);
    }
  }

  /** Hostname, address and resolvers of a container, from its config (the lab's LAN resolver by default). */
  identity(vmid: number, config: ContainerConfig): Identity {
    const values = config.values;
    const address = this.address(config);
    return {
      hostname: String(values.hostname ?? `CT${vmid}`),
      ...(address === undefined ? {} : { address }),
      // Proxmox copies the node's resolvers; the lab's node resolves through the LAN's dnsmasq on the bridge.
      nameserver: typeof values.nameserver === 'string' ? values.nameserver : this.layout.bridge.address,
      ...(typeof values.searchdomain === 'string' ? { searchdomain: values.searchdomain } : {}),
    };
  }

  /** The static address of a container, for messages and /etc/hosts. */
  address(config: ContainerConfig): string | undefined {
    return firstAddress(config.values);
  }

  /** The OS of the container's base (the host's own files are its lower layer). */
  detectedOstype(): string {
    try {
      const id = /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, '');
      const known = ['debian', 'devuan', 'ubuntu', 'centos', 'fedora', 'opensuse', 'archlinux', 'alpine', 'gentoo', 'nixos'];
      return id !== undefined && known.includes(id) ? id : 'unmanaged';
    } catch {
      return 'unmanaged';
    }
  }
}
