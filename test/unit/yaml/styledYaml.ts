// A seeded YAML writer for differential position tests: one value written in many styles —
// block and flow collections, compact `- key: value` items, plain, single- and double-quoted
// keys and values, multi-line plain and quoted scalars, block scalars, empty and written-out
// nulls, comments (whole-line and trailing, after `key:` too), blank lines, 2- or 4-space
// indentation, space before the colon, CRLF line endings.

import { pick, prng } from '../helpers/prng';

type Random = () => number;
const chance = (random: Random, p: number): boolean => random() < p;

export interface StyleOptions {
  indent: number;
  crlf: boolean;
}

/** Plain text `yaml` and js-yaml read back as the same string (no other type, no indicators). */
const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_/.@-]*(?: [A-Za-z0-9_/.@-]+)*$/;
const RESOLVES_OTHERWISE = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)$/;
const COMMENTS = ['# note', '# the secret lives elsewhere', '#', '# key: value', '# - item'];

class Writer {
  readonly lines: string[] = [];
  constructor(
    private readonly random: Random,
    private readonly options: StyleOptions,
  ) {}

  key(name: string): string {
    if (PLAIN_SAFE.test(name) && !RESOLVES_OTHERWISE.test(name) && !chance(this.random, 0.15)) return chance(this.random, 0.004) ? `${name}  ` : name;
    return chance(this.random, 0.5) ? JSON.stringify(name) : `'${name.replace(/'/g, "''")}'`;
  }

  /** A scalar on one line; `flow` when inside a flow collection (no `,[]{}` in plain text). */
  scalar(value: unknown, flow: boolean): string {
    if (value === null) return pick(this.random, ['null', '~', 'Null', 'NULL']);
    if (typeof value === 'number') return String(value);
    if (typeof value === 'boolean') return String(value);
    const text = String(value);
    const plainOk = PLAIN_SAFE.test(text) && !RESOLVES_OTHERWISE.test(text) && !/^[-+.0-9]/.test(text) && !(flow && /[,[\]{}]/.test(text));
    const style = plainOk ? this.random() : 0.9 + this.random() * 0.1;
    if (style < 0.7) return text;
    if (style < 0.85 && !/[\n\\]/.test(text)) return `'${text.replace(/'/g, "''")}'`;
    return JSON.stringify(text);
  }

  comment(): string {
    return chance(this.random, 0.15) ? `   ${pick(this.random, COMMENTS)}` : '';
  }

  blank(indent: string): void {
    if (chance(this.random, 0.05)) this.lines.push('');
    if (chance(this.random, 0.05)) this.lines.push(`${indent}${pick(this.random, COMMENTS)}`);
  }

  flow(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map((item) => this.flow(item)).join(pick(this.random, [', ', ',', ' , ']))}]`;
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).map(([k, v]) => `${this.key(k).trimEnd()}: ${this.flow(v)}`);
      return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
    }
    return this.scalar(value, true);
  }

  /** `prefix` is what stands before the value on its first line (`key:` or `- `). */
  value(value: unknown, depth: number, prefix: string, inSequence: boolean): void {
    const indent = ' '.repeat(depth * this.options.indent);
    const isCollection = typeof value === 'object' && value !== null;
    const empty = isCollection && Object.keys(value).length === 0;
    if (!isCollection) {
      if (value === null && !inSequence && chance(this.random, 0.4)) {
        this.lines.push(`${prefix}${this.comment()}`);
        return;
      }
      if (typeof value === 'string' && value.includes(' ') && !inSequence && PLAIN_SAFE.test(value) && !/^[-+.0-9]/.test(value) && chance(this.random, 0.1)) {
        // A plain scalar continued on the next, deeper line.
        const [first, ...rest] = value.split(' ');
        this.lines.push(`${prefix} ${first}`, `${indent}${' '.repeat(this.options.indent)}${rest.join(' ')}${this.comment()}`);
        return;
      }
      if (typeof value === 'string' && value.includes(' ') && chance(this.random, 0.05)) {
        // A double-quoted scalar broken over two lines (a line break folds to a space).
        const at = value.indexOf(' ');
        this.lines.push(`${prefix} "${JSON.stringify(value.slice(0, at)).slice(1, -1)}`, `${indent}${' '.repeat(this.options.indent)}${JSON.stringify(value.slice(at + 1)).slice(1)}${this.comment()}`);
        return;
      }
      if (typeof value === 'string' && !inSequence && /^[^\n]+\n$/.test(value) && chance(this.random, 0.5)) {
        this.lines.push(`${prefix} |`, `${indent}${' '.repeat(this.options.indent)}${value.slice(0, -1)}`);
        return;
      }
      if (value !== null && !inSequence && chance(this.random, 0.05)) {
        // The value on the next, deeper line, maybe after a comment on the key's line.
        this.lines.push(`${prefix}${this.comment()}`, `${indent}${' '.repeat(this.options.indent)}${this.scalar(value, false)}${this.comment()}`);
        return;
      }
      this.lines.push(`${prefix}${chance(this.random, 0.03) ? '\t' : ' '}${this.scalar(value, false)}${this.comment()}`);
      return;
    }
    if (empty || chance(this.random, 0.2)) {
      this.lines.push(`${prefix} ${this.flow(value)}${this.comment()}`);
      return;
    }
    if (Array.isArray(value)) {
      this.lines.push(`${prefix}${this.comment()}`);
      // Items of a mapping's list at the key's own indentation (YAML allows it) or deeper.
      const itemDepth = !inSequence && chance(this.random, 0.3) ? depth : depth + 1;
      this.sequence(value, itemDepth);
      return;
    }
    if (inSequence && chance(this.random, 0.7)) {
      // `- key: value` with the next keys under the first one.
      this.mapping(value as Record<string, unknown>, depth, `${prefix} `);
      return;
    }
    this.lines.push(`${prefix}${this.comment()}`);
    this.mapping(value as Record<string, unknown>, depth + 1);
  }

  mapping(value: Record<string, unknown>, depth: number, firstPrefix?: string): void {
    const indent = ' '.repeat(depth * this.options.indent);
    const inner = firstPrefix === undefined ? indent : ' '.repeat(firstPrefix.length);
    Object.entries(value).forEach(([k, v], i) => {
      if (i > 0 || firstPrefix === undefined) this.blank(inner);
      const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : inner;
      this.value(v, firstPrefix === undefined ? depth : firstPrefix.length / this.options.indent, `${lead}${this.key(k)}:`, false);
    });
  }

  sequence(items: unknown[], depth: number): void {
    const indent = ' '.repeat(depth * this.options.indent);
    for (const item of items) {
      this.blank(indent);
      this.value(item, depth, `${indent}-`, true);
    }
  }
}

/** `value` (a mapping) written as YAML in a style chosen by `seed`. */
export function styledYaml(value: Record<string, unknown>, seed: number): string {
  const random = prng(seed);
  const options: StyleOptions = { indent: chance(random, 0.7) ? 2 : 4, crlf: chance(random, 0.1) };
  const writer = new Writer(random, options);
  if (chance(random, 0.3)) writer.lines.push(`# ${pick(random, ['Service definition', 'generated'])}`);
  writer.mapping(value, 0);
  const text = `${writer.lines.join('\n')}\n`;
  return options.crlf ? text.replace(/\n/g, '\r\n') : text;
}
