// What `pvesm list` and `pvesm status` print, as pve-storage's PVE/CLI/pvesm.pm prints it
// (proxmox-reference.md §3): column widths computed from the data, Perl's sort orders.

import type { StorageStatus, Volume } from '../pveNode';
import { integer, left, right, spaceFixed2 } from './printf';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `$basefmt = "%-${maxlenname}s %-7s %-9s %${sizemaxdigits}s"`: volumes in the API's order
 * (by lowercased volid), those with a vmid first, then the others sorted by format. The
 * header is printed even for an empty list.
 */
export function formatContentList(volumes: readonly Volume[]): string {
  const ordered = [...volumes].sort((a, b) => byText(a.volid.toLowerCase(), b.volid.toLowerCase()));
  const nameWidth = Math.max(0, ...ordered.map((volume) => volume.volid.length));
  const sizeWidth = Math.max(0, ...ordered.map((volume) => String(volume.size).length));
  const base = (volid: string, format: string, type: string, size: string | number): string =>
    `${left(volid, nameWidth)} ${left(format, 7)} ${left(type, 9)} ${right(size, sizeWidth)}`;
  let text = `${base('Volid', 'Format', 'Type', 'Size')} VMID\n`;
  for (const volume of ordered) {
    if (volume.vmid === undefined || volume.vmid === 0) continue;
    text += `${base(volume.volid, volume.format, volume.content, volume.size)} ${integer(volume.vmid)}\n`;
  }
  const unowned = ordered.filter((volume) => volume.vmid === undefined || volume.vmid === 0);
  for (const volume of unowned.sort((a, b) => byText(a.format, b.format))) {
    text += `${base(volume.volid, volume.format, volume.content, volume.size)}\n`;
  }
  return text;
}

/**
 * `"%-${maxlen}s %10s %10s %15s %15s %15s %8s\n"` with maxlen = longest storage id + 1, rows
 * sorted by id, sizes in KiB (truncated), usage as `% 7.2f%%`. Headings as pve-storage ≥ 9.0.14.
 */
export function formatStorageStatus(storages: readonly StorageStatus[]): string {
  const width = Math.max(0, ...storages.map((storage) => storage.storage.length)) + 1;
  let text = `${left('Name', width)} ${right('Type', 10)} ${right('Status', 10)} ${right('Total (KiB)', 15)} ${right('Used (KiB)', 15)} ${right('Available (KiB)', 15)} ${right('%', 8)}\n`;
  for (const storage of [...storages].sort((a, b) => byText(a.storage, b.storage))) {
    const percent = storage.total > 0 ? (storage.used * 100) / storage.total : 0;
    text +=
      `${left(storage.storage, width)} ${right(storage.type, 10)} ${right(storage.active ? 'active' : 'inactive', 10)} ` +
      `${right(integer(storage.total / 1024), 15)} ${right(integer(storage.used / 1024), 15)} ${right(integer(storage.avail / 1024), 15)} ` +
      `${spaceFixed2(percent, 7)}%\n`;
  }
  return text;
}
