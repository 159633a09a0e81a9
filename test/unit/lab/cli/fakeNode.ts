// An in-memory PveNode for the CLI's pure tests: it keeps containers in a map, raises the
// node's documented PveErrors, records what the CLI asked for, and runs tasks whose lines
// and outcome the test chooses. The real node is exercised in test/lab/cli/.

import { writeFileSync } from 'node:fs';
import { PveError, type Caller, type ContainerConfig, type ContainerStatus, type CreateParams, type PveNode, type StorageStatus, type Task, type TaskLogLine, type TaskStatus, type Volume, type VzdumpParams } from '../../../../src/lab/pve/pveNode';

export interface FakeContainer {
  status: ContainerStatus;
  config: ContainerConfig;
}

export interface Call {
  readonly method: string;
  readonly args: readonly unknown[];
}

export class FakeNode implements PveNode {
  readonly nodeName = 'pve01';
  readonly containers = new Map<number, FakeContainer>();
  readonly calls: Call[] = [];
  volumes: Volume[] = [];
  /** Files inside the containers, by path, that pull copies out. */
  readonly files = new Map<string, string>();
  storages: StorageStatus[] = [];
  /** What the next task prints and how it ends. */
  nextTask: { lines: string[]; exitstatus: string } = { lines: [], exitstatus: 'OK' };

  addContainer(vmid: number, state: 'running' | 'stopped', values: Record<string, string | number> = {}): void {
    const name = String(values.hostname ?? `CT${vmid}`);
    this.containers.set(vmid, {
      status: {
        vmid, name, status: state, type: 'lxc', uptime: 0, cpus: 1, cpu: 0, maxmem: 536870912, mem: 0,
        maxswap: 536870912, swap: 0, maxdisk: 4294967296, disk: 0, netin: 0, netout: 0, diskread: 0, diskwrite: 0,
      },
      config: { values: { hostname: name, ...values }, digest: 'a'.repeat(40), lxc: [] },
    });
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  private container(vmid: number): FakeContainer {
    const ct = this.containers.get(vmid);
    if (ct === undefined) throw new PveError(`Configuration file 'nodes/${this.nodeName}/lxc/${vmid}.conf' does not exist`);
    return ct;
  }

  private task(type: string, id: string, caller: Caller): Task {
    const { lines, exitstatus } = this.nextTask;
    const finished = (async () => {
      await Promise.resolve();
      for (const line of lines) caller.onTaskLine?.(line);
      return { exitstatus };
    })();
    return { upid: `UPID:${this.nodeName}:00000001:00000002:00000003:${type}:${id}:${caller.user}:`, finished };
  }

  async listContainers(): Promise<ContainerStatus[]> {
    return [...this.containers.values()].map((ct) => ct.status);
  }
  async containerStatus(vmid: number): Promise<ContainerStatus> {
    return this.container(vmid).status;
  }
  async containerConfig(vmid: number): Promise<ContainerConfig> {
    return this.container(vmid).config;
  }
  async setConfig(vmid: number, changes: Readonly<Record<string, string>>, deletes: readonly string[]): Promise<void> {
    this.container(vmid);
    this.record('setConfig', vmid, changes, deletes);
  }
  async nextId(): Promise<number> {
    return 100;
  }
  async storageStatus(): Promise<StorageStatus[]> {
    return this.storages;
  }
  async storageContent(storage: string, filter?: { content?: string; vmid?: number }): Promise<Volume[]> {
    this.record('storageContent', storage, filter);
    if (storage !== 'local') throw new PveError(`storage '${storage}' does not exist`);
    return this.volumes;
  }
  async create(params: CreateParams, caller: Caller): Promise<Task> {
    this.record('create', params);
    if (this.containers.has(params.vmid)) throw new PveError(`CT ${params.vmid} already exists on node '${this.nodeName}'`);
    return this.task('vzcreate', String(params.vmid), caller);
  }
  async start(vmid: number, caller: Caller): Promise<Task> {
    this.record('start', vmid);
    if (this.containers.get(vmid)?.status.status === 'running') throw new PveError(`CT ${vmid} already running`);
    return this.task('vzstart', String(vmid), caller);
  }
  async stop(vmid: number, caller: Caller): Promise<Task> {
    this.record('stop', vmid);
    if (this.containers.get(vmid)?.status.status !== 'running') throw new PveError(`CT ${vmid} not running`);
    return this.task('vzstop', String(vmid), caller);
  }
  async shutdown(vmid: number, options: { timeout?: number; forceStop?: boolean }, caller: Caller): Promise<Task> {
    this.record('shutdown', vmid, options);
    return this.task('vzshutdown', String(vmid), caller);
  }
  async destroy(vmid: number, options: { force?: boolean; purge?: boolean }, caller: Caller): Promise<Task> {
    this.record('destroy', vmid, options);
    const ct = this.container(vmid);
    if (ct.config.values.protection === 1) throw new PveError(`can't remove CT ${vmid} - protection mode enabled`);
    return this.task('vzdestroy', String(vmid), caller);
  }
  async vzdump(params: VzdumpParams, caller: Caller): Promise<Task> {
    this.record('vzdump', params);
    return this.task('vzdump', String(params.vmid), caller);
  }
  async restore(vmid: number, archive: string, options: Readonly<Record<string, string>>, caller: Caller): Promise<Task> {
    this.record('restore', vmid, archive, options);
    return this.task('vzrestore', String(vmid), caller);
  }
  async exec(vmid: number, argv: readonly string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
    this.record('exec', vmid, argv);
    io.stdout.write(`ran ${argv.join(' ')}\n`);
    return 3;
  }
  async push(vmid: number, hostFile: string, containerFile: string, options: { user?: number; group?: number; perms?: string }): Promise<void> {
    this.record('push', vmid, hostFile, containerFile, options);
  }
  async pull(vmid: number, containerFile: string, hostFile: string): Promise<void> {
    this.record('pull', vmid, containerFile, hostFile);
    const content = this.files.get(containerFile);
    if (content === undefined) throw new PveError(`failed to open ${containerFile} in CT ${vmid}: No such file or directory`);
    writeFileSync(hostFile, content);
  }
  async taskStatus(upid: string): Promise<TaskStatus> {
    throw new Error(`the CLI does not read task status (${upid})`);
  }
  async taskLog(upid: string): Promise<{ total: number; lines: TaskLogLine[] }> {
    throw new Error(`the CLI does not read task logs (${upid})`);
  }
}
