// Short usage lines as pve-common RESTHandler.pm `getopt_usage` writes them in its 'short'
// format: `<prefix> <args>` then ` [OPTIONS]` when the command has any option left.
// Positional arguments read `<vmid>`, optional ones `[<extra-args>]`, list ones `{<vmid>}`.

import type { CliCommand } from './cliCommand';

export function commandUsage(tool: string, command: CliCommand): string {
  const prefix = command.name === '' ? tool : `${tool} ${command.name}`;
  const positional = typeof command.args === 'string' ? [command.args] : command.args;
  const args = positional
    .map((name) => {
      if (typeof command.args === 'string') return `{<${name}>}`;
      return command.params[name]?.optional === true ? `[<${name}>]` : `<${name}>`;
    })
    .join(' ');
  const hasOptions = Object.keys(command.params).some((name) => !positional.includes(name));
  return `${prefix}${args === '' ? '' : ` ${args}`}${hasOptions ? ' [OPTIONS]' : ''}\n`;
}

/** CLIHandler.pm `print_usage_short`: an optional `ERROR:` line, the synopsis, one line per command. */
export function toolUsage(tool: string, commands: readonly CliCommand[], error?: string): string {
  let text = error === undefined ? '' : `ERROR: ${error}\n`;
  text += `USAGE: ${tool} <COMMAND> [ARGS] [OPTIONS]\n`;
  const sorted = [...commands].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const command of sorted) text += `       ${commandUsage(tool, command)}`;
  return text;
}
