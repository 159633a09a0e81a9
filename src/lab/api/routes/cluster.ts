// The node and cluster views: version, nodes, the node's status, storages and their content,
// cluster resources and the next free id — what the Ansible module reads before it acts.

import { enumParam, parameterError, requiredParam, vmidParam } from '../params';
import { nodeStatus } from '../nodeStatus';
import { clusterResources, nodeEntry, PVE_VERSION, RESOURCE_TYPES, storageEntry } from '../resources';
import { data, onNode, type Route } from './route';

export const CLUSTER_ROUTES: readonly Route[] = [
  { method: 'GET', path: 'version', run: async () => data(PVE_VERSION) },
  { method: 'GET', path: 'nodes', run: async ({ node, sslFingerprint }) => data([await nodeEntry(node, sslFingerprint)]) },
  { method: 'GET', path: 'nodes/{node}/status', run: onNode(async () => data(nodeStatus())) },
  {
    method: 'GET',
    path: 'cluster/resources',
    run: async ({ node, params }) => data(await clusterResources(node, enumParam(params, 'type', RESOURCE_TYPES))),
  },
  {
    method: 'GET',
    path: 'cluster/nextid',
    run: async ({ node, params }) => {
      // Encoded as a string: Proxmox's value went through a hash key (see the reference, §5).
      if (params.vmid === undefined) return data(String(await node.nextId()));
      const vmid = vmidParam(params.vmid);
      if ((await node.listContainers()).some((ct) => ct.vmid === vmid)) throw parameterError('vmid', `VM ${vmid} already exists`);
      return data(String(vmid));
    },
  },
  {
    method: 'GET',
    path: 'nodes/{node}/storage',
    run: onNode(async ({ node }) => data((await node.storageStatus()).map(storageEntry))),
  },
  {
    method: 'GET',
    path: 'nodes/{node}/storage/{storage}/content',
    run: onNode(async ({ node, params }) => {
      const vmid = params.vmid === undefined ? undefined : vmidParam(params.vmid);
      const filter = { ...(params.content === undefined ? {} : { content: params.content }), ...(vmid === undefined ? {} : { vmid }) };
      return data(await node.storageContent(requiredParam(params, 'storage'), filter));
    }),
  },
];
