// Runs one `certify` invocation: parses, dispatches to the command, turns errors into
// messages that say what to do next and into the documented exit codes.

import { displayLines } from '../core/displayText';
import { parseArgs } from './args';
import type { CliContext, Command } from './command';
import { COMMANDS } from './commands';
import { ALL_EXIT_CODES, CliError, COMMAND_EXIT_CODES, EXIT, exitCodeHelp, type ExitCode } from './exitCodes';
import { LockBusyError } from '../store/lock';
import { RecordUnavailableError } from '../store/records';
import { errnoCode, StoreError } from '../store/storeError';
import { outputWidth, printText } from './safeOutput';
import { fitLines, wrapText } from './textWidth';
import { VERSION } from './version';

export async function runCli(argv: readonly string[], output: CliContext): Promise<ExitCode> {
  // Error messages quote arguments, paths and store problems, all of which a repo or a caller
  // supplies: they are masked and escaped like every command's output.
  // `cwd` stays a getter when the caller made it one: it may throw, inside the try below.
  // Help and error messages are fitted to the width like every text output.
  const columns = outputWidth(output);
  const context: CliContext = {
    get cwd() {
      return output.cwd;
    },
    columns,
    out: (text) => output.out(text),
    err: (text) => output.err(fitLines(displayLines(text), columns)),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
    printText(context, topic ? commandHelp(topic, columns) : mainHelp(columns));
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
      printText(context, commandHelp(command, columns));
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
    if (error instanceof StoreError) {
      context.err(`certify ${command.name}: ${error.message}`);
      return EXIT.recordUnavailable;
    }
    if (isCwdGone(error)) {
      context.err(
        `certify ${command.name}: the current folder no longer exists (it was deleted or moved). ` +
          'cd into your repo, or pass --repo with an absolute path.',
      );
      return EXIT.notFound;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.err(`certify ${command.name}: internal error — please report it with this message:\n${detail}`);
    return EXIT.internal;
  }
}

/** process.cwd() fails this way when the folder the shell is in was deleted. */
function isCwdGone(error: unknown): boolean {
  return errnoCode(error) === 'ENOENT' && (error as NodeJS.ErrnoException).syscall === 'uv_cwd';
}

/**
 * Sentences of help laid out as paragraphs: wrapped at the width with no hanging indent (the
 * last guard, safeOutput, would hang them like findings). Line breaks in the source are spaces.
 */
function prose(text: string, width: number): string {
  return wrapText(text.replace(/\n/g, ' '), width).join('\n');
}

function mainHelp(columns: number): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    prose('certify — prove that a Proxmox/Ansible service is automated, tested, backed up and restorable.', columns),
    '',
    'Usage: certify <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    prose('Run `certify <command> --help` for a command\'s options and the exit codes it can return.', columns),
    '',
    exitCodeHelp(ALL_EXIT_CODES),
  ].join('\n');
}

export function commandHelp(command: Command, columns: number): string {
  const width = Math.max(0, ...command.options.map((option) => optionTitle(option).length));
  return [
    `Usage: ${command.usage}`,
    '',
    prose(`${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`, columns),
    ...(command.details ? ['', prose(command.details, columns)] : []),
    '',
    'Options:',
    ...command.options.map((option) => `  ${optionTitle(option).padEnd(width)}  ${option.description}`),
    `  ${'-h, --help'.padEnd(width)}  show this help`,
    '',
    exitCodeHelp(COMMAND_EXIT_CODES[command.name] ?? ALL_EXIT_CODES),
  ].join('\n');
}

function optionTitle(option: Command['options'][number]): string {
  return `--${option.name}${option.value ? ` ${option.value}` : ''}`;
}
