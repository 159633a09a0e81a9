// The LXC tools, run in the lab's network namespace with the lab's lxcpath: what `pct` itself
// runs on a Proxmox node (lxc-start, lxc-stop, lxc-info, lxc-attach).

import { spawn } from 'node:child_process';
import { runCommand, mustRun, inNetns, type CommandResult } from './commands';

export class LxcRuntime {
  constructor(
    private readonly netns: string,
    private readonly lxcPath: string,
  ) {}

  private lxc(tool: string, vmid: number, ...args: string[]): string[] {
    return inNetns(this.netns, [tool, '-P', this.lxcPath, '-n', String(vmid), ...args]);
  }

  /** `running` or `stopped`, from `lxc-info -s` (a container LXC does not know is stopped). */
  async state(vmid: number): Promise<'running' | 'stopped'> {
    const result = await runCommand(this.lxc('lxc-info', vmid, '-s', '-H'));
    return result.code === 0 && result.stdout.trim() === 'RUNNING' ? 'running' : 'stopped';
  }

  /** State and, while it runs, the container's init as the host sees it: one lxc-info call. */
  async facts(vmid: number): Promise<{ state: 'running' | 'stopped'; pid?: number }> {
    const result = await runCommand(this.lxc('lxc-info', vmid, '-s', '-p'));
    return result.code === 0 ? parseLxcInfo(result.stdout) : { state: 'stopped' };
  }

  async start(vmid: number): Promise<void> {
    await mustRun(this.lxc('lxc-start', vmid));
  }

  /** Hard stop: the container's processes are killed. */
  async kill(vmid: number): Promise<void> {
    await mustRun(this.lxc('lxc-stop', vmid, '-k'));
  }

  /** Clean stop: the halt signal to init, then wait up to `timeout` seconds; false if it still runs. */
  async shutdown(vmid: number, timeout: number): Promise<boolean> {
    const result = await runCommand(this.lxc('lxc-stop', vmid, '-t', String(timeout), '--nokill'));
    return result.code === 0 && (await this.state(vmid)) === 'stopped';
  }

  async freeze(vmid: number): Promise<CommandResult> {
    return runCommand(this.lxc('lxc-freeze', vmid));
  }

  async unfreeze(vmid: number): Promise<CommandResult> {
    return runCommand(this.lxc('lxc-unfreeze', vmid));
  }

  /** Whether a network device (the bridge a container's net names) exists in the lab namespace. */
  async deviceExists(device: string): Promise<boolean> {
    return (await runCommand(['ip', '-n', this.netns, 'link', 'show', 'dev', device])).code === 0;
  }

  /** `lxc-attach --clear-env -- argv` (PATH and HOME set, nothing of the node's environment leaks in); resolves with the exit code. */
  attach(
    vmid: number,
    argv: readonly string[],
    io: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream },
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      const command = this.lxc('lxc-attach', vmid, '--clear-env', '--set-var', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', '--set-var', 'HOME=/root', '--', ...argv);
      const child = spawn(command[0] as string, command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin.on('error', () => undefined); // the command may not read all its input
      if (io.stdin === undefined) child.stdin.end();
      else io.stdin.pipe(child.stdin);
      if (io.stdout !== undefined) child.stdout.pipe(io.stdout, { end: false });
      else child.stdout.resume();
      if (io.stderr !== undefined) child.stderr.pipe(io.stderr, { end: false });
      else child.stderr.resume();
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
    });
  }
}

/** `lxc-info -s -p` output: with two fields lxc-info labels each line (`State:   RUNNING`, `PID:   1234`). */
export function parseLxcInfo(stdout: string): { state: 'running' | 'stopped'; pid?: number } {
  const field = (name: string): string | undefined => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(stdout)?.[1];
  if (field('State') !== 'RUNNING') return { state: 'stopped' };
  const pid = Number(field('PID'));
  return Number.isInteger(pid) && pid > 0 ? { state: 'running', pid } : { state: 'running' };
}
