// The `net0` and `rootfs` values as Proxmox stores them after create. net0: `type=veth` is
// forced and a `hwaddr` with Proxmox's OUI `BC:24:11` is made when none is given (pve-container
// `parse_lxc_network`, pve-cluster DataCenterConfig.pm). rootfs: `STORAGE:SIZE_GiB` means
// "allocate", stored as the new volume with its size (`local-lvm:vm-100-disk-0,size=8G`);
// the lab keeps the storage name the caller gave, so the config reads like the user's.

import { randomBytes } from 'node:crypto';
import { parsePropertyString, printPropertyString } from './propertyString';

const NET_KEYS = new Set(['type', 'name', 'bridge', 'hwaddr', 'mtu', 'ip', 'gw', 'ip6', 'gw6', 'firewall', 'tag', 'trunks', 'rate', 'link_down', 'host-managed']);

export function randomHwaddr(random: () => Buffer = () => randomBytes(3)): string {
  const bytes = random();
  return ['BC', '24', '11', ...[...bytes.subarray(0, 3)].map((b) => b.toString(16).toUpperCase().padStart(2, '0'))].join(':');
}

/** A `netN` value normalised as Proxmox stores it; throws the schema message for a bad one. */
export function normaliseNet(value: string, hwaddr: () => string = randomHwaddr): string {
  const props = parsePropertyString(value);
  for (const key of Object.keys(props)) {
    if (!NET_KEYS.has(key)) throw new TypeError(`property is not defined in schema and the schema does not allow additional properties`);
  }
  if (props.name === undefined) throw new TypeError(`property is missing and it is not optional`);
  props.type = 'veth';
  props.hwaddr ??= hwaddr();
  return printPropertyString(props, { required: ['name'] });
}

export interface RootfsVolume {
  storage: string;
  /** The volume name after the storage (`vm-100-disk-0` or, on a dir storage, `100/vm-100-disk-0.raw`). */
  volname: string;
  /** Size in bytes. */
  size: number;
  /** The value stored in the config. */
  text: string;
}

const NEW_DISK = /^([^:\s]+):(\d+(\.\d+)?)$/;
const GIB = 1024 ** 3;

/** Proxmox's `format_size` for disk sizes: the largest unit that divides evenly (`8G`, `512M`). */
export function formatDiskSize(bytes: number): string {
  const units: [string, number][] = [['T', 1024 ** 4], ['G', GIB], ['M', 1024 ** 2], ['K', 1024]];
  for (const [unit, factor] of units) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}

export function parseDiskSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMGT]?)$/.exec(text);
  if (match === null) return 0;
  const factor = { '': 1, K: 1024, M: 1024 ** 2, G: GIB, T: 1024 ** 4 }[match[2] as '' | 'K' | 'M' | 'G' | 'T'];
  return Math.round(Number(match[1]) * factor);
}

/**
 * The rootfs of a new container from the `rootfs` (or Ansible's `disk`) parameter and the
 * `storage` parameter, as the API allocates it: `STORAGE:SIZE`, a bare size (on `storage`),
 * or nothing (4 GiB on `storage`). Other options of the value (`mountoptions`, …) are kept.
 */
export function allocateRootfs(vmid: number, rootfs: string | undefined, storage = 'local'): RootfsVolume {
  const props = parsePropertyString(rootfs ?? `${storage}:4`, 'volume');
  let volume = props.volume ?? `${storage}:4`;
  if (/^\d+(\.\d+)?$/.test(volume)) volume = `${storage}:${volume}`;
  const match = NEW_DISK.exec(volume);
  if (match === null) throw new TypeError(`unable to parse rootfs '${volume}' - the lab only allocates new volumes (STORAGE:SIZE)`);
  const target = match[1] as string;
  const size = Math.round(Number(match[2]) * GIB);
  const volname = target === 'local' ? `${vmid}/vm-${vmid}-disk-0.raw` : `vm-${vmid}-disk-0`;
  const text = printPropertyString({ ...props, volume: `${target}:${volname}`, size: formatDiskSize(size) }, { defaultKey: 'volume' });
  return { storage: target, volname, size, text };
}

/** Storage, volume name and size of a stored rootfs value. */
export function readRootfs(text: string): RootfsVolume | undefined {
  const props = parsePropertyString(text, 'volume');
  const volume = props.volume ?? '';
  const colon = volume.indexOf(':');
  if (colon <= 0) return undefined;
  return { storage: volume.slice(0, colon), volname: volume.slice(colon + 1), size: parseDiskSize(props.size ?? '4G'), text };
}
