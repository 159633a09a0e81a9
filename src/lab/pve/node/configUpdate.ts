// `pct set` / `PUT …/config` (pve-container `update_vm`): synchronous, under the config lock,
// refused on a locked container; with protection on, disks can be neither changed nor removed.

import { PveError, type ConfigValue } from '../pveNode';
import { isConfigKey } from './configFormat';
import { parsePropertyString, printPropertyString } from './propertyString';
import { NOT_IN_SCHEMA, normalised } from './createConfig';
import type { NodeContext } from './nodeContext';

const DISK_KEY = /^(rootfs|mp\d+)$/;

export async function updateConfig(ctx: NodeContext, vmid: number, changes: Readonly<Record<string, string>>, deletes: readonly string[]): Promise<void> {
  if (Object.keys(changes).length === 0 && deletes.length === 0) throw new PveError('no options specified');
  const errors: Record<string, string> = {};
  const typed: Record<string, ConfigValue> = {};
  for (const [key, raw] of Object.entries(changes)) {
    if (!isConfigKey(key) || key === 'lock') {
      errors[key] = NOT_IN_SCHEMA;
      continue;
    }
    try {
      typed[key] = normalised(key, raw);
    } catch (error) {
      errors[key] = (error as Error).message;
    }
  }
  for (const key of deletes) if (!isConfigKey(key)) errors.delete = `invalid format - invalid configuration ID '${key}'`;
  if (Object.keys(errors).length > 0) throw new PveError('Parameter verification failed.', 400, errors);
  await ctx.locked(vmid, async () => {
    const config = ctx.store.load(vmid);
    ctx.checkLock(config);
    const protectedNow = config.values.protection === 1;
    for (const key of deletes) {
      if (protectedNow && /^(mp|unused)\d+$/.test(key)) throw new PveError(`can't remove CT ${vmid} drive '${key}' - protection mode enabled`);
    }
    for (const key of Object.keys(typed)) {
      if (protectedNow && DISK_KEY.test(key)) throw new PveError(`can't update CT ${vmid} drive '${key}' - protection mode enabled`);
    }
    ctx.store.update(vmid, (values) => {
      for (const key of deletes) delete values[key];
      for (const [key, value] of Object.entries(typed)) {
        // A changed network keeps its MAC address unless a new one is given, so the container keeps its identity.
        if (/^net\d+$/.test(key) && typeof values[key] === 'string' && !/(^|,)hwaddr=/.test(changes[key] as string)) {
          const old = parsePropertyString(values[key] as string).hwaddr;
          const next = parsePropertyString(value as string);
          if (old !== undefined) next.hwaddr = old;
          values[key] = printPropertyString(next, { required: ['name'] });
        } else {
          values[key] = value;
        }
      }
    });
  });
}
