// The lab's `pvesm`: `list <storage> [--content X] [--vmid N]` and `status [--storage S]
// [--enabled]`, printed as pve-storage's pvesm.pm prints them (pvesmFormats.ts).

import type { ToolIo } from '../../toolIo';
import { PveError, type PveNode } from '../pveNode';
import type { CliCommand } from './cliCommand';
import { stringParam } from './cliCommand';
import { withLabNode } from './labNode';
import { VMID_PARAM } from './paramSchema';
import { formatContentList, formatStorageStatus } from './pvesmFormats';
import { runMultiCommandTool, type ToolDef } from './runTool';

/** pve-storage's `pve-storage-content` enumeration. */
const CONTENT_TYPES = ['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'import'];

const pvesmList: CliCommand = {
  name: 'list',
  args: ['storage'],
  params: {
    storage: { type: 'string' },
    content: { type: 'string', optional: true, enum: CONTENT_TYPES },
    vmid: { ...VMID_PARAM, optional: true },
  },
  run: async ({ io, node, params }) => {
    const content = stringParam(params, 'content');
    const vmid = stringParam(params, 'vmid');
    const filter = {
      ...(content === undefined ? {} : { content }),
      ...(vmid === undefined ? {} : { vmid: Number(vmid) }),
    };
    io.stdout.write(formatContentList(await node.storageContent(stringParam(params, 'storage') as string, filter)));
    return 0;
  },
};

const pvesmStatus: CliCommand = {
  name: 'status',
  args: [],
  params: {
    storage: { type: 'string', optional: true },
    // The lab's storages are all enabled, so --enabled lists every one: nothing to filter.
    enabled: { type: 'boolean', optional: true },
  },
  run: async ({ io, node, params }) => {
    const wanted = stringParam(params, 'storage');
    let storages = await node.storageStatus();
    if (wanted !== undefined) {
      storages = storages.filter((storage) => storage.storage === wanted);
      if (storages.length === 0) throw new PveError(`storage '${wanted}' does not exist`);
    }
    io.stdout.write(formatStorageStatus(storages));
    return 0;
  },
};

export const PVESM: ToolDef = { name: 'pvesm', commands: [pvesmList, pvesmStatus] };

export function pvesmCommand(argv: readonly string[], io: ToolIo, node: PveNode): Promise<number> {
  return runMultiCommandTool(PVESM, argv, io, node);
}

export async function runPvesm(argv: readonly string[], io: ToolIo): Promise<number> {
  return withLabNode(io, (node) => pvesmCommand(argv, io, node));
}
