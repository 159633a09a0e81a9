// The config of a new container from the create parameters, filled in as Proxmox's API does
// (pve-container API2/LXC.pm `create_vm`): hostname `CT<vmid>`, memory 512, swap 512,
// unprivileged 1, arch and ostype detected, rootfs allocated on the given storage, every
// `netN` normalised. Parameters that only steer the create (password, keys, start, storage…)
// are returned apart and never stored.

import { PveError, type ConfigValue } from '../pveNode';
import { isConfigKey, parseBoolean, typedValue } from './configFormat';
import { allocateRootfs, normaliseNet, randomHwaddr, type RootfsVolume } from './containerDisks';

/** Parameters of `create` that are not config keys. */
const CREATE_ONLY = new Set(['password', 'ssh-public-keys', 'start', 'storage', 'unique', 'pool', 'restore', 'force', 'ignore-unpack-errors', 'bwlimit', 'ha-managed']);

export const NOT_IN_SCHEMA = 'property is not defined in schema and the schema does not allow additional properties';

export interface CreateSettings {
  values: Record<string, ConfigValue>;
  rootfs: RootfsVolume;
  password?: string;
  sshPublicKeys?: string;
  start: boolean;
  restore: boolean;
  force: boolean;
  storage?: string;
}

export interface Detected {
  arch: string;
  ostype: string;
  hwaddr?: () => string;
}

export function createSettings(vmid: number, options: Readonly<Record<string, string>>, detected: Detected): CreateSettings {
  const errors: Record<string, string> = {};
  const values: Record<string, ConfigValue> = {};
  for (const [key, raw] of Object.entries(options)) {
    if (CREATE_ONLY.has(key) || key === 'rootfs') continue;
    if (!isConfigKey(key)) {
      errors[key] = NOT_IN_SCHEMA;
      continue;
    }
    try {
      values[key] = normalised(key, raw, detected);
    } catch (error) {
      errors[key] = (error as Error).message;
    }
  }
  let rootfs: RootfsVolume | undefined;
  try {
    rootfs = allocateRootfs(vmid, options.rootfs, options.storage ?? 'local');
  } catch (error) {
    errors.rootfs = (error as Error).message;
  }
  const flag = (key: string): boolean => {
    if (options[key] === undefined) return false;
    try {
      return parseBoolean(options[key] as string) === 1;
    } catch (error) {
      errors[key] = (error as Error).message;
      return false;
    }
  };
  const start = flag('start');
  const restore = flag('restore');
  const force = flag('force');
  if (Object.keys(errors).length > 0 || rootfs === undefined) throw new PveError('Parameter verification failed.', 400, errors);
  values.hostname ??= `CT${vmid}`;
  values.memory ??= 512;
  values.swap ??= 512;
  values.unprivileged ??= 1;
  values.arch ??= detected.arch;
  values.ostype ??= detected.ostype;
  values.rootfs = rootfs.text;
  return {
    values,
    rootfs,
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options['ssh-public-keys'] === undefined ? {} : { sshPublicKeys: options['ssh-public-keys'] }),
    ...(options.storage === undefined ? {} : { storage: options.storage }),
    start,
    restore,
    force,
  };
}

/** One value as Proxmox stores it: typed, networks normalised, tags in Proxmox's `a;b` form. */
export function normalised(key: string, raw: string, detected: Pick<Detected, 'hwaddr'> = {}): ConfigValue {
  if (/^net\d+$/.test(key)) return normaliseNet(raw, detected.hwaddr ?? randomHwaddr);
  if (key === 'tags') return raw.split(/[;, ]+/).filter(Boolean).join(';');
  if (key === 'hostname' && !/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/.test(raw)) {
    throw new TypeError(`invalid format - value does not look like a valid DNS name`);
  }
  if (key === 'memory') {
    const value = typedValue(key, raw) as number;
    if (value < 16) throw new TypeError('value must have a minimum value of 16');
    return value;
  }
  return typedValue(key, raw);
}
