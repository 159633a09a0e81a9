// The one argument parser every command uses: long options (`--json`, `--repo DIR`,
// `--repo=DIR`), `-h`/`--help`, `--` to end options, positionals. Unknown options are errors.

import { displayText } from '../core/displayText';
import { CliError, EXIT } from './exitCodes';

export interface OptionSpec {
  name: string;
  /** Takes a value (`--repo DIR`) or is a flag (`--json`). */
  value?: string;
  /** Allowed values, checked here so every command gets the same message. */
  choices?: readonly string[];
  description: string;
}

/** How many positional arguments a command takes, and those words for the usage error. */
export interface ArgumentSpec {
  min: number;
  /** Infinity: any number (validate's paths). */
  max: number;
  /** "no arguments", "one service name". */
  takes: string;
}

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  positionals: string[];
  help: boolean;
}

export function parseArgs(argv: readonly string[], options: readonly OptionSpec[], command: string): ParsedArgs {
  const parsed: ParsedArgs = { flags: new Set(), values: new Map(), positionals: [], help: false };
  const byName = new Map(options.map((option) => [option.name, option]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      parsed.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const [rawName, inline] = splitOnce(arg.replace(/^--?/, ''), '=');
    const option = byName.get(rawName);
    if (!option) {
      const known = options.map((o) => `--${o.name}`).join(', ') || 'none';
      throw new CliError(EXIT.usage, `Unknown option ${displayText(arg)} for "certify ${command}". Options: ${known}. See certify ${command} --help.`);
    }
    if (!option.value) {
      if (inline !== undefined) throw new CliError(EXIT.usage, `--${option.name} takes no value.`);
      parsed.flags.add(option.name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new CliError(EXIT.usage, `--${option.name} needs a value (${option.value}).`);
    }
    if (option.choices && !option.choices.includes(value)) {
      throw new CliError(EXIT.usage, `--${option.name} must be one of ${option.choices.join(', ')}; got "${displayText(value)}".`);
    }
    parsed.values.set(option.name, value);
  }
  return parsed;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

/**
 * Extra words are a usage error, never ignored: `certify list gitea` would otherwise print
 * every service and exit 0, as if the filter had worked. One line: what the command takes.
 */
export function checkArguments(args: ParsedArgs, spec: ArgumentSpec, usage: string): void {
  const count = args.positionals.length;
  if (count >= spec.min && count <= spec.max) return;
  const got = count === 0 ? 'none' : args.positionals.map((word) => `"${displayText(word)}"`).join(' ');
  throw new CliError(EXIT.usage, `takes ${spec.takes}; got ${got}. Usage: ${usage}`);
}
