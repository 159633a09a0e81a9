// vzdump for one lab container (pve-manager VZDump.pm with pve-container's LXC plugin): the
// log lines in Proxmox's sequence and format, the archive written to `<basename>.tar.dat` and
// renamed at the end, the per-guest `<basename>.log` beside it. The config carries
// `lock: backup` meanwhile, so pct and the API refuse to touch the container. The lab has no
// storage snapshots: snapshot and suspend modes freeze a running container while tar reads its
// layer when LXC can (it needs a freezer cgroup), else tar reads the live layer; stop mode shuts
// the container down and starts it again. A stopped container is always backed up in stop mode.

import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PveError, type Caller, type Task, type VzdumpParams } from '../pveNode';
import { printConfig } from './configFormat';
import { writeContainerArchive } from './containerArchive';
import type { NodeContext } from './nodeContext';
import { archiveBasename, archiveExtension, formatArchiveSize, formatDuration, logTimestamp } from './vzdumpNames';

export async function vzdumpWorker(ctx: NodeContext, params: VzdumpParams, caller: Caller): Promise<Task> {
  const { vmid } = params;
  const mode = params.mode ?? 'snapshot';
  const compress = params.compress ?? '0';
  if (params.storage !== undefined && params.storage !== 'local') {
    if (!ctx.storages.names().includes(params.storage)) throw new PveError(`storage '${params.storage}' does not exist`);
    throw new PveError(`can't use storage '${params.storage}' for backups - wrong content type`);
  }
  const job = ['vzdump', String(vmid)];
  if (params.mode !== undefined) job.push('--mode', params.mode);
  if (params.compress !== undefined) job.push('--compress', params.compress);
  if (params.storage !== undefined) job.push('--storage', params.storage);
  if (params.dumpdir !== undefined) job.push('--dumpdir', params.dumpdir);
  return ctx.tasks.start('vzdump', String(vmid), caller, async (taskLog) => {
    const info = (line: string): void => taskLog(`INFO: ${line}`);
    info(`starting new backup job: ${job.join(' ')}`);
    if (!ctx.store.exists(vmid)) throw new Error(`unable to find VM '${vmid}'`);
    const dumpdir = params.dumpdir ?? ctx.storages.dumpDir;
    if (params.dumpdir !== undefined && !existsSync(dumpdir)) throw new Error(`dumpdir '${dumpdir}' does not exist`);
    mkdirSync(dumpdir, { recursive: true });
    const started = new Date();
    const basename = archiveBasename(vmid, started);
    const archive = path.join(dumpdir, `${basename}${archiveExtension(compress)}`);
    const guestLog = path.join(dumpdir, `${basename}.log`);
    // The per-guest log keeps the guest's own lines, timestamped; the job lines are the task's only.
    const guest = (line: string): void => {
      info(line);
      appendFileSync(guestLog, `${logTimestamp(new Date())} INFO: ${line}\n`);
    };
    const fail = (error: unknown): never => {
      const message = (error as Error).message;
      taskLog(`ERROR: Backup of VM ${vmid} failed - ${message}`);
      appendFileSync(guestLog, `${logTimestamp(new Date())} ERROR: Backup of VM ${vmid} failed - ${message}\n`);
      info(`Failed at ${logTimestamp(new Date())}`);
      info('Backup job finished with errors');
      throw new Error('job errors');
    };
    guest(`Starting Backup of VM ${vmid} (lxc)`);
    info(`Backup started at ${logTimestamp(started)}`);
    try {
      await ctx.locked(vmid, async () => {
        const config = ctx.store.load(vmid);
        ctx.checkLock(config);
        ctx.store.write(vmid, { ...config.values, lock: 'backup' }, config.lxc);
      });
    } catch (error) {
      fail(error);
    }
    try {
      const config = ctx.store.load(vmid);
      const configText = printConfig({ values: Object.fromEntries(Object.entries(config.values).filter(([key]) => key !== 'lock')), lxc: config.lxc });
      const running = (await ctx.runtime.state(vmid)) === 'running';
      const effectiveMode = running ? mode : 'stop';
      guest(`status = ${running ? 'running' : 'stopped'}`);
      const describe = (): void => {
        guest(`CT Name: ${String(config.values.hostname ?? `CT${vmid}`)}`);
        guest(`including mount point rootfs ('/') in backup`);
      };
      const modeLines = (): void => {
        guest(`backup mode: ${effectiveMode}`);
        guest('ionice priority: 7');
      };
      const temporary = path.join(dumpdir, `${basename}.tar.dat`);
      const write = async (): Promise<void> => {
        guest(`creating vzdump archive '${archive}'`);
        const totals = await writeContainerArchive({
          upper: ctx.store.upperDir(vmid), configText, target: temporary,
          scratch: path.join(dumpdir, `${basename}.tmp`), compress,
        });
        if (totals !== '') guest(totals);
      };
      if (effectiveMode === 'stop') {
        modeLines();
        describe();
        if (running) {
          guest('stopping virtual guest');
          if (!(await ctx.runtime.shutdown(vmid, 600))) await ctx.runtime.kill(vmid);
        }
        await write();
        if (running) {
          const restarting = Date.now();
          guest('restarting vm');
          await ctx.startContainer(vmid);
          guest(`guest is online again after ${Math.round((Date.now() - restarting) / 1000)} seconds`);
        }
      } else if (effectiveMode === 'suspend') {
        modeLines();
        describe();
        const suspended = Date.now();
        guest('suspending guest');
        const frozen = (await ctx.runtime.freeze(vmid)).code === 0;
        try {
          await write();
        } finally {
          if (frozen) await ctx.runtime.unfreeze(vmid);
        }
        guest('resuming guest');
        guest(`guest is online again after ${Math.round((Date.now() - suspended) / 1000)} seconds`);
      } else {
        describe();
        modeLines();
        guest(`create storage snapshot 'vzdump'`);
        // Freezing needs a freezer cgroup LXC may not have here; then tar reads the live layer.
        const frozen = (await ctx.runtime.freeze(vmid)).code === 0;
        try {
          await write();
        } finally {
          if (frozen) await ctx.runtime.unfreeze(vmid);
        }
      }
      renameSync(temporary, archive);
      guest(`archive file size: ${formatArchiveSize(statSync(archive).size)}`);
      if (effectiveMode === 'snapshot') guest(`cleanup temporary 'vzdump' snapshot`);
      guest(`Finished Backup of VM ${vmid} (${formatDuration((Date.now() - started.getTime()) / 1000)})`);
      info(`Backup finished at ${logTimestamp(new Date())}`);
      info('Backup job finished successfully');
    } catch (error) {
      rmSync(path.join(dumpdir, `${basename}.tar.dat`), { force: true });
      fail(error);
    } finally {
      await ctx.locked(vmid, async () => {
        if (ctx.store.exists(vmid) && ctx.store.load(vmid).values.lock === 'backup') ctx.store.update(vmid, (values) => delete values.lock);
      });
    }
  });
}
