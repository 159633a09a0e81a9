// Dispatch and error reporting of a Proxmox-style tool, as pve-common CLIHandler.pm does it:
// no command → `ERROR: no command specified` + short usage; an unknown one → `ERROR: unknown
// command 'pct foo'`; `help` prints the short usage to stdout. A `die` prints its message to
// stderr and exits 255 (Perl's exit status for die); parameter errors get the usage appended.

import type { ToolIo } from '../../toolIo';
import { PveError, type PveNode } from '../pveNode';
import type { CliCommand } from './cliCommand';
import { formatParamError, ParamException } from './paramException';
import { GetoptFailure, parseParams } from './parseParams';
import { commandUsage, toolUsage } from './usage';

/** Perl's `exit(-1)` and an uncaught `die` both end the process with 255. */
export const EXIT_DIE = 255;

export interface ToolDef {
  readonly name: string;
  readonly commands: readonly CliCommand[];
}

export async function runMultiCommandTool(tool: ToolDef, argv: readonly string[], io: ToolIo, node: PveNode): Promise<number> {
  const commands = [...tool.commands, helpCommand(tool)];
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(toolUsage(tool.name, commands, 'no command specified'));
    return EXIT_DIE;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(toolUsage(tool.name, commands, `unknown command '${tool.name} ${name}'`));
    return EXIT_DIE;
  }
  return runCommand(tool.name, command, rest, io, node);
}

/** One command with its parsing and Proxmox's error reporting (RESTHandler.pm `cli_handler`). */
export async function runCommand(tool: string, command: CliCommand, argv: readonly string[], io: ToolIo, node: PveNode): Promise<number> {
  try {
    const params = parseParams(command, argv);
    return await command.run({ io, node, params });
  } catch (error) {
    io.stderr.write(describeFailure(tool, command, error));
    return EXIT_DIE;
  }
}

function describeFailure(tool: string, command: CliCommand, error: unknown): string {
  const usage = commandUsage(tool, command);
  if (error instanceof GetoptFailure) {
    return error.warnings.map((warning) => `${warning}\n`).join('') + formatParamError(error.message, undefined, usage);
  }
  if (error instanceof ParamException) return formatParamError(error.message, error.errors, usage);
  if (error instanceof PveError && error.httpStatus === 400) {
    const message = error.message.endsWith('\n') ? error.message : `${error.message}\n`;
    return formatParamError(message, error.errors, usage);
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.endsWith('\n') ? message : `${message}\n`;
}

/**
 * CLIHandler's built-in `help [<extra-args>] [--verbose]`. Without a command it prints the
 * short usage of every command to stdout. With one, Proxmox prints the command's full
 * description; the lab has no descriptions, so it prints that command's usage line.
 */
function helpCommand(tool: ToolDef): CliCommand {
  return {
    name: 'help',
    args: ['extra-args'],
    params: { 'extra-args': { type: 'string', optional: true }, verbose: { type: 'boolean', optional: true } },
    run: async ({ io, params }) => {
      const words = params['extra-args'];
      const wanted = Array.isArray(words) && words.length > 0 ? words.join(' ') : undefined;
      const commands = [...tool.commands, helpCommand(tool)];
      if (wanted === undefined) {
        io.stdout.write(toolUsage(tool.name, commands));
        return 0;
      }
      const command = commands.find((candidate) => candidate.name === wanted);
      if (command === undefined) throw new Error(`no such command '${wanted}'`);
      io.stdout.write(`USAGE: ${commandUsage(tool.name, command)}`);
      return 0;
    },
  };
}
