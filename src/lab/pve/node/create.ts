// `pct create` / `POST /nodes/{node}/lxc`: the parameters are checked and the config is
// written with `lock: create` before the worker starts (so a second create of the same vmid is
// refused at once); the worker lays the container's own layer over the host's files, makes its
// sshd keys, sets root's password and keys, writes the final config and starts it if asked.
// With `force`, a stopped, unprotected container of the same vmid is replaced.
// A failed worker removes what it made, as Proxmox does, with `unable to create CT <vmid> - `.

import { rmSync } from 'node:fs';
import { PveError, type Caller, type CreateParams, type Task } from '../pveNode';
import { createSettings } from './createConfig';
import { makeHostKeys } from './hostKeys';
import type { NodeContext } from './nodeContext';
import { restoreWorker } from './restore';
import { hashPassword, prepareUpperLayer, writeHostFiles, writeRootAccess } from './upperLayer';
import { parseVmid } from './vmid';

export async function createWorker(ctx: NodeContext, params: CreateParams, caller: Caller): Promise<Task> {
  const vmid = parseVmid(params.vmid);
  const settings = createSettings(vmid, params.options, { arch: 'amd64', ostype: ctx.detectedOstype() });
  if (settings.restore) return restoreWorker(ctx, vmid, params.ostemplate, params.options, caller);
  const template = ctx.storages.templatePath(params.ostemplate);
  let replacing = false;
  await ctx.locked(vmid, async () => {
    // `force` overwrites an existing container (the Ansible module's `force: yes`), never a protected or running one.
    ctx.checkOverwrite(vmid, settings.force);
    replacing = ctx.store.exists(vmid);
    if (replacing && (await ctx.runtime.state(vmid)) === 'running') throw new PveError(`can't overwrite running container`);
    ctx.store.write(vmid, { ...settings.values, lock: 'create' });
  });
  return ctx.tasks.start('vzcreate', String(vmid), caller, async (log) => {
    try {
      await ctx.locked(vmid, async () => {
        const upper = ctx.store.upperDir(vmid);
        if (replacing) rmSync(ctx.store.containerDir(vmid), { recursive: true, force: true });
        log(`extracting archive '${template}'`);
        await prepareUpperLayer(upper, ctx.layout.dir);
        log(`Detected container architecture: ${String(settings.values.arch)}`);
        const config = ctx.store.load(vmid);
        writeHostFiles(upper, ctx.identity(vmid, config));
        const rootPasswordHash = settings.password === undefined ? undefined : await hashPassword(settings.password);
        writeRootAccess(upper, {
          ...(rootPasswordHash === undefined ? {} : { rootPasswordHash }),
          ...(settings.sshPublicKeys === undefined ? {} : { sshPublicKeys: settings.sshPublicKeys }),
        });
        await makeHostKeys(upper, String(settings.values.hostname), log);
        ctx.store.write(vmid, settings.values);
        if (settings.start) await ctx.startContainer(vmid, log);
      });
    } catch (error) {
      // A container that failed to start stays (as on Proxmox); one that failed to be made goes.
      if (ctx.store.exists(vmid) && ctx.store.load(vmid).values.lock === 'create') {
        rmSync(ctx.store.containerDir(vmid), { recursive: true, force: true });
        rmSync(ctx.store.configPath(vmid), { force: true });
        throw new Error(`unable to create CT ${vmid} - ${(error as Error).message}`);
      }
      throw error;
    }
  });
}
