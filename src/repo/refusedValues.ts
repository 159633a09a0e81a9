// Values the repo states that Proxmox would refuse. They are kept as the repo states them (so
// every cross-file comparison still sees them) and flagged, never dropped: dropping one hides
// the very mismatch a user needs to see.

import type { Finding, SourceRef } from '../core/findings';

/** Proxmox's own range for a VMID (pve-vmid in PVE/JSONSchema.pm: /^[1-9][0-9]{2,8}$/). */
export const VMID_MIN = 100;
export const VMID_MAX = 999_999_999;

export function isProxmoxVmid(id: number): boolean {
  return Number.isInteger(id) && id >= VMID_MIN && id <= VMID_MAX;
}

/** The error for a whole-number container id Proxmox refuses, at the value's position. */
export function refusedVmid(id: number, at: SourceRef, ruleId: 'discovery/refused-by-proxmox' | 'definition/refused-by-proxmox'): Finding {
  return {
    ...at,
    ruleId,
    severity: 'error',
    message:
      `Container id ${id}: Proxmox refuses it ("vmid: invalid format - value does not look like a valid VM ID"); ` +
      `use an id from ${VMID_MIN} to ${VMID_MAX}. Certify still compares it with the other files.`,
  };
}
