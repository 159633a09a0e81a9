// pct's commands that reach into a container: exec (lxc-attach), push and pull (copy a file
// in or out). Owners given by name are looked up in the container's own /etc/passwd and
// /etc/group, as pct.pm resolves them inside the container.

import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PveNode } from '../pveNode';
import type { CliCommand, Params } from './cliCommand';
import { flagParam, listParam, stringParam } from './cliCommand';
import { VMID_PARAM } from './paramSchema';

export const pctExec: CliCommand = {
  name: 'exec',
  args: ['vmid', 'extra-args'],
  params: { vmid: VMID_PARAM, 'keep-env': { type: 'boolean', optional: true }, 'extra-args': { type: 'string', optional: true } },
  run: async ({ io, node, params }) => {
    const vmid = Number(params.vmid);
    await node.containerConfig(vmid);
    const status = await node.containerStatus(vmid);
    if (status.status !== 'running') throw new Error(`container '${vmid}' not running!`);
    // The node always attaches with a clean environment (lxc-attach --clear-env, PVE 9's
    // default): keeping the node's own environment would carry the lab's variables inside.
    if (flagParam(params, 'keep-env')) throw new Error("the lab's pct exec always clears the environment: use --keep-env 0");
    const command = listParam(params, 'extra-args');
    // pct.pm dies without a newline here, so Perl adds its source position; the lab has none to add.
    if (command.length === 0) throw new Error('missing command');
    const stdin = io.stdin;
    try {
      return await node.exec(vmid, command, { ...(stdin === undefined ? {} : { stdin }), stdout: io.stdout, stderr: io.stderr });
    } finally {
      // The command is done with its input; an ssh session's stdin left flowing would keep pct alive.
      stdin?.unpipe();
      stdin?.pause();
    }
  },
};

const OWNER_PARAMS = {
  user: { type: 'string', optional: true },
  group: { type: 'string', optional: true },
  perms: { type: 'string', optional: true },
} as const;

export const pctPush: CliCommand = {
  name: 'push',
  args: ['vmid', 'file', 'destination'],
  params: { vmid: VMID_PARAM, file: { type: 'string' }, destination: { type: 'string' }, ...OWNER_PARAMS },
  run: async ({ node, params }) => {
    const vmid = Number(params.vmid);
    const file = stringParam(params, 'file') as string;
    await node.containerConfig(vmid);
    const owner = await resolveOwner(node, vmid, params);
    const perms = stringParam(params, 'perms');
    await node.push(vmid, file, stringParam(params, 'destination') as string, { ...owner, ...(perms === undefined ? {} : { perms }) });
    return 0;
  },
};

export const pctPull: CliCommand = {
  name: 'pull',
  args: ['vmid', 'path', 'destination'],
  params: { vmid: VMID_PARAM, path: { type: 'string' }, destination: { type: 'string' }, ...OWNER_PARAMS },
  run: async ({ node, params }) => {
    const vmid = Number(params.vmid);
    const destination = stringParam(params, 'destination') as string;
    await node.containerConfig(vmid);
    const owner = await resolveOwner(node, vmid, params);
    const perms = stringParam(params, 'perms');
    const mode = perms === undefined ? undefined : parsePerms(perms);
    await node.pull(vmid, stringParam(params, 'path') as string, destination);
    if (owner.user !== undefined || owner.group !== undefined) await chown(destination, owner.user ?? -1, owner.group ?? -1);
    if (mode !== undefined) await chmod(destination, mode);
    return 0;
  },
};

/** `--perms`: octal by default, `0x` for hexadecimal (Perl's `oct`). */
export function parsePerms(perms: string): number {
  const value = /^0x[0-9a-f]+$/i.test(perms) ? parseInt(perms.slice(2), 16) : /^0?[0-7]+$/.test(perms) ? parseInt(perms, 8) : NaN;
  if (Number.isNaN(value)) throw new Error(`invalid permissions '${perms}'`);
  return value;
}

async function resolveOwner(node: PveNode, vmid: number, params: Params): Promise<{ user?: number; group?: number }> {
  const user = stringParam(params, 'user');
  const group = stringParam(params, 'group');
  const owner: { user?: number; group?: number } = {};
  if (user !== undefined) owner.user = await lookUpId(node, vmid, '/etc/passwd', user, 'uid');
  if (group !== undefined) owner.group = await lookUpId(node, vmid, '/etc/group', group, 'gid');
  return owner;
}

async function lookUpId(node: PveNode, vmid: number, table: string, name: string, kind: 'uid' | 'gid'): Promise<number> {
  if (/^\d+$/.test(name)) return Number(name);
  const id = findId(await readContainerFile(node, vmid, table), name);
  if (id === undefined) throw new Error(`failed to get ${kind} for: ${name}`);
  return id;
}

/** The id (third field) of `name` in a passwd- or group-style table. */
export function findId(table: string, name: string): number | undefined {
  for (const line of table.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  return undefined;
}

async function readContainerFile(node: PveNode, vmid: number, file: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pct-owner-'));
  try {
    const copy = path.join(dir, path.basename(file));
    await node.pull(vmid, file, copy);
    return await readFile(copy, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
