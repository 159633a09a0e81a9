// What `pct list`, `pct status` and `pct config` print, byte for byte as pve-container's
// PVE/CLI/pct.pm prints it (see proxmox-reference.md §2).

import { encodeText } from '../node/textEncoding';
import type { ContainerConfig, ContainerStatus } from '../pveNode';
import { left } from './printf';

/** `printf("%-10s %-10s %-12s %-20s\n", …)`, header first, rows by numeric vmid; nothing for no CTs. */
export function formatPctList(containers: readonly ContainerStatus[]): string {
  if (containers.length === 0) return '';
  const row = (vmid: string | number, status: string, lock: string, name: string): string =>
    `${left(vmid, 10)} ${left(status, 10)} ${left(lock, 12)} ${left(name, 20)}\n`;
  let text = row('VMID', 'Status', 'Lock', 'Name');
  for (const ct of [...containers].sort((a, b) => a.vmid - b.vmid)) {
    text += row(ct.vmid, ct.status, ct.lock === undefined || ct.lock === '' ? '' : ct.lock, ct.name);
  }
  return text;
}

/** `status: <status>`, or with --verbose every defined key in sort order except cpu (always 0 here). */
export function formatPctStatus(status: ContainerStatus, verbose: boolean): string {
  if (!verbose) return `status: ${status.status === undefined ? 'unknown' : status.status}\n`;
  const entries = Object.entries(status) as [string, unknown][];
  return entries
    .filter(([key, value]) => key !== 'cpu' && key !== 'relcpu' && value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}: ${String(value)}\n`)
    .join('');
}

/** Keys in sort order without digest/lxc, `description` encoded, then the raw lxc.* lines. */
export function formatPctConfig(config: ContainerConfig): string {
  const keys = Object.keys(config.values)
    .filter((key) => key !== 'digest' && key !== 'lxc')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let text = '';
  for (const key of keys) {
    const value = config.values[key] as string | number;
    text += `${key}: ${key === 'description' ? encodeText(String(value)) : String(value)}\n`;
  }
  for (const [key, value] of config.lxc) text += `${key}: ${value}\n`;
  return text;
}
