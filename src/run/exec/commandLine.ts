// How a CommandSpec reads as a shell command line, for describe() and for the remote side,
// quoted only by core/shellQuote. Also the one check both executors make before they run a
// spec: an environment name that is not a shell name could not be set as written.

import { shellCommand, shellQuote } from '../../core/shellQuote';
import type { CommandSpec } from './executor';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why the spec cannot run as given, or undefined. */
export function specProblem(spec: CommandSpec): string | undefined {
  if (spec.argv.length === 0) return 'Nothing to run: the command is empty.';
  const bad = Object.keys(spec.env ?? {}).filter((name) => !ENV_NAME.test(name));
  if (bad.length > 0) return `Cannot set environment variable ${bad.map((name) => JSON.stringify(name)).join(', ')}: names are letters, digits and _ (not starting with a digit).`;
  return undefined;
}

/** `K=V … argv`, as a person types it in a shell (an assignment's value quoted, not the whole word). */
export function withEnvAssignments(spec: CommandSpec): string {
  const assignments = Object.entries(spec.env ?? {}).map(([name, value]) => `${name}=${shellQuote(value)}`);
  return [...assignments, shellCommand(spec.argv)].join(' ');
}

/** argv behind `env K=V …` when there is an environment: one argv that any POSIX system runs. */
export function withEnvCommand(spec: CommandSpec): readonly string[] {
  const env = Object.entries(spec.env ?? {});
  return env.length === 0 ? spec.argv : ['env', ...env.map(([name, value]) => `${name}=${value}`), ...spec.argv];
}

/** The command line with its folder: `(cd X && …)` locally; remotely the subshell is not needed. */
export function inFolder(commandLine: string, cwd: string | undefined, subshell: boolean): string {
  if (cwd === undefined) return commandLine;
  const line = `cd ${shellQuote(cwd)} && ${commandLine}`;
  return subshell ? `(${line})` : line;
}
