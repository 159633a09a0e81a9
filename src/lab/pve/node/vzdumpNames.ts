// vzdump's names and numbers (pve-manager VZDump.pm, pve-storage Storage.pm `archive_info`):
// archive names from the local time, the extensions per compressor, and the size and time
// formats its log uses.

export type Compress = '0' | 'gzip' | 'zstd';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `vzdump-lxc-<vmid>-YYYY_MM_DD-HH_MM_SS` in local time. */
export function archiveBasename(vmid: number, at: Date): string {
  return `vzdump-lxc-${vmid}-${at.getFullYear()}_${pad(at.getMonth() + 1)}_${pad(at.getDate())}-${pad(at.getHours())}_${pad(at.getMinutes())}_${pad(at.getSeconds())}`;
}

export function archiveExtension(compress: Compress): string {
  return { '0': '.tar', gzip: '.tar.gz', zstd: '.tar.zst' }[compress];
}

export interface ArchiveInfo {
  vmid: number;
  /** `tar`, `tar.gz`, `tar.zst`… as `pvesm list` shows a backup's format. */
  format: string;
  /** Seconds since the epoch, from the name (local time). */
  ctime: number;
}

const ARCHIVE = /^vzdump-(lxc|openvz|qemu)-([1-9][0-9]{2,8})-(\d{4})_(\d{2})_(\d{2})-(\d{2})_(\d{2})_(\d{2})\.(tgz|(?:tar|vma)(?:\.(?:gz|lzo|zst|bz2|xz))?)$/;

export function archiveInfo(file: string): ArchiveInfo | undefined {
  const match = ARCHIVE.exec(file);
  if (match === null) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(3, 9).map(Number) as [number, number, number, number, number, number];
  return { vmid: Number(match[2]), format: match[9] as string, ctime: Math.floor(new Date(y, mo - 1, d, h, mi, s).getTime() / 1000) };
}

/** vzdump's `format_size`: whole KB or MB, then GB and TB with two decimals. */
export function formatArchiveSize(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.floor(kb)}KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${Math.floor(mb)}MB`;
  const gb = mb / 1024;
  if (gb < 1024) return `${gb.toFixed(2)}GB`;
  return `${(gb / 1024).toFixed(2)}TB`;
}

/** vzdump's `format_time`: `HH:MM:SS` of a duration in seconds. */
export function formatDuration(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}

/** `YYYY-MM-DD HH:MM:SS` in local time (Perl's strftime "%F %H:%M:%S"). */
export function logTimestamp(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** The vztmpl format of a template file (`tzst`, `tgz`, `txz`, `tar`), or undefined if it is none. */
export function templateFormat(file: string): string | undefined {
  const match = /\.(tar\.zst|tar\.gz|tgz|tar\.xz|tar)$/.exec(file);
  if (match === null) return undefined;
  return { 'tar.zst': 'tzst', 'tar.gz': 'tgz', tgz: 'tgz', 'tar.xz': 'txz', tar: 'tar' }[match[1] as string];
}
