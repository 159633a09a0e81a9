// Where each container lives on the node: its Proxmox config `<containerConfigs>/<vmid>.conf`
// and its LXC folder `<lxcPath>/<vmid>/` (LXC's `config`, the overlay's `upper/` and `work/`).
// Reads and writes the config in Proxmox's format; a missing config is Proxmox's error.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LabLayout } from '../../labLayout';
import { PveError, type ConfigValue, type ContainerConfig } from '../pveNode';
import { configFromText, printConfig } from './configFormat';

export class ContainerStore {
  constructor(private readonly layout: LabLayout) {}

  configPath(vmid: number): string {
    return path.join(this.layout.paths.containerConfigs, `${vmid}.conf`);
  }

  containerDir(vmid: number): string {
    return path.join(this.layout.paths.lxcPath, String(vmid));
  }

  upperDir(vmid: number): string {
    return path.join(this.containerDir(vmid), 'upper');
  }

  exists(vmid: number): boolean {
    return existsSync(this.configPath(vmid));
  }

  /** Every vmid with a config, in numeric order. */
  vmids(): number[] {
    let files: string[];
    try {
      files = readdirSync(this.layout.paths.containerConfigs);
    } catch {
      return [];
    }
    return files.flatMap((file) => (/^[1-9]\d{2,8}\.conf$/.test(file) ? [Number(file.slice(0, -5))] : [])).sort((a, b) => a - b);
  }

  /** The config, or Proxmox's `Configuration file 'nodes/<node>/lxc/<vmid>.conf' does not exist`. */
  load(vmid: number): ContainerConfig {
    let text: string;
    try {
      text = readFileSync(this.configPath(vmid), 'utf8');
    } catch {
      throw new PveError(`Configuration file 'nodes/${this.layout.node.name}/lxc/${vmid}.conf' does not exist`);
    }
    return configFromText(text);
  }

  /** Writes the config whole (a temporary file renamed over it, so a reader never sees half). */
  write(vmid: number, values: Readonly<Record<string, ConfigValue>>, lxc: readonly (readonly [string, string])[] = []): void {
    const file = this.configPath(vmid);
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.tmp.${process.pid}`;
    writeFileSync(temporary, printConfig({ values, lxc }));
    renameSync(temporary, file);
  }

  /** Applies changes and deletions to the stored config. */
  update(vmid: number, change: (values: Record<string, ConfigValue>) => void): ContainerConfig {
    const config = this.load(vmid);
    const values = { ...config.values };
    change(values);
    this.write(vmid, values, config.lxc);
    return this.load(vmid);
  }
}
