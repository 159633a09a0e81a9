// `pct exec`, `pct push` and `pct pull`: commands and files inside a running container, through
// lxc-attach in the lab's namespace (what pct itself runs). The exit code is the command's.

import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { PveError } from '../pveNode';
import type { NodeContext } from './nodeContext';

async function checkRunning(ctx: NodeContext, vmid: number): Promise<void> {
  ctx.store.load(vmid);
  if ((await ctx.runtime.state(vmid)) !== 'running') throw new PveError(`container '${vmid}' not running!`);
}

export async function execInContainer(
  ctx: NodeContext,
  vmid: number,
  argv: readonly string[],
  io: { stdin?: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  await checkRunning(ctx, vmid);
  if (argv.length === 0) throw new PveError('missing command');
  return ctx.runtime.attach(vmid, argv, io);
}

export async function pushFile(
  ctx: NodeContext,
  vmid: number,
  hostFile: string,
  containerFile: string,
  options: { user?: number; group?: number; perms?: string },
): Promise<void> {
  await checkRunning(ctx, vmid);
  if (!existsSync(hostFile)) throw new PveError(`failed to open ${hostFile} for reading`);
  const perms = options.perms ?? '0644';
  if (!/^(0x[0-9a-fA-F]+|[0-7]+)$/.test(perms)) throw new PveError(`invalid permissions '${perms}'`);
  const mode = perms.startsWith('0x') ? parseInt(perms, 16).toString(8) : perms;
  const stderr = new PassThrough();
  const errors: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  // The file is written by a shell inside the container, so the path is the container's own.
  const script = 'cat > "$1" && chown "$2:$3" "$1" && chmod "$4" "$1"';
  const code = await ctx.runtime.attach(vmid, ['sh', '-c', script, 'push', containerFile, String(options.user ?? 0), String(options.group ?? 0), mode], {
    stdin: createReadStream(hostFile),
    stderr,
  });
  if (code !== 0) throw new PveError(`failed to write ${containerFile} in CT ${vmid}: ${Buffer.concat(errors).toString('utf8').trim()}`);
}

export async function pullFile(ctx: NodeContext, vmid: number, containerFile: string, hostFile: string): Promise<void> {
  await checkRunning(ctx, vmid);
  const errors: Buffer[] = [];
  const stderr = new PassThrough();
  stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  const out = createWriteStream(hostFile);
  const code = await ctx.runtime.attach(vmid, ['cat', '--', containerFile], { stdout: out, stderr });
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  if (code !== 0) throw new PveError(`failed to open ${containerFile} in CT ${vmid}: ${Buffer.concat(errors).toString('utf8').trim()}`);
}
