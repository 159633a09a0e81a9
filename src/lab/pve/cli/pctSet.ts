// `pct set <vmid> [--key value …] [--delete keys] [--digest sha1]`: pve-container's
// `update_vm`, synchronous and silent. The node applies it (protection rules included).

import { PveError } from '../pveNode';
import type { CliCommand } from './cliCommand';
import { listParam, stringParam } from './cliCommand';
import { SET_PARAMS } from './pctParams';

const NOT_CHANGES = new Set(['vmid', 'delete', 'digest']);

export const pctSet: CliCommand = {
  name: 'set',
  args: ['vmid'],
  params: SET_PARAMS,
  run: async ({ node, params }) => {
    const vmid = Number(params.vmid);
    const changes: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      if (!NOT_CHANGES.has(key) && typeof value === 'string') changes[key] = value;
    }
    const deletes = listParam(params, 'delete');
    if (deletes.length === 0 && Object.keys(changes).length === 0) throw new PveError('no options specified');
    const digest = stringParam(params, 'digest');
    if (digest !== undefined) {
      // PVE::Tools::assert_if_modified: refuse to write over a config someone else changed.
      const current = await node.containerConfig(vmid);
      if (current.digest !== digest) throw new PveError('detected modified configuration - file changed by other user? Try again.');
    }
    await node.setConfig(vmid, changes, deletes);
    return 0;
  },
};
