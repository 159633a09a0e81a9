// `certify lab up | down | status | env`: the local Proxmox-shaped lab (docs/lab.md).

import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { labDown } from '../../lab/control/down';
import { envExports, labEnv } from '../../lab/control/env';
import { LabUnsupportedError } from '../../lab/control/labErrors';
import { checkHost } from '../../lab/control/preflight';
import { labLayoutAsSaved } from '../../lab/control/savedForwards';
import { labStatus } from '../../lab/control/status';
import { statusText } from '../../lab/control/statusText';
import { labUp } from '../../lab/control/up';
import type { LabLayout } from '../../lab/labLayout';
import { checkArguments, type ParsedArgs } from '../args';
import { JSON_OPTION, type CliContext, type Command } from '../command';
import { CliError, EXIT, type ExitCode } from '../exitCodes';
import { printJson, printText } from '../safeOutput';

const ACTIONS = ['up', 'down', 'status', 'env'] as const;
type Action = (typeof ACTIONS)[number];

export const labCommand: Command = {
  name: 'lab',
  summary: 'start, stop or describe the local Proxmox-shaped lab (Linux, root)',
  usage: 'certify lab up [--install] [--repo DIR] | down | status [--json] | env [--json]',
  details:
    'up builds the lab (network namespaces, the node\'s sshd and API, DNS, the vantage host) and\n' +
    'is fast when it already runs; down removes everything it made; status shows what runs where;\n' +
    'env prints `export` lines for a shell (eval "$(certify lab env)") or the engine.\n' +
    '--name and --dir run a second lab beside the default one (give the same to every action).',
  options: [
    { name: 'install', description: 'up: install missing Debian packages with apt-get' },
    { name: 'repo', value: 'DIR', description: 'up: the infrastructure repo the lab plays (default: Certify\'s examples/homelab)' },
    JSON_OPTION,
    { name: 'name', value: 'NAME', description: 'the lab\'s name (default certify): prefixes its namespaces' },
    { name: 'dir', value: 'DIR', description: 'the lab\'s folder (default /var/lib/certify-lab/<name>)' },
    { name: 'ssh-port', value: 'PORT', description: 'loopback port forwarded to the node\'s sshd (default 2222)' },
    { name: 'api-port', value: 'PORT', description: 'loopback port forwarded to the node\'s API (default 8006)' },
  ],
  arguments: { min: 1, max: 1, takes: 'one action: up, down, status or env' },
  async run(args, context) {
    checkArguments(args, labCommand.arguments, labCommand.usage);
    const action = args.positionals[0] as Action;
    if (!ACTIONS.includes(action)) throw new CliError(EXIT.usage, `unknown action "${action}". Usage: ${labCommand.usage}`);
    const layout = layoutFrom(args, context);
    try {
      checkHost();
      return await ACTION_RUNNERS[action](layout, args, context);
    } catch (error) {
      if (error instanceof LabUnsupportedError) throw new CliError(EXIT.unsupported, error.message);
      if (error instanceof CliError) throw error;
      throw new CliError(EXIT.failed, `${action} failed: ${(error as Error).message}`);
    }
  },
};

const ACTION_RUNNERS: Record<Action, (layout: LabLayout, args: ParsedArgs, context: CliContext) => Promise<ExitCode>> = {
  async up(layout, args, context) {
    const repo = args.values.get('repo');
    const repoDir = repo === undefined ? undefined : path.resolve(context.cwd, repo);
    if (repoDir !== undefined && !(existsSync(repoDir) && statSync(repoDir).isDirectory())) {
      throw new CliError(EXIT.usage, `--repo ${repo}: no such folder.`);
    }
    await labUp(layout, { repo: repoDir, install: args.flags.has('install'), onProgress: (line) => context.out(line) });
    printText(context, statusText(await labStatus(layout)));
    return EXIT.ok;
  },
  async down(layout, _args, context) {
    const result = await labDown(layout, { onProgress: (line) => context.out(line) });
    context.out(`lab '${layout.name}' is down (${(result.elapsedMs / 1000).toFixed(1)} s)`);
    return EXIT.ok;
  },
  async status(layout, args, context) {
    const status = await labStatus(layout);
    if (args.flags.has('json')) printJson(context, status);
    else printText(context, statusText(status));
    return EXIT.ok;
  },
  async env(layout, args, context) {
    const env = labEnv(layout);
    if (args.flags.has('json')) printJson(context, env);
    else context.out(envExports(env));
    return EXIT.ok;
  },
};

function layoutFrom(args: ParsedArgs, context: CliContext): LabLayout {
  const port = (option: string): number | undefined => {
    const value = args.values.get(option);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) throw new CliError(EXIT.usage, `--${option} must be a port number; got "${value}".`);
    return Number(value);
  };
  const dir = args.values.get('dir');
  try {
    // Ports given now win; else those the lab was brought up with; else the defaults.
    return labLayoutAsSaved({
      name: args.values.get('name'),
      dir: dir === undefined ? undefined : path.resolve(context.cwd, dir),
      forwards: { sshPort: port('ssh-port'), apiPort: port('api-port') },
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(EXIT.usage, (error as Error).message);
  }
}
