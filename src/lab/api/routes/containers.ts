// The LXC routes: list, create, config, status, start/stop/shutdown and delete. Workers answer
// a UPID (once done, or after a second: route.ts taskAnswer) and run on in this process; a
// failed precondition is a 500 and no task.

import { PveError } from '../../pve/pveNode';
import { booleanParam, integerParam, otherParams, requiredParam, vmidParam } from '../params';
import type { ApiResult } from '../reply';
import { data, onNode, taskAnswer, type Route, type RouteContext } from './route';

/** `PUT …/config`: `delete` lists keys (comma, semicolon or space separated); `digest` guards against a concurrent change. */
async function setConfig({ node, params }: RouteContext): Promise<ApiResult> {
  const vmid = vmidParam(params.vmid);
  const deletes = (params.delete ?? '').split(/[,;\s]+/).filter((key) => key !== '');
  const changes = otherParams(params, ['node', 'vmid', 'digest', 'delete', 'revert']);
  if (Object.keys(changes).length === 0 && deletes.length === 0) throw new PveError('no options specified\n');
  if (params.digest !== undefined && params.digest !== (await node.containerConfig(vmid)).digest) {
    throw new PveError('detected modified configuration - file changed by other user? Try again.\n');
  }
  await node.setConfig(vmid, changes, deletes);
  return data(null);
}

async function containerConfig({ node, params }: RouteContext): Promise<ApiResult> {
  const config = await node.containerConfig(vmidParam(params.vmid));
  return data({ ...config.values, digest: config.digest, ...(config.lxc.length === 0 ? {} : { lxc: config.lxc }) });
}

/** Directory indexes (`GET …/lxc/{vmid}`, `GET …/status`) exist only for an existing container. */
function index(names: readonly string[]): Route['run'] {
  return onNode(async ({ node, params }) => {
    await node.containerConfig(vmidParam(params.vmid));
    return data(names.map((subdir) => ({ subdir })));
  });
}

export const CONTAINER_ROUTES: readonly Route[] = [
  { method: 'GET', path: 'nodes/{node}/lxc', run: onNode(async ({ node }) => data(await node.listContainers())) },
  {
    method: 'POST',
    path: 'nodes/{node}/lxc',
    run: onNode(async ({ node, params, caller }) => {
      const vmid = vmidParam(params.vmid);
      const ostemplate = requiredParam(params, 'ostemplate');
      return taskAnswer(await node.create({ vmid, ostemplate, options: otherParams(params, ['node', 'vmid', 'ostemplate']) }, caller));
    }),
  },
  { method: 'GET', path: 'nodes/{node}/lxc/{vmid}', run: index(['config', 'status', 'snapshot', 'vncproxy', 'rrd', 'rrddata']) },
  {
    method: 'DELETE',
    path: 'nodes/{node}/lxc/{vmid}',
    run: onNode(async ({ node, params, caller }) => {
      const vmid = vmidParam(params.vmid);
      const force = booleanParam(params, 'force');
      const purge = booleanParam(params, 'purge');
      return taskAnswer(await node.destroy(vmid, { ...(force === undefined ? {} : { force }), ...(purge === undefined ? {} : { purge }) }, caller));
    }),
  },
  { method: 'GET', path: 'nodes/{node}/lxc/{vmid}/config', run: onNode(containerConfig) },
  { method: 'PUT', path: 'nodes/{node}/lxc/{vmid}/config', run: onNode(setConfig) },
  { method: 'GET', path: 'nodes/{node}/lxc/{vmid}/status', run: index(['current', 'start', 'stop', 'shutdown', 'reboot', 'suspend', 'resume']) },
  {
    method: 'GET',
    path: 'nodes/{node}/lxc/{vmid}/status/current',
    run: onNode(async ({ node, params }) => data({ ...(await node.containerStatus(vmidParam(params.vmid))), ha: { managed: 0 } })),
  },
  {
    method: 'POST',
    path: 'nodes/{node}/lxc/{vmid}/status/start',
    run: onNode(async ({ node, params, caller }) => taskAnswer(await node.start(vmidParam(params.vmid), caller))),
  },
  {
    method: 'POST',
    path: 'nodes/{node}/lxc/{vmid}/status/stop',
    run: onNode(async ({ node, params, caller }) => taskAnswer(await node.stop(vmidParam(params.vmid), caller))),
  },
  {
    method: 'POST',
    path: 'nodes/{node}/lxc/{vmid}/status/shutdown',
    run: onNode(async ({ node, params, caller }) => {
      const vmid = vmidParam(params.vmid);
      const timeout = integerParam(params, 'timeout');
      const forceStop = booleanParam(params, 'forceStop');
      const options = { ...(timeout === undefined ? {} : { timeout }), ...(forceStop === undefined ? {} : { forceStop }) };
      return taskAnswer(await node.shutdown(vmid, options, caller));
    }),
  },
];
