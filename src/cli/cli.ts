// Runs one `certify` invocation: parses, dispatches to the command, turns errors into
// messages that say what to do next and into the documented exit codes.

import { parseArgs } from './args';
import type { CliContext, Command } from './command';
import { COMMANDS } from './commands';
import { CliError, EXIT, EXIT_CODE_HELP, type ExitCode } from './exitCodes';
import { LockBusyError } from '../store/lock';
import { RecordUnavailableError } from '../store/records';
import { VERSION } from './version';


export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
    context.out(topic ? commandHelp(topic) : mainHelp());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    context.out(VERSION);
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    context.err(`certify: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See certify --help.`);
    return EXIT.usage;
  }
  try {
    const args = parseArgs(rest, command.options, command.name);
    if (args.help) {
      context.out(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof CliError) {
      context.err(`certify ${command.name}: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof RecordUnavailableError) {
      context.err(`certify ${command.name}: ${error.message}`);
      return EXIT.recordUnavailable;
    }
    if (error instanceof LockBusyError) {
      context.err(`certify ${command.name}: ${error.message}`);
      return EXIT.busy;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.err(`certify ${command.name}: internal error — please report it with this message:\n${detail}`);
    return EXIT.internal;
  }
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'certify — prove that a Proxmox/Ansible service is automated, tested, backed up and restorable.',
    '',
    'Usage: certify <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `certify <command> --help` for a command\'s options.',
    '',
    EXIT_CODE_HELP,
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const width = Math.max(0, ...command.options.map((option) => optionTitle(option).length));
  return [
    `Usage: ${command.usage}`,
    '',
    `${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    ...command.options.map((option) => `  ${optionTitle(option).padEnd(width)}  ${option.description}`),
    `  ${'-h, --help'.padEnd(width)}  show this help`,
    '',
    EXIT_CODE_HELP,
  ].join('\n');
}

function optionTitle(option: Command['options'][number]): string {
  return `--${option.name}${option.value ? ` ${option.value}` : ''}`;
}
