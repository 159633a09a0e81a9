// What one subcommand of a Proxmox-style tool is (`pct destroy`, `pvesm list`, `vzdump`):
// its positional arguments, its parameter schema and the code that runs it. Mirrors an entry
// of a Perl `$cmddef` table: [class, method, arg_param, fixed_param, output handler].

import type { ToolIo } from '../../toolIo';
import type { PveNode } from '../pveNode';
import type { ParamSchema } from './paramSchema';

/** Parsed parameters: scalars as strings (booleans '0'/'1'), list formats and extra-args as arrays. */
export type Params = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface CommandContext {
  readonly io: ToolIo;
  readonly node: PveNode;
  readonly params: Params;
}

export interface CliCommand {
  readonly name: string;
  /**
   * Positional parameters in order (`arg_param`). `extra-args` takes every remaining word.
   * A string instead of an array is a list parameter (`vzdump 100 101`), shown as `{<vmid>}`.
   */
  readonly args: readonly string[] | string;
  readonly params: ParamSchema;
  /** Resolves with the exit code; throws PveError (or any Error) for Perl's `die`. */
  run(context: CommandContext): Promise<number>;
}

export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

export function listParam(params: Params, name: string): readonly string[] {
  const value = params[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

export function flagParam(params: Params, name: string): boolean {
  return params[name] === '1';
}
