// pct's read-only commands: list, status, config. Each loads what the node reports and
// prints it in pct.pm's formats (pctFormats.ts); a missing CT is the node's PveError.

import type { CliCommand } from './cliCommand';
import { flagParam, stringParam } from './cliCommand';
import { VMID_PARAM } from './paramSchema';
import { formatPctConfig, formatPctList, formatPctStatus } from './pctFormats';

export const pctList: CliCommand = {
  name: 'list',
  args: [],
  params: {},
  run: async ({ io, node }) => {
    io.stdout.write(formatPctList(await node.listContainers()));
    return 0;
  },
};

export const pctStatus: CliCommand = {
  name: 'status',
  args: ['vmid'],
  params: { vmid: VMID_PARAM, verbose: { type: 'boolean', optional: true } },
  run: async ({ io, node, params }) => {
    // pct.pm loads the config first, so a missing CT reports the missing-config message.
    const vmid = Number(params.vmid);
    await node.containerConfig(vmid);
    io.stdout.write(formatPctStatus(await node.containerStatus(vmid), flagParam(params, 'verbose')));
    return 0;
  },
};

export const pctConfig: CliCommand = {
  name: 'config',
  args: ['vmid'],
  params: {
    vmid: VMID_PARAM,
    // The lab applies every change at once (no pending section), so current and pending agree.
    current: { type: 'boolean', optional: true },
    snapshot: { type: 'string', optional: true },
  },
  run: async ({ io, node, params }) => {
    const vmid = Number(params.vmid);
    const config = await node.containerConfig(vmid);
    const snapshot = stringParam(params, 'snapshot');
    // The lab takes no snapshots, so any name is one Proxmox would not find.
    if (snapshot !== undefined) throw new Error(`snapshot '${snapshot}' does not exist`);
    io.stdout.write(formatPctConfig(config));
    return 0;
  },
};
