// The lab's Proxmox node over real LXC on this machine: the one implementation of PveNode that
// both front ends (the pct/pvesm/vzdump stand-ins and the HTTPS API) call. Each method is a
// thin door into the module that owns its concept; see ../../../../docs/lab.md.

import type { LabLayout } from '../../labLayout';
import type { Caller, ContainerConfig, ContainerStatus, CreateParams, PveNode, StorageStatus, Task, TaskLogLine, TaskStatus, Volume, VzdumpParams } from '../pveNode';
import { PveError } from '../pveNode';
import { updateConfig } from './configUpdate';
import { createWorker } from './create';
import { execInContainer, pullFile, pushFile } from './guestFiles';
import { destroyWorker, shutdownWorker, startWorker, stopWorker } from './lifecycle';
import { NodeContext } from './nodeContext';
import { restoreWorker } from './restore';
import { containerStatus } from './vmstatus';
import { vzdumpWorker } from './vzdump';

const FIRST_VMID = 100;
const VMID_LIMIT = 1_000_000;

export function openLocalNode(layout: LabLayout): PveNode {
  const ctx = new NodeContext(layout);

  const status = async (vmid: number): Promise<ContainerStatus> => {
    const config = ctx.store.load(vmid);
    return containerStatus(vmid, config, await ctx.runtime.facts(vmid));
  };

  return {
    nodeName: layout.node.name,

    async listContainers(): Promise<ContainerStatus[]> {
      const all: ContainerStatus[] = [];
      for (const vmid of ctx.store.vmids()) {
        try {
          all.push(await status(vmid));
        } catch (error) {
          if (!(error instanceof PveError)) throw error; // destroyed while we listed
        }
      }
      return all;
    },

    containerStatus: status,

    async containerConfig(vmid: number): Promise<ContainerConfig> {
      return ctx.store.load(vmid);
    },

    setConfig: (vmid, changes, deletes) => updateConfig(ctx, vmid, changes, deletes),

    async nextId(): Promise<number> {
      const used = new Set(ctx.store.vmids());
      for (let vmid = FIRST_VMID; vmid < VMID_LIMIT; vmid++) if (!used.has(vmid)) return vmid;
      throw new PveError(`unable to get any free VMID in range [${FIRST_VMID}, ${VMID_LIMIT}]`);
    },

    async storageStatus(): Promise<StorageStatus[]> {
      return ctx.storages.status();
    },

    async storageContent(storage: string, filter?: { content?: string; vmid?: number }): Promise<Volume[]> {
      return ctx.storages.content(storage, filter);
    },

    create: (params: CreateParams, caller: Caller): Promise<Task> => createWorker(ctx, params, caller),
    start: (vmid, caller) => startWorker(ctx, vmid, caller),
    stop: (vmid, caller) => stopWorker(ctx, vmid, caller),
    shutdown: (vmid, options, caller) => shutdownWorker(ctx, vmid, options, caller),
    destroy: (vmid, options, caller) => destroyWorker(ctx, vmid, options, caller),
    vzdump: (params: VzdumpParams, caller: Caller) => vzdumpWorker(ctx, params, caller),
    restore: (vmid, archive, options, caller) => restoreWorker(ctx, vmid, archive, options, caller),

    exec: (vmid, argv, io) => execInContainer(ctx, vmid, argv, io),
    push: (vmid, hostFile, containerFile, options) => pushFile(ctx, vmid, hostFile, containerFile, options),
    pull: (vmid, containerFile, hostFile) => pullFile(ctx, vmid, containerFile, hostFile),

    async taskStatus(upid: string): Promise<TaskStatus> {
      return ctx.tasks.status(upid);
    },

    async taskLog(upid: string, start?: number, limit?: number): Promise<{ total: number; lines: TaskLogLine[] }> {
      return ctx.tasks.log(upid, start, limit);
    },
  };
}
