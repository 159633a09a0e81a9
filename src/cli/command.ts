// What a CLI command is: its name, help text, options and the function that runs it.
// Commands receive their output streams so tests run them in-process.

import type { ArgumentSpec, OptionSpec, ParsedArgs } from './args';
import type { ExitCode } from './exitCodes';

export interface CliContext {
  cwd: string;
  /**
   * The width text output is laid out in: the terminal's columns when stdout is one, else 80
   * (main.ts decides). Tests set it; left out, it is 80.
   */
  columns?: number;
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  /** One line for `certify --help`. */
  summary: string;
  /** `certify <name> …` synopsis. */
  usage: string;
  /** Longer help: what it prints, examples. */
  details?: string;
  options: readonly OptionSpec[];
  /** The positional arguments it takes; any other count is a usage error (args.checkArguments). */
  arguments: ArgumentSpec;
  run(args: ParsedArgs, context: CliContext): Promise<ExitCode>;
}

/** Every command works on a repo; this option is shared so it reads the same everywhere. */
export const REPO_OPTION: OptionSpec = {
  name: 'repo',
  value: 'DIR',
  description: 'the infrastructure repo (default: the nearest folder at or above the current one with certify.yml, services/ or playbooks/)',
};

export const JSON_OPTION: OptionSpec = { name: 'json', description: 'print machine-readable JSON instead of text' };
