// `pct restore <vmid> <archive>` and `create` with `restore=1`: the container comes back from a
// vzdump archive, its own layer unpacked and its config recovered from `etc/vzdump/pct.conf`,
// then merged with the given parameters. The root disk is allocated anew on `--storage`
// (default `local`, as Proxmox's schema says) with the backed-up size. Over an existing
// container only with force, never over a protected or running one.

import { rmSync } from 'node:fs';
import { PveError, type Caller, type ConfigValue, type Task } from '../pveNode';
import { parseConfig } from './configFormat';
import { allocateRootfs, readRootfs } from './containerDisks';
import { extractContainerArchive, readArchiveConfig } from './containerArchive';
import { createSettings } from './createConfig';
import type { NodeContext } from './nodeContext';
import { parseVmid } from './vmid';

export async function restoreWorker(ctx: NodeContext, vmidValue: number, archive: string, options: Readonly<Record<string, string>>, caller: Caller): Promise<Task> {
  const vmid = parseVmid(vmidValue);
  const settings = createSettings(vmid, options, { arch: 'amd64', ostype: ctx.detectedOstype() });
  const given: Record<string, ConfigValue> = {};
  for (const key of Object.keys(options)) if (key in settings.values && key !== 'rootfs') given[key] = settings.values[key] as ConfigValue;
  const file = ctx.storages.backupPath(archive);
  await ctx.locked(vmid, async () => {
    ctx.checkOverwrite(vmid, settings.force);
    if (ctx.store.exists(vmid) && (await ctx.runtime.state(vmid)) === 'running') throw new PveError(`can't overwrite running container`);
    const previous = ctx.store.exists(vmid) ? ctx.store.load(vmid).values : {};
    ctx.store.write(vmid, { ...previous, lock: 'create' });
  });
  return ctx.tasks.start('vzrestore', String(vmid), caller, (log) =>
    ctx.locked(vmid, async () => {
      try {
        log(`recovering backed-up configuration from '${archive}'`);
        const backup = parseConfig(await readArchiveConfig(file));
        rmSync(ctx.store.containerDir(vmid), { recursive: true, force: true });
        log(`restoring '${archive}' now..`);
        log(`extracting archive '${file}'`);
        const totals = await extractContainerArchive(file, ctx.store.upperDir(vmid));
        if (totals !== '') log(totals);
        const values: Record<string, ConfigValue> = { ...backup.values };
        delete values.lock;
        log(`Detected container architecture: ${String(values.arch ?? 'amd64')}`);
        log('merging backed-up and given configuration..');
        const size = typeof values.rootfs === 'string' ? (readRootfs(values.rootfs)?.size ?? 4 * 1024 ** 3) : 4 * 1024 ** 3;
        values.rootfs = allocateRootfs(vmid, `${options.storage ?? 'local'}:${size / 1024 ** 3}`).text;
        Object.assign(values, given);
        ctx.store.write(vmid, values, backup.lxc);
        if (settings.start) await ctx.startContainer(vmid, log);
      } catch (error) {
        if (ctx.store.exists(vmid) && ctx.store.load(vmid).values.lock === 'create') {
          rmSync(ctx.store.containerDir(vmid), { recursive: true, force: true });
          rmSync(ctx.store.configPath(vmid), { force: true });
          throw new Error(`unable to restore CT ${vmid} - ${(error as Error).message}`);
        }
        throw error;
      }
    }),
  );
}
