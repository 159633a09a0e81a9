// The parameters of pct's commands, from pve-container's schemas (PVE/LXC/Config.pm
// `$confdesc`, PVE/API2/LXC.pm). Only what Proxmox checks in its schema is checked here
// (types, enumerations, ranges); property strings such as net0 and rootfs go to the node.

import type { ParamDef, ParamSchema } from './paramSchema';
import { VMID_PARAM } from './paramSchema';

const optional = (def: ParamDef): ParamDef => ({ ...def, optional: true });
const text: ParamDef = optional({ type: 'string' });
const flag: ParamDef = optional({ type: 'boolean' });

const OSTYPES = ['debian', 'devuan', 'ubuntu', 'centos', 'fedora', 'opensuse', 'archlinux', 'alpine', 'gentoo', 'nixos', 'unmanaged'];
const LOCKS = ['backup', 'create', 'destroyed', 'disk', 'fstrim', 'migrate', 'mounted', 'rollback', 'snapshot', 'snapshot-delete'];

/** Indexed keys and how many of each a container may have (pve-container's MAX_* constants). */
const INDEXED: readonly (readonly [string, number])[] = [
  ['net', 32],
  ['mp', 256],
  ['unused', 256],
  ['dev', 256],
];

/** Keys of a container's config that `pct create` and `pct set` accept. */
export const CONFIG_PARAMS: ParamSchema = (() => {
  const params: Record<string, ParamDef> = {
    arch: optional({ type: 'string', enum: ['amd64', 'i386', 'arm64', 'armhf', 'riscv32', 'riscv64'] }),
    cmode: optional({ type: 'string', enum: ['shell', 'console', 'tty'] }),
    console: flag,
    cores: optional({ type: 'integer', minimum: 1, maximum: 8192 }),
    cpulimit: optional({ type: 'number', minimum: 0, maximum: 8192 }),
    cpuunits: optional({ type: 'integer', minimum: 0, maximum: 500000 }),
    debug: flag,
    description: text,
    features: text,
    hookscript: text,
    hostname: text,
    lock: optional({ type: 'string', enum: LOCKS }),
    memory: optional({ type: 'integer', minimum: 16 }),
    nameserver: text,
    onboot: flag,
    ostype: optional({ type: 'string', enum: OSTYPES }),
    protection: flag,
    rootfs: text,
    searchdomain: text,
    startup: text,
    swap: optional({ type: 'integer', minimum: 0 }),
    tags: text,
    template: flag,
    timezone: text,
    tty: optional({ type: 'integer', minimum: 0, maximum: 6 }),
    unprivileged: flag,
  };
  for (const [prefix, count] of INDEXED) {
    for (let i = 0; i < count; i++) params[`${prefix}${i}`] = text;
  }
  return params;
})();

/** `create_vm`'s own parameters besides the config keys. */
export const CREATE_PARAMS: ParamSchema = {
  ...CONFIG_PARAMS,
  vmid: VMID_PARAM,
  ostemplate: { type: 'string' },
  storage: text,
  password: optional({ type: 'string', interactive: true }),
  'ssh-public-keys': text,
  pool: text,
  unique: flag,
  start: flag,
  'ha-managed': flag,
  force: flag,
  'ignore-unpack-errors': flag,
  bwlimit: optional({ type: 'number', minimum: 0 }),
};

/** `pct restore` is `create_vm` with `restore => 1` fixed, so it takes the same parameters. */
export const RESTORE_PARAMS: ParamSchema = CREATE_PARAMS;

export const CREATE_WITH_RESTORE_PARAMS: ParamSchema = { ...CREATE_PARAMS, restore: flag };

/** `update_vm`: config keys plus delete/revert lists and the digest. */
export const SET_PARAMS: ParamSchema = {
  ...CONFIG_PARAMS,
  vmid: VMID_PARAM,
  delete: optional({ type: 'string', format: 'list' }),
  revert: optional({ type: 'string', format: 'list' }),
  digest: text,
};
