// The lab's `vzdump <vmid> [--mode snapshot|stop|suspend] [--compress 0|gzip|zstd]
// [--storage s | --dumpdir d]`. Like pve-manager's vzdump it is a single-command tool
// (CLIHandler `handle_simple_cmd`, usage `vzdump {<vmid>} [OPTIONS]`) and a sync worker:
// the node's `INFO:` lines go to stdout as they come, a failed job exits 255.

import type { ToolIo } from '../../toolIo';
import type { PveNode, VzdumpParams } from '../pveNode';
import type { CliCommand } from './cliCommand';
import { listParam, stringParam } from './cliCommand';
import { withLabNode } from './labNode';
import { ParamException, PARAMETER_VERIFICATION_FAILED } from './paramException';
import { runCommand } from './runTool';
import { runSyncWorker } from './syncWorker';
import { commandUsage } from './usage';

const VZDUMP: CliCommand = {
  name: '',
  args: 'vmid',
  params: {
    vmid: { type: 'string', optional: true, format: 'pve-vmid-list' },
    mode: { type: 'string', optional: true, enum: ['snapshot', 'suspend', 'stop'] },
    // The lab's node writes tar, tar.gz and tar.zst; lzo ('1', 'lzo') is left out.
    compress: { type: 'string', optional: true, enum: ['0', 'gzip', 'zstd'] },
    storage: { type: 'string', optional: true },
    dumpdir: { type: 'string', optional: true },
  },
  run: async ({ io, node, params }) => {
    const vmids = listParam(params, 'vmid');
    // PVE::VZDump::verify_vzdump_parameters
    if (vmids.length === 0) throw new ParamException(PARAMETER_VERIFICATION_FAILED, { vmid: 'property is missing' });
    if (params.storage !== undefined && params.dumpdir !== undefined) {
      throw new ParamException(PARAMETER_VERIFICATION_FAILED, { dumpdir: "option conflicts with option 'storage'" });
    }
    if (vmids.length > 1) throw new Error('the lab backs up one guest per vzdump job: run vzdump once per vmid');
    const request: VzdumpParams = {
      vmid: Number(vmids[0]),
      ...optional('mode', stringParam(params, 'mode') as VzdumpParams['mode']),
      ...optional('compress', stringParam(params, 'compress') as VzdumpParams['compress']),
      ...optional('storage', stringParam(params, 'storage')),
      ...optional('dumpdir', stringParam(params, 'dumpdir')),
    };
    return runSyncWorker(io, (caller) => node.vzdump(request, caller));
  },
};

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export async function vzdumpCommand(argv: readonly string[], io: ToolIo, node: PveNode): Promise<number> {
  if (argv[0] === 'help') {
    // handle_simple_cmd prints its usage to stderr and exits 0; the lab has no option descriptions to add.
    io.stderr.write(`USAGE: vzdump help\nUSAGE: ${commandUsage('vzdump', VZDUMP)}`);
    return 0;
  }
  return runCommand('vzdump', VZDUMP, argv, io, node);
}

export async function runVzdump(argv: readonly string[], io: ToolIo): Promise<number> {
  return withLabNode(io, (node) => vzdumpCommand(argv, io, node));
}
