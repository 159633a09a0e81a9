// From argv to checked parameters, in the order pve-common does it: `get_options` (Getopt,
// positional arguments, booleans, lists) then the schema check of `RESTHandler::handle`.
// Every failure is a ParamException, which the tool prints with the command's usage.

import type { CliCommand, Params } from './cliCommand';
import { getopt, type OptionArity } from './getopt';
import { ParamException, PARAMETER_VERIFICATION_FAILED } from './paramException';
import { checkParam, isListParam, normaliseBoolean, type ParamDef } from './paramSchema';

export class GetoptFailure extends ParamException {
  constructor(readonly warnings: readonly string[]) {
    super('unable to parse option\n');
  }
}

export function parseParams(command: CliCommand, argv: readonly string[]): Params {
  const listArg = typeof command.args === 'string' ? command.args : undefined;
  const positional = typeof command.args === 'string' ? [] : command.args;
  const spec = new Map<string, OptionArity>();
  // Positional parameters are options too, as in get_options: `pct destroy --vmid 100` is
  // read, then fails with `not enough arguments` because the positional slot is empty.
  for (const [name, def] of Object.entries(command.params)) {
    if (name === listArg) continue;
    spec.set(name, arityOf(name, def));
  }
  const { options, rest, warnings } = getopt(argv, spec);
  if (warnings.length > 0) throw new GetoptFailure(warnings);

  const values: Record<string, string | readonly string[]> = {};
  for (const [name, value] of options) values[name] = value;
  assignPositional(values, rest, listArg, positional, command);

  for (const [name, value] of Object.entries(values)) {
    const def = command.params[name];
    if (def === undefined || typeof value !== 'string') continue;
    if (def.type === 'boolean') {
      const normalised = normaliseBoolean(value);
      if (normalised === undefined) {
        throw new ParamException(PARAMETER_VERIFICATION_FAILED, { [name]: 'wrong value for boolean option' });
      }
      values[name] = normalised;
    }
  }
  for (const [name, def] of Object.entries(command.params)) {
    const value = values[name];
    if (isListParam(def) && value !== undefined) values[name] = splitList(value);
  }
  verify(values, command);
  return values;
}

function arityOf(name: string, def: ParamDef): OptionArity {
  if (def.interactive === true || def.type === 'boolean') return 'optionalValue';
  if (isListParam(def) || name === 'extra-args') return 'list';
  return 'value';
}

function assignPositional(
  values: Record<string, string | readonly string[]>,
  rest: string[],
  listArg: string | undefined,
  positional: readonly string[],
  command: CliCommand,
): void {
  if (listArg !== undefined) {
    if (rest.length > 0) values[listArg] = rest;
    return;
  }
  const words = [...rest];
  for (const name of positional) {
    if (name === 'extra-args') {
      values[name] = words.splice(0);
      continue;
    }
    const word = words.shift();
    if (word === undefined) {
      if (command.params[name]?.optional !== true) throw new ParamException('not enough arguments\n');
      continue;
    }
    values[name] = word;
  }
  if (words.length > 0) throw new ParamException('too many arguments\n');
}

/** PVE::Tools::split_list: `--delete a,b --delete c` and `vzdump 100,101` become one list. */
function splitList(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? [value] : value;
  return parts.flatMap((part) => part.split(/[\s,;\0]+/)).filter((part) => part !== '');
}

function verify(values: Readonly<Record<string, string | readonly string[]>>, command: CliCommand): void {
  const errors: Record<string, string> = {};
  for (const [name, def] of Object.entries(command.params)) {
    const value = values[name];
    if (value === undefined) {
      if (def.optional !== true) errors[name] = 'property is missing and it is not optional';
      continue;
    }
    const items = typeof value === 'string' ? [value] : isListParam(def) ? value : [];
    for (const item of items) {
      const error = checkParam(def, item);
      if (error !== undefined) {
        errors[name] = error;
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) throw new ParamException(PARAMETER_VERIFICATION_FAILED, errors);
}
