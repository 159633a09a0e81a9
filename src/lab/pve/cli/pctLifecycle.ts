// pct's worker commands: create, restore, start, stop, shutdown, destroy. Each hands its
// parameters to the node, which checks the preconditions (a PveError before any task, as
// Proxmox dies before forking) and runs the worker; the CLI follows it as a sync worker.
// Options the lab cannot honour (--skiplock, --debug, --overrule-shutdown) are left out of
// the schemas, so they fail as unknown options instead of being silently ignored.

import { readFile } from 'node:fs/promises';
import type { CliCommand, Params } from './cliCommand';
import { flagParam, stringParam } from './cliCommand';
import { VMID_PARAM } from './paramSchema';
import { CREATE_WITH_RESTORE_PARAMS, RESTORE_PARAMS } from './pctParams';
import { runSyncWorker } from './syncWorker';

const flag = { type: 'boolean', optional: true } as const;

export const pctCreate: CliCommand = {
  name: 'create',
  args: ['vmid', 'ostemplate'],
  params: CREATE_WITH_RESTORE_PARAMS,
  run: async ({ io, node, params }) => {
    const vmid = Number(params.vmid);
    const ostemplate = stringParam(params, 'ostemplate') as string;
    const options = await createOptions(params);
    if (options.restore === '1') {
      delete options.restore;
      return runSyncWorker(io, (caller) => node.restore(vmid, ostemplate, options, caller));
    }
    delete options.restore;
    return runSyncWorker(io, (caller) => node.create({ vmid, ostemplate, options }, caller));
  },
};

export const pctRestore: CliCommand = {
  name: 'restore',
  args: ['vmid', 'ostemplate'],
  params: RESTORE_PARAMS,
  run: async ({ io, node, params }) => {
    const vmid = Number(params.vmid);
    const archive = stringParam(params, 'ostemplate') as string;
    const options = await createOptions(params);
    return runSyncWorker(io, (caller) => node.restore(vmid, archive, options, caller));
  },
};

/**
 * The API parameters pct sends for create/restore. pct.pm's parameter mapping reads the
 * file named by `--ssh-public-keys` and sends its contents (PVE::Tools::file_get_contents),
 * and prompts for an empty `--password`.
 */
async function createOptions(params: Params): Promise<Record<string, string>> {
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'vmid' || key === 'ostemplate' || typeof value !== 'string') continue;
    options[key] = value;
  }
  const keysFile = options['ssh-public-keys'];
  if (keysFile !== undefined) {
    try {
      options['ssh-public-keys'] = await readFile(keysFile, 'utf8');
    } catch (error) {
      throw new Error(`can't open '${keysFile}' - ${errnoText(error)}`);
    }
  }
  if (options.password === '') {
    // Proxmox reads it from the terminal; the lab's pct runs over ssh without one.
    throw new Error('no password given: the lab reads no terminal, pass it as --password <value>');
  }
  return options;
}

/** Perl's `$!` text for the common cases (strerror). */
function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'No such file or directory';
  if (code === 'EACCES') return 'Permission denied';
  if (code === 'EISDIR') return 'Is a directory';
  return (error as Error).message;
}

export const pctStart: CliCommand = {
  name: 'start',
  args: ['vmid'],
  params: { vmid: VMID_PARAM },
  run: async ({ io, node, params }) => runSyncWorker(io, (caller) => node.start(Number(params.vmid), caller)),
};

export const pctStop: CliCommand = {
  name: 'stop',
  args: ['vmid'],
  params: { vmid: VMID_PARAM },
  run: async ({ io, node, params }) => runSyncWorker(io, (caller) => node.stop(Number(params.vmid), caller)),
};

export const pctShutdown: CliCommand = {
  name: 'shutdown',
  args: ['vmid'],
  params: { vmid: VMID_PARAM, timeout: { type: 'integer', optional: true, minimum: 0 }, forceStop: flag },
  run: async ({ io, node, params }) => {
    const timeout = stringParam(params, 'timeout');
    const options = {
      ...(timeout === undefined ? {} : { timeout: Number(timeout) }),
      ...(params.forceStop === undefined ? {} : { forceStop: flagParam(params, 'forceStop') }),
    };
    return runSyncWorker(io, (caller) => node.shutdown(Number(params.vmid), options, caller));
  },
};

export const pctDestroy: CliCommand = {
  name: 'destroy',
  args: ['vmid'],
  // The lab's only disks are the containers' own, so there are never unreferenced ones to destroy.
  params: { vmid: VMID_PARAM, force: flag, purge: flag, 'destroy-unreferenced-disks': flag },
  run: async ({ io, node, params }) => {
    const options = { force: flagParam(params, 'force'), purge: flagParam(params, 'purge') };
    return runSyncWorker(io, (caller) => node.destroy(Number(params.vmid), options, caller));
  },
};
