// A small in-memory PveNode for the API's unit tests: our own interface, so the routing, the
// envelopes and the errors can be checked without LXC. Its messages are Proxmox's (the same
// ones the real node uses), and its workers finish on the next tick like a quick task.

import { formatUpid } from '../../../../src/lab/pve/node/upid';
import {
  PveError,
  type Caller, type ContainerConfig, type ContainerStatus, type CreateParams, type PveNode, type StorageStatus,
  type Task, type TaskLogLine, type TaskStatus, type Volume,
} from '../../../../src/lab/pve/pveNode';

interface MemoryTask {
  status: TaskStatus;
  lines: string[];
}

export const TEMPLATE = 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst';

export class MemoryNode implements PveNode {
  readonly nodeName = 'pve01';
  readonly configs = new Map<number, Record<string, string | number>>();
  readonly running = new Set<number>();
  readonly tasks = new Map<string, MemoryTask>();
  /** Every call the API made, for tests that check what reached the node. */
  readonly calls: string[] = [];
  private clock = 0x67000000;

  private missing(vmid: number): PveError {
    return new PveError(`Configuration file 'nodes/${this.nodeName}/lxc/${vmid}.conf' does not exist\n`);
  }

  private config(vmid: number): Record<string, string | number> {
    const config = this.configs.get(vmid);
    if (config === undefined) throw this.missing(vmid);
    return config;
  }

  private status(vmid: number): ContainerStatus {
    const config = this.config(vmid);
    const running = this.running.has(vmid);
    return {
      vmid, name: String(config.hostname ?? `CT${vmid}`), status: running ? 'running' : 'stopped', type: 'lxc',
      ...(running ? { pid: 4242 } : {}),
      uptime: running ? 5 : 0, cpus: 1, cpu: 0, maxmem: 512 * 1048576, mem: running ? 1048576 : 0, maxswap: 512 * 1048576, swap: 0,
      maxdisk: 4 * 1073741824, disk: 0, netin: 0, netout: 0, diskread: 0, diskwrite: 0,
    };
  }

  private task(type: string, vmid: number, caller: Caller, work: () => void): Task {
    this.clock += 1;
    const [user = caller.user, tokenid] = caller.user.split('!');
    const upid = formatUpid({ node: this.nodeName, pid: 1000 + this.tasks.size, pstart: 5000, starttime: this.clock, type, id: String(vmid), user: caller.user });
    const entry: MemoryTask = {
      status: { upid, node: this.nodeName, pid: 1000 + this.tasks.size, pstart: 5000, starttime: this.clock, type, id: String(vmid), user, ...(tokenid === undefined ? {} : { tokenid }), status: 'running' },
      lines: [],
    };
    this.tasks.set(upid, entry);
    const finished = new Promise<{ exitstatus: string }>((resolve) => {
      setImmediate(() => {
        let exitstatus = 'OK';
        try {
          work();
          entry.lines.push('TASK OK');
        } catch (error) {
          exitstatus = (error as Error).message.trim();
          entry.lines.push(`TASK ERROR: ${exitstatus}`);
        }
        entry.status = { ...entry.status, status: 'stopped', exitstatus };
        resolve({ exitstatus });
      });
    });
    return { upid, finished };
  }

