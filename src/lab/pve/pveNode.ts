// What the lab's Proxmox node can do: the contract between the node (containers over LXC,
// storage, tasks) and its two front ends, the `pct`/`pvesm`/`vzdump` stand-ins and the HTTPS
// API. Both front ends call the same node, so a container created through the API is the one
// `pct list` shows. Formats and messages follow ../../../docs/lab.md and Proxmox's source.

/** An error Proxmox reports: a CLI prints `message` to stderr; the API answers `httpStatus`. */
export class PveError extends Error {
  constructor(
    message: string,
    /** 500 for a plain `die` (precondition failures, missing config); 400 for parameter errors. */
    readonly httpStatus = 500,
    /** Parameter errors: `{ vmid: 'invalid format - value does not look like a valid VM ID' }`. */
    readonly errors?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'PveError';
  }
}

/** A value of a container's config, typed as Proxmox stores it (integers and 0/1 booleans as numbers). */
export type ConfigValue = string | number;

export interface ContainerConfig {
  /** Keys as in `<vmid>.conf` (arch, cores, hostname, memory, net0, ostype, protection, rootfs, …). */
  readonly values: Readonly<Record<string, ConfigValue>>;
  /** sha1 hex of the config file, as `GET …/config` returns it. */
  readonly digest: string;
  /** Raw `lxc.*` lines, in file order. */
  readonly lxc: readonly (readonly [string, string])[];
}

/** One container as `vmstatus` describes it (the keys of `pct status --verbose` and `GET …/lxc`). */
export interface ContainerStatus {
  readonly vmid: number;
  readonly name: string;
  readonly status: 'running' | 'stopped';
  readonly type: 'lxc';
  readonly lock?: string;
  readonly pid?: number;
  readonly uptime: number;
  readonly cpus: number;
  readonly cpu: number;
  readonly maxmem: number;
  readonly mem: number;
  readonly maxswap: number;
  readonly swap: number;
  readonly maxdisk: number;
  readonly disk: number;
  readonly netin: number;
  readonly netout: number;
  readonly diskread: number;
  readonly diskwrite: number;
  readonly tags?: string;
  readonly template?: number;
}

/** One volume of a storage (`pvesm list`, `GET /nodes/{node}/storage/{storage}/content`). */
export interface Volume {
  readonly volid: string;
  /** `tzst`, `tar.zst`, `raw`, … */
  readonly format: string;
  /** `vztmpl`, `backup`, `rootdir`, `images`. */
  readonly content: string;
  readonly size: number;
  readonly vmid?: number;
  /** Seconds since the epoch. */
  readonly ctime: number;
}

export interface StorageStatus {
  readonly storage: string;
  readonly type: string;
  readonly active: boolean;
  readonly total: number;
  readonly used: number;
  readonly avail: number;
}

/** A Proxmox task: a worker with a UPID and a log, as `pct` runs it synchronously and the API in the background. */
export interface Task {
  readonly upid: string;
  /** Settles when the worker ends; never rejects (the outcome is in the result). */
  readonly finished: Promise<TaskResult>;
}

export interface TaskResult {
  /** `OK`, `WARNINGS: N`, or the error text (one line). */
  readonly exitstatus: string;
}

export interface TaskStatus {
  readonly upid: string;
  readonly node: string;
  readonly pid: number;
  readonly pstart: number;
  readonly starttime: number;
  readonly type: string;
  readonly id: string;
  readonly user: string;
  readonly tokenid?: string;
  readonly status: 'running' | 'stopped';
  readonly exitstatus?: string;
}

export interface TaskLogLine {
  /** 1-based line number, as the API's `n`. */
  readonly n: number;
  readonly t: string;
}

/** Who asks: `root@pam` for the CLI, `user@realm!tokenid` for an API token. */
export interface Caller {
  readonly user: string;
  /** Each line a worker prints, as it prints it (the CLI copies them to stdout). */
  readonly onTaskLine?: (line: string) => void;
}

export interface CreateParams {
  readonly vmid: number;
  /** `local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst` */
  readonly ostemplate: string;
  /** Every other parameter as the API or `pct create --key value` gives it (hostname, net0, rootfs, memory, password, ssh-public-keys, start, …). */
  readonly options: Readonly<Record<string, string>>;
}

export interface VzdumpParams {
  readonly vmid: number;
  readonly mode?: 'snapshot' | 'suspend' | 'stop';
  readonly compress?: '0' | 'gzip' | 'zstd';
  readonly storage?: string;
  readonly dumpdir?: string;
}

export interface PveNode {
  readonly nodeName: string;

  listContainers(): Promise<ContainerStatus[]>;
  /** Throws PveError `Configuration file 'nodes/<node>/lxc/<vmid>.conf' does not exist`. */
  containerStatus(vmid: number): Promise<ContainerStatus>;
  containerConfig(vmid: number): Promise<ContainerConfig>;
  /** `pct set` / `PUT …/config`: synchronous, no task. */
  setConfig(vmid: number, changes: Readonly<Record<string, string>>, deletes: readonly string[]): Promise<void>;
  nextId(): Promise<number>;

  storageStatus(): Promise<StorageStatus[]>;
  /** Throws PveError `storage 'X' does not exist`. */
  storageContent(storage: string, filter?: { content?: string; vmid?: number }): Promise<Volume[]>;

  // Workers. Preconditions (missing config, protection, lock, already running, not running)
  // are checked before the task starts and throw PveError; everything after runs in the task.
  create(params: CreateParams, caller: Caller): Promise<Task>;
  start(vmid: number, caller: Caller): Promise<Task>;
  stop(vmid: number, caller: Caller): Promise<Task>;
  shutdown(vmid: number, options: { timeout?: number; forceStop?: boolean }, caller: Caller): Promise<Task>;
  destroy(vmid: number, options: { force?: boolean; purge?: boolean }, caller: Caller): Promise<Task>;
  vzdump(params: VzdumpParams, caller: Caller): Promise<Task>;
  restore(vmid: number, archive: string, options: Readonly<Record<string, string>>, caller: Caller): Promise<Task>;

  /** Runs a command in a running container (lxc-attach); resolves with its exit code. */
  exec(
    vmid: number,
    argv: readonly string[],
    /** `stdin` is optional: without it the command reads an empty input. */
    io: { stdin?: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  ): Promise<number>;
  push(vmid: number, hostFile: string, containerFile: string, options: { user?: number; group?: number; perms?: string }): Promise<void>;
  pull(vmid: number, containerFile: string, hostFile: string): Promise<void>;

  taskStatus(upid: string): Promise<TaskStatus>;
  taskLog(upid: string, start?: number, limit?: number): Promise<{ total: number; lines: TaskLogLine[] }>;
}
