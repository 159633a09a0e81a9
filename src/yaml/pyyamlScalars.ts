// Plain scalars read as Ansible reads them. Ansible loads YAML with PyYAML, whose YAML 1.1
// resolver is narrower than the `yaml` package's 1.1 schema: `y`/`n` stay strings, `09` and
// `1e5` are strings (ints have no leading 0 but octal, floats need a dot and a signed
// exponent), `00:11:22` is a string (sexagesimal starts with 1-9), `.` is a string, and a lone
// `=` is refused (PyYAML resolves it to the `value` tag, which nothing constructs). The regular
// expressions and constructors below are PyYAML's (yaml/resolver.py, yaml/constructor.py).

import type { ScalarTag } from 'yaml';

export const PY_NULL = /^(?:~|null|Null|NULL|)$/;
export const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
export const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
export const PY_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
export const PY_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
export const PY_TIMESTAMP = /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
/** PyYAML's constructor reads the parts of a timestamp with this (constructor.py timestamp_regexp). */
const TIMESTAMP_PARTS = /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

/** PyYAML's construct_yaml_int; undefined where Python's int() raises (`0b_`, `0x_`). */
export function pyInt(text: string): number | undefined {
  let value = text.replace(/_/g, '');
  const sign = value[0] === '-' ? -1 : 1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  const signed = (n: number): number | undefined => (Number.isNaN(n) ? undefined : n === 0 ? 0 : sign * n);
  if (value === '0') return 0;
  if (value.startsWith('0b')) return value.length > 2 ? signed(parseInt(value.slice(2), 2)) : undefined;
  if (value.startsWith('0x')) return value.length > 2 ? signed(parseInt(value.slice(2), 16)) : undefined;
  if (value[0] === '0') return signed(parseInt(value, 8));
  if (value.includes(':')) return signed(sexagesimal(value, parseInt));
  return signed(parseInt(value, 10));
}

/** PyYAML's construct_yaml_float. */
export function pyFloat(text: string): number {
  let value = text.replace(/_/g, '').toLowerCase();
  const sign = value[0] === '-' ? -1 : 1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  if (value === '.inf') return sign * Number.POSITIVE_INFINITY;
  if (value === '.nan') return Number.NaN;
  if (value.includes(':')) return sign * sexagesimal(value, parseFloat);
  return sign * parseFloat(value);
}

/** Base-60 digits, most significant first, summed the way PyYAML sums them (least significant first). */
function sexagesimal(value: string, digit: (part: string) => number): number {
  const parts = value.split(':').map((part) => digit(part)).reverse();
  let base = 1;
  let sum = 0;
  for (const part of parts) {
    sum += part * base;
    base *= 60;
  }
  return sum;
}

/**
 * PyYAML's construct_yaml_timestamp as a Date (UTC; a time without a zone is taken as UTC, as
 * the differential's oracle writes it); undefined where Python's date/datetime refuse the parts.
 */
export function pyTimestamp(text: string): Date | undefined {
  const match = TIMESTAMP_PARTS.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone, zoneSign, zoneHour, zoneMinute] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = hour === undefined ? 0 : Number(hour);
  const mi = minute === undefined ? 0 : Number(minute);
  const s = second === undefined ? 0 : Number(second);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  if (zone !== undefined && zone !== 'Z') {
    const offset = (Number(zoneHour) * 60 + (zoneMinute === undefined ? 0 : Number(zoneMinute))) * (zoneSign === '-' ? -1 : 1);
    // Python's timezone() takes offsets strictly inside one day.
    if (Math.abs(offset) >= 24 * 60) return undefined;
    date.setTime(date.getTime() - offset * 60_000);
  }
  return date;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const TAG = 'tag:yaml.org,2002:';

// Each resolver is tried on plain scalars only; `yaml` tries them in order, as PyYAML tries its
// resolvers by first character (no two of these match the same text).
const nullTag: ScalarTag = { tag: `${TAG}null`, default: true, test: PY_NULL, identify: (value) => value === null, resolve: () => null };
const boolTag: ScalarTag = {
  tag: `${TAG}bool`,
  default: true,
  test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON|no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  identify: (value) => typeof value === 'boolean',
  resolve: (text) => PY_TRUE.test(text),
};
const intTag: ScalarTag = {
  tag: `${TAG}int`,
  default: true,
  test: PY_INT,
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  resolve: (text, onError) => pyInt(text) ?? (onError(`PyYAML cannot read ${text} as an integer`), text),
};
const floatTag: ScalarTag = { tag: `${TAG}float`, default: true, test: PY_FLOAT, identify: (value) => typeof value === 'number', resolve: (text) => pyFloat(text) };
const timestampTag: ScalarTag = {
  tag: `${TAG}timestamp`,
  default: true,
  test: PY_TIMESTAMP,
  identify: (value) => value instanceof Date,
  resolve: (text, onError) => pyTimestamp(text) ?? (onError(`${text} is not a valid date or time`), text),
};
/** A lone `=`: PyYAML resolves it to a tag it cannot construct, so Ansible refuses the file. */
const valueTag: ScalarTag = {
  tag: `${TAG}value`,
  default: true,
  test: /^=$/,
  resolve: (text, onError) => (onError('A plain = is the YAML 1.1 "value" key, which Ansible cannot read; quote it'), text),
};

const REPLACED = new Set([`${TAG}null`, `${TAG}bool`, `${TAG}int`, `${TAG}float`, `${TAG}timestamp`]);

/**
 * The `yaml` package's YAML 1.1 tags with the implicit scalar types replaced by PyYAML's (its
 * str, seq, map, binary, merge, omap, pairs and set stay): for the `customTags` option.
 */
export function pyyamlTags<T extends { tag: string; default?: boolean | 'key' }>(tags: T[]): (T | ScalarTag)[] {
  const kept = tags.filter((tag) => !(REPLACED.has(tag.tag) && tag.default === true));
  const at = kept.findIndex((tag) => tag.tag === `${TAG}str`) + 1;
  return [...kept.slice(0, at), nullTag, boolTag, intTag, floatTag, timestampTag, valueTag, ...kept.slice(at)];
}
