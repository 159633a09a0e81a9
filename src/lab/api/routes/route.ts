// What a route is, and what every route shares: the node-name check pveproxy makes before it
// proxies a call, and the `{"data": …}` result. The routes themselves are grouped by concern
// (cluster.ts, containers.ts, tasks.ts) and matched in ../routes.ts.

import type { Caller, PveNode, Task } from '../../pve/pveNode';
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

/** How long a worker's answer may wait for the worker (well under a client's request timeout). */
export const QUICK_TASK_MS = 1000;

/**
 * A worker's UPID, answered once the worker has ended or after QUICK_TASK_MS, whichever comes
 * first. Proxmox answers at once and its clients poll the task's status; Ansible's proxmox
 * module sleeps a whole second between polls, so a lab task that takes a tenth of one would
 * cost it a second. Answered this way, a quick task is done at the client's first poll; a slow
 * one is polled as on Proxmox. Either way the task, its log and its status are the same.
 */
export async function taskAnswer(task: Task, quickMs = QUICK_TASK_MS): Promise<ApiResult> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, quickMs)));
  // A failed worker is a task that ended: its status says how; the answer is its UPID all the same.
  await Promise.race([task.finished.then(() => undefined, () => undefined), waited]);
  clearTimeout(timer);
  return data(task.upid);
}
