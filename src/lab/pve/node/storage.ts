// The node's storages. `local` is a directory storage (templates in `template/cache/`, vzdump
// archives in `dump/`). Any other storage a container's rootfs names (the repo's `local-lvm`)
// is shown as Proxmox would show it: an lvmthin storage whose volumes are the containers' root
// disks (content `rootdir`, format `raw`, the configured size). Everything else does not exist.

import { existsSync, readdirSync, statfsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PveError, type StorageStatus, type Volume } from '../pveNode';
import { readRootfs } from './containerDisks';
import { archiveInfo, templateFormat } from './vzdumpNames';

export interface RootDisk {
  vmid: number;
  rootfs: string;
}

export class Storages {
  constructor(
    private readonly localDir: string,
    /** The rootfs value of every container, read fresh at each call. */
    private readonly rootDisks: () => RootDisk[],
  ) {}

  get dumpDir(): string {
    return path.join(this.localDir, 'dump');
  }

  get templateDir(): string {
    return path.join(this.localDir, 'template/cache');
  }

  names(): string[] {
    const names = new Set(['local']);
    for (const disk of this.rootDisks()) {
      const volume = readRootfs(disk.rootfs);
      if (volume !== undefined) names.add(volume.storage);
    }
    return [...names].sort();
  }

  status(): StorageStatus[] {
    const fs = statfsSync(nearestExisting(this.localDir));
    const total = fs.blocks * fs.bsize;
    const avail = fs.bavail * fs.bsize;
    const used = total - fs.bfree * fs.bsize;
    return this.names().map((storage) => {
      if (storage === 'local') return { storage, type: 'dir', active: true, total, used, avail };
      const allocated = this.rootVolumes(storage).reduce((sum, volume) => sum + volume.size, 0);
      return { storage, type: 'lvmthin', active: true, total, used: Math.min(total, allocated), avail: Math.max(0, total - allocated) };
    });
  }

  content(storage: string, filter: { content?: string; vmid?: number } = {}): Volume[] {
    if (!this.names().includes(storage)) throw new PveError(`storage '${storage}' does not exist`);
    const volumes = storage === 'local' ? [...this.templates(), ...this.backups(), ...this.rootVolumes('local')] : this.rootVolumes(storage);
    return volumes
      .filter((volume) => filter.content === undefined || volume.content === filter.content)
      .filter((volume) => filter.vmid === undefined || volume.vmid === filter.vmid)
      .sort((a, b) => (a.volid.toLowerCase() < b.volid.toLowerCase() ? -1 : a.volid.toLowerCase() > b.volid.toLowerCase() ? 1 : 0));
  }

  /** The file of `local:vztmpl/<file>` (or a plain path), or Proxmox's `can't find file` error. */
  templatePath(ostemplate: string): string {
    const volid = /^([^:\s]+):vztmpl\/([^/]+)$/.exec(ostemplate);
    if (volid !== null) {
      if (!this.names().includes(volid[1] as string) || volid[1] !== 'local') throw new PveError(`storage '${volid[1]}' does not exist`);
      const file = path.join(this.templateDir, volid[2] as string);
      if (existsSync(file) && statSync(file).isFile()) return file;
    } else if (ostemplate.startsWith('/') && existsSync(ostemplate) && statSync(ostemplate).isFile()) {
      return ostemplate;
    }
    throw new PveError(`can't find file '${ostemplate}'`);
  }

  /** The file of `local:backup/<file>` (or a plain path) for restore. */
  backupPath(archive: string): string {
    const volid = /^([^:\s]+):backup\/([^/]+)$/.exec(archive);
    if (volid !== null) {
      if (volid[1] !== 'local') throw new PveError(`storage '${volid[1]}' does not exist`);
      const file = path.join(this.dumpDir, volid[2] as string);
      if (existsSync(file)) return file;
    } else if (existsSync(archive) && statSync(archive).isFile()) {
      return path.resolve(archive);
    }
    throw new PveError(`can't find file '${archive}'`);
  }

  private templates(): Volume[] {
    return listFiles(this.templateDir).flatMap((file) => {
      const format = templateFormat(file);
      if (format === undefined) return [];
      const stat = statSync(path.join(this.templateDir, file));
      return [{ volid: `local:vztmpl/${file}`, format, content: 'vztmpl', size: stat.size, ctime: Math.floor(stat.mtimeMs / 1000) }];
    });
  }

  private backups(): Volume[] {
    return listFiles(this.dumpDir).flatMap((file) => {
      const info = archiveInfo(file);
      if (info === undefined) return [];
      const stat = statSync(path.join(this.dumpDir, file));
      return [{ volid: `local:backup/${file}`, format: info.format, content: 'backup', size: stat.size, vmid: info.vmid, ctime: info.ctime }];
    });
  }

  private rootVolumes(storage: string): Volume[] {
    return this.rootDisks().flatMap((disk) => {
      const volume = readRootfs(disk.rootfs);
      if (volume === undefined || volume.storage !== storage) return [];
      return [{ volid: `${storage}:${volume.volname}`, format: 'raw', content: 'rootdir', size: volume.size, vmid: disk.vmid, ctime: 0 }];
    });
  }
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder).filter((file) => statSync(path.join(folder, file)).isFile());
  } catch {
    return [];
  }
}

/** The folder itself or its nearest existing parent: the file system it is (or will be) on. */
function nearestExisting(folder: string): string {
  let current = path.resolve(folder);
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}
