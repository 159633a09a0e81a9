// Starting and stopping containers, and destroying them: the preconditions Proxmox checks
// before a worker starts (pve-container API2/LXC/Status.pm and API2/LXC.pm `destroy_vm`), then
// the worker, under the container's config lock.

import { rmSync } from 'node:fs';
import { PveError, type Caller, type Task } from '../pveNode';
import type { NodeContext } from './nodeContext';

export async function startWorker(ctx: NodeContext, vmid: number, caller: Caller): Promise<Task> {
  if ((await ctx.runtime.state(vmid)) === 'running') throw new PveError(`CT ${vmid} already running`);
  // A missing config is the worker's error (exit 255), as on Proxmox; a lock is refused before.
  if (ctx.store.exists(vmid)) ctx.checkLock(ctx.store.load(vmid));
  return ctx.tasks.start('vzstart', String(vmid), caller, (log) =>
    ctx.locked(vmid, async () => {
      const config = ctx.store.load(vmid);
      if (config.values.template === 1) throw new Error(`you can't start a CT if it's a template`);
      await ctx.startContainer(vmid, log);
    }),
  );
}

async function checkRunning(ctx: NodeContext, vmid: number): Promise<void> {
  if ((await ctx.runtime.state(vmid)) !== 'running') throw new PveError(`CT ${vmid} not running`);
  if (ctx.store.exists(vmid)) ctx.checkLock(ctx.store.load(vmid));
}

export async function stopWorker(ctx: NodeContext, vmid: number, caller: Caller): Promise<Task> {
  await checkRunning(ctx, vmid);
  return ctx.tasks.start('vzstop', String(vmid), caller, () => ctx.locked(vmid, () => ctx.runtime.kill(vmid)));
}

export async function shutdownWorker(ctx: NodeContext, vmid: number, options: { timeout?: number; forceStop?: boolean }, caller: Caller): Promise<Task> {
  await checkRunning(ctx, vmid);
  const timeout = options.timeout ?? 60;
  return ctx.tasks.start('vzshutdown', String(vmid), caller, () =>
    ctx.locked(vmid, async () => {
      if (await ctx.runtime.shutdown(vmid, timeout)) return;
      if (!options.forceStop) throw new Error('container did not stop');
      await ctx.runtime.kill(vmid);
    }),
  );
}

export async function destroyWorker(ctx: NodeContext, vmid: number, options: { force?: boolean; purge?: boolean }, caller: Caller): Promise<Task> {
  const config = ctx.store.load(vmid);
  if (config.values.protection === 1) throw new PveError(`can't remove CT ${vmid} - protection mode enabled`);
  ctx.checkLock(config);
  const running = (await ctx.runtime.state(vmid)) === 'running';
  if (running && !options.force) throw new PveError(`unable to destroy CT ${vmid} - container is running`);
  return ctx.tasks.start('vzdestroy', String(vmid), caller, (log) =>
    ctx.locked(vmid, async () => {
      if ((await ctx.runtime.state(vmid)) === 'running') {
        log(`forced to stop CT ${vmid} before destroying!`);
        await ctx.runtime.kill(vmid);
      }
      // The whole folder goes: LXC's config, the overlay's work dir, the container's files.
      rmSync(ctx.store.containerDir(vmid), { recursive: true, force: true });
      rmSync(ctx.store.configPath(vmid), { force: true });
      if (options.purge) log(`purging CT ${vmid} from related configurations..`);
    }),
  );
}
