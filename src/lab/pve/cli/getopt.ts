// Command-line options the way Proxmox's CLI reads them: pve-common JSONSchema.pm `get_options`
// hands the schema to Perl's Getopt::Long with prefix_pattern `(--|-)` and its defaults
// (permute, ignore_case, auto_abbrev). So `--key value`, `--key=value`, `-key value`, options
// between positional arguments, unique abbreviations, and `--` ending the options all work as
// on a real node. Booleans (and interactive values like --password) take an *optional* value:
// `--force`, `--force 1`, `--force=no`.

/** How Getopt::Long takes an option's value: `=s`, `:s` or `=s@` in its spec. */
export type OptionArity = 'value' | 'optionalValue' | 'list';

export interface GetoptResult {
  /** Canonical option name → value ('' when an optional value was left out); lists collect. */
  readonly options: Map<string, string | string[]>;
  /** Non-option arguments in order, including everything after `--`. */
  readonly rest: string[];
  /** Getopt::Long's own warnings (it prints them before the CLI dies with `unable to parse option`). */
  readonly warnings: string[];
}

const OPTION_START = /^(--|-)(.+)$/s;

export function getopt(argv: readonly string[], spec: ReadonlyMap<string, OptionArity>): GetoptResult {
  const options = new Map<string, string | string[]>();
  const rest: string[] = [];
  const warnings: string[] = [];
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--') {
      rest.push(...args);
      break;
    }
    const match = OPTION_START.exec(arg);
    if (match === null) {
      rest.push(arg);
      continue;
    }
    const body = match[2] as string;
    const eq = body.indexOf('=');
    const given = eq >= 0 ? body.slice(0, eq) : body;
    const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    const found = findOption(given, spec);
    if ('warning' in found) {
      warnings.push(found.warning);
      continue;
    }
    const { name, arity } = found;
    let value: string;
    if (inline !== undefined) {
      if (inline === '' && arity !== 'optionalValue') {
        warnings.push(`Option ${given} requires an argument`);
        continue;
      }
      value = inline;
    } else if (arity === 'optionalValue') {
      // An optional value is taken unless the next word looks like an option (Getopt::Long).
      const next = args[0];
      value = next === undefined || next === '--' || OPTION_START.test(next) ? '' : (args.shift() as string);
    } else {
      // A mandatory value takes the next word, whatever it looks like.
      if (args.length === 0) {
        warnings.push(`Option ${given} requires an argument`);
        continue;
      }
      value = args.shift() as string;
    }
    if (arity === 'list') {
      const list = options.get(name);
      options.set(name, Array.isArray(list) ? [...list, value] : [value]);
    } else {
      options.set(name, value);
    }
  }
  return { options, rest, warnings };
}

type Found = { name: string; arity: OptionArity } | { warning: string };

/** Exact name first (case-insensitive), then a unique prefix, as Getopt::Long's auto_abbrev does. */
function findOption(given: string, spec: ReadonlyMap<string, OptionArity>): Found {
  const lower = given.toLowerCase();
  for (const [name, arity] of spec) {
    if (name.toLowerCase() === lower) return { name, arity };
  }
  const hits = [...spec.keys()].filter((name) => name.toLowerCase().startsWith(lower)).sort();
  if (hits.length === 1) {
    const name = hits[0] as string;
    return { name, arity: spec.get(name) as OptionArity };
  }
  if (hits.length > 1) return { warning: `Option ${given} is ambiguous (${hits.join(', ')})` };
  return { warning: `Unknown option: ${given}` };
}
