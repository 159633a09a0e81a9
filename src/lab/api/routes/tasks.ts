// Tasks and backups: a task's status and log (how the Ansible module waits for a worker), and
// `POST /nodes/{node}/vzdump`, which starts a backup worker.

import { parseUpid } from '../../pve/node/upid';
import type { VzdumpParams } from '../../pve/pveNode';
import { enumParam, integerParam, parameterError, requiredParam, vmidParam, type Params } from '../params';
import { data, onNode, taskAnswer, type Route } from './route';

function upidParam(params: Params): string {
  const upid = requiredParam(params, 'upid');
  if (parseUpid(upid) === undefined) throw parameterError('upid', 'unable to parse worker upid');
  return upid;
}

const VZDUMP_MODES = ['snapshot', 'suspend', 'stop'] as const;
const VZDUMP_COMPRESS = ['0', '1', 'gzip', 'lzo', 'zstd'] as const;

function vzdumpParams(params: Params): VzdumpParams {
  const vmids = requiredParam(params, 'vmid').split(/[,;\s]+/).filter((id) => id !== '');
  if (vmids.length !== 1) throw parameterError('vmid', 'the lab backs up one guest per vzdump job');
  const compress = enumParam(params, 'compress', VZDUMP_COMPRESS);
  if (compress === '1' || compress === 'lzo') throw parameterError('compress', "the lab's vzdump writes '0', 'gzip' or 'zstd' archives");
  const mode = enumParam(params, 'mode', VZDUMP_MODES);
  return {
    vmid: vmidParam(vmids[0]),
    ...(mode === undefined ? {} : { mode }),
    ...(compress === undefined ? {} : { compress }),
    ...(params.storage === undefined ? {} : { storage: params.storage }),
    ...(params.dumpdir === undefined ? {} : { dumpdir: params.dumpdir }),
  };
}

export const TASK_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    path: 'nodes/{node}/vzdump',
    run: onNode(async ({ node, params, caller }) => taskAnswer(await node.vzdump(vzdumpParams(params), caller))),
  },
  {
    method: 'GET',
    path: 'nodes/{node}/tasks/{upid}/status',
    run: onNode(async ({ node, params }) => data(await node.taskStatus(upidParam(params)))),
  },
  {
    method: 'GET',
    path: 'nodes/{node}/tasks/{upid}/log',
    run: onNode(async ({ node, params }) => {
      // Proxmox's defaults: from line 0, 50 lines; `total` counts every line.
      const start = integerParam(params, 'start') ?? 0;
      const limit = integerParam(params, 'limit') ?? 50;
      const log = await node.taskLog(upidParam(params), start, limit);
      return { data: log.lines, total: log.total };
    }),
  },
];