  async listContainers(): Promise<ContainerStatus[]> {
    return [...this.configs.keys()].sort((a, b) => a - b).map((vmid) => this.status(vmid));
  }
  async containerStatus(vmid: number): Promise<ContainerStatus> {
    return this.status(vmid);
  }
  async containerConfig(vmid: number): Promise<ContainerConfig> {
    const values = { ...this.config(vmid) };
    return { values, digest: String(Object.keys(values).length).padStart(40, '0'), lxc: [] };
  }
  async setConfig(vmid: number, changes: Readonly<Record<string, string>>, deletes: readonly string[]): Promise<void> {
    const config = this.config(vmid);
    this.calls.push(`set ${vmid} ${JSON.stringify(changes)} ${deletes.join(',')}`);
    Object.assign(config, changes);
    for (const key of deletes) delete config[key];
  }
  async nextId(): Promise<number> {
    let vmid = 100;
    while (this.configs.has(vmid)) vmid += 1;
    return vmid;
  }
  async storageStatus(): Promise<StorageStatus[]> {
    return [{ storage: 'local', type: 'dir', active: true, total: 100 * 1073741824, used: 10 * 1073741824, avail: 90 * 1073741824 }];
  }
  async storageContent(storage: string, filter: { content?: string; vmid?: number } = {}): Promise<Volume[]> {
    if (storage !== 'local') throw new PveError(`storage '${storage}' does not exist\n`);
    const volumes: Volume[] = [{ volid: TEMPLATE, format: 'tzst', content: 'vztmpl', size: 129824858, ctime: 1730000000 }];
    return volumes.filter((volume) => filter.content === undefined || volume.content === filter.content);
  }
  async create(params: CreateParams, caller: Caller): Promise<Task> {
    if (this.configs.has(params.vmid)) throw new PveError(`CT ${params.vmid} already exists on node '${this.nodeName}'\n`);
    this.calls.push(`create ${params.vmid} ${params.ostemplate} ${JSON.stringify(params.options)}`);
    return this.task('vzcreate', params.vmid, caller, () => {
      this.configs.set(params.vmid, { hostname: params.options.hostname ?? `CT${params.vmid}`, memory: 512, ostype: 'debian', ...(params.options.net0 ? { net0: params.options.net0 } : {}) });
    });
  }
  async start(vmid: number, caller: Caller): Promise<Task> {
    if (this.running.has(vmid)) throw new PveError(`CT ${vmid} already running\n`);
    return this.task('vzstart', vmid, caller, () => {
      this.config(vmid);
      this.running.add(vmid);
    });
  }
  async stop(vmid: number, caller: Caller): Promise<Task> {
    if (!this.running.has(vmid)) throw new PveError(`CT ${vmid} not running\n`);
    return this.task('vzstop', vmid, caller, () => this.running.delete(vmid));
  }
  async shutdown(vmid: number, options: { timeout?: number; forceStop?: boolean }, caller: Caller): Promise<Task> {
    if (!this.running.has(vmid)) throw new PveError(`CT ${vmid} not running\n`);
    this.calls.push(`shutdown ${vmid} ${JSON.stringify(options)}`);
    return this.task('vzshutdown', vmid, caller, () => this.running.delete(vmid));
  }
  async destroy(vmid: number, options: { force?: boolean; purge?: boolean }, caller: Caller): Promise<Task> {
    const config = this.config(vmid);
    if (config.protection === 1 || config.protection === '1') throw new PveError(`can't remove CT ${vmid} - protection mode enabled\n`);
    if (this.running.has(vmid) && options.force !== true) throw new PveError(`unable to destroy CT ${vmid} - container is running\n`);
    this.calls.push(`destroy ${vmid} ${JSON.stringify(options)}`);
    return this.task('vzdestroy', vmid, caller, () => {
      this.running.delete(vmid);
      this.configs.delete(vmid);
    });
  }
  async vzdump(params: { vmid: number }, caller: Caller): Promise<Task> {
    this.config(params.vmid);
    this.calls.push(`vzdump ${JSON.stringify(params)}`);
    return this.task('vzdump', params.vmid, caller, () => undefined);
  }
  async restore(): Promise<Task> {
    throw new Error('the API has no restore route; the memory node has no restore');
  }
  async exec(): Promise<number> {
    throw new Error('the API has no exec route; the memory node has no exec');
  }
  async push(): Promise<void> {
    throw new Error('the API has no push route; the memory node has no push');
  }
  async pull(): Promise<void> {
    throw new Error('the API has no pull route; the memory node has no pull');
  }
  async taskStatus(upid: string): Promise<TaskStatus> {
    const task = this.tasks.get(upid);
    if (task === undefined) throw new PveError('Parameter verification failed.', 400, { upid: 'no such task' });
    return task.status;
  }
  async taskLog(upid: string, start = 0, limit = 50): Promise<{ total: number; lines: TaskLogLine[] }> {
    const task = this.tasks.get(upid);
    if (task === undefined) throw new PveError('Parameter verification failed.', 400, { upid: 'no such task' });
    const lines = task.lines.map((t, index) => ({ n: index + 1, t }));
    return { total: lines.length, lines: lines.slice(start, start + limit) };
  }
}
