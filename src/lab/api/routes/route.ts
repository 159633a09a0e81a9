// What a route is, and what every route shares: the node-name check pveproxy makes before it
// proxies a call, and the `{"data": …}` result. The routes themselves are grouped by concern
// (cluster.ts, containers.ts, tasks.ts) and matched in ../routes.ts.

import type { Caller, PveNode } from '../../pve/pveNode';
import { PveError } from '../../pve/pveNode';
import { parameterError, type Params } from '../params';
import type { ApiResult } from '../reply';

export interface RouteContext {
  readonly node: PveNode;
  /** Path parameters (`{node}`, `{vmid}`, …) and request parameters together, as Proxmox merges them. */
  readonly params: Params;
  readonly caller: Caller;
  /** SHA-256 fingerprint of the node's certificate, for `GET /nodes`. */
  readonly sslFingerprint?: string;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Segments after /api2/json; `{name}` matches one segment. */
  readonly path: string;
  readonly run: (context: RouteContext) => Promise<ApiResult>;
}

/** pve-common `pve-node` format. */
const NODE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/**
 * A path naming another node is proxied by pveproxy to that node's address; on a single node
 * the name does not resolve. The words are pve-cluster's remote_node_ip → PVE::Network
 * get_ip_from_hostname → getaddrinfo_all (not in the reference notes; from Proxmox's source).
 */
function checkNode(node: PveNode, name: string | undefined): void {
  if (name === undefined || !NODE_NAME.test(name)) throw parameterError('node', 'invalid format - value does not look like a valid node name\n');
  if (name !== node.nodeName) {
    throw new PveError(`hostname lookup '${name}' failed - failed to get address info for: ${name}: Name or service not known\n`);
  }
}

/** A route under /nodes/{node}: the node is checked first. */
export function onNode(run: (context: RouteContext) => Promise<ApiResult>): (context: RouteContext) => Promise<ApiResult> {
  return async (context) => {
    checkNode(context.node, context.params.node);
    return run(context);
  };
}

export const data = (value: unknown): ApiResult => ({ data: value });
