// VMID validation as Proxmox's JSON schema does it (pve-common JSONSchema.pm `pve_verify_vmid`):
// the format check runs before minimum/maximum, so 99 and 1000000000 both fail on the format.

import { PveError } from '../pveNode';

const VMID = /^[1-9][0-9]{2,8}$/;

export const INVALID_VMID = 'invalid format - value does not look like a valid VM ID';

/** The vmid as a number, or a 400 `Parameter verification failed.` naming `param`. */
export function parseVmid(value: string | number, param = 'vmid'): number {
  const text = String(value);
  if (!VMID.test(text)) {
    throw new PveError('Parameter verification failed.', 400, { [param]: INVALID_VMID });
  }
  return Number(text);
}
