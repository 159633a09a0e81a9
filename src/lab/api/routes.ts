// The API paths the lab's node answers under /api2/json: what Debian's Ansible
// `community.general.proxmox` module (6.6, with python3-proxmoxer 1.2) and Certify call. Each
// route checks its parameters as Proxmox's schema would, then asks the node (PveNode) — the
// same node `pct` drives, so both front ends see the same containers.

import type { Params } from './params';
import { CLUSTER_ROUTES } from './routes/cluster';
import { CONTAINER_ROUTES } from './routes/containers';
import type { Route } from './routes/route';
import { TASK_ROUTES } from './routes/tasks';

export const ROUTES: readonly Route[] = [...CLUSTER_ROUTES, ...CONTAINER_ROUTES, ...TASK_ROUTES];

export interface RouteMatch {
  readonly route: Route;
  readonly pathParams: Params;
}

/** The route for a method and the path's segments; `{name}` parts become path parameters. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const pathParams: Params = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith('{')) {
        pathParams[part.slice(1, -1)] = segment;
        return segment !== '';
      }
      return part === segment;
    });
    if (matches) return { route, pathParams };
  }
  return undefined;
}
