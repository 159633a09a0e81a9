// The container config file `<vmid>.conf` in Proxmox's format (pve-container LXC/Config.pm
// `parse_pct_config` / `write_pct_config`): the description first as `#` comment lines
// (encoded), then `key: value` lines in sorted key order, then the raw `lxc.*` lines in
// their own order. Values are typed as Proxmox types them: integers and booleans (0/1) are
// numbers, everything else is text. Snapshot sections (`[name]`) are not supported by the lab
// and are not read.

import { createHash } from 'node:crypto';
import type { ConfigValue, ContainerConfig } from '../pveNode';
import { decodeText, encodeText } from './textEncoding';

/** Keys whose schema type is boolean: stored as 1 or 0. */
const BOOLEAN_KEYS = new Set(['console', 'debug', 'onboot', 'protection', 'template', 'unprivileged']);
/** Keys whose schema type is integer. */
const INTEGER_KEYS = new Set(['cores', 'cpuunits', 'memory', 'swap', 'tty']);
/** Keys whose schema type is number (fractions allowed). */
const NUMBER_KEYS = new Set(['cpulimit']);

/** Every config key the lab's containers accept (pct's schema, less what the lab cannot do). */
const PLAIN_KEYS = new Set([
  'arch', 'cmode', 'console', 'cores', 'cpulimit', 'cpuunits', 'debug', 'description', 'features', 'hookscript',
  'hostname', 'lock', 'memory', 'nameserver', 'onboot', 'ostype', 'protection', 'rootfs', 'searchdomain', 'startup',
  'swap', 'tags', 'template', 'timezone', 'tty', 'unprivileged',
]);
const INDEXED_KEY = /^(net|mp|unused|dev)\d+$/;

export function isConfigKey(key: string): boolean {
  return PLAIN_KEYS.has(key) || INDEXED_KEY.test(key);
}

const TRUE_WORDS = new Set(['1', 'on', 'yes', 'true']);
const FALSE_WORDS = new Set(['0', 'off', 'no', 'false']);

/** A boolean parameter as Proxmox's schema reads it (1/0, on/off, yes/no, true/false), stored as 1 or 0. */
export function parseBoolean(raw: string): 1 | 0 {
  const word = raw.toLowerCase();
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  throw new TypeError(`type check ('boolean') failed - got '${raw}'`);
}

/** A value as Proxmox's `check_type` stores it; throws the schema's message for a bad one. */
export function typedValue(key: string, raw: string): ConfigValue {
  if (BOOLEAN_KEYS.has(key)) return parseBoolean(raw);
  if (INTEGER_KEYS.has(key)) {
    if (!/^-?\d+$/.test(raw)) throw new TypeError(`type check ('integer') failed - got '${raw}'`);
    return Number(raw);
  }
  if (NUMBER_KEYS.has(key)) {
    if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new TypeError(`type check ('number') failed - got '${raw}'`);
    return Number(raw);
  }
  return raw;
}

export interface ParsedConfig {
  values: Record<string, ConfigValue>;
  lxc: [string, string][];
}

const LXC_LINE = /^(lxc\.[a-z0-9_\-.]+)(:|\s*=)\s*(.*?)\s*$/;
const KEY_LINE = /^([a-z][a-z_]*\d*):\s*(.*\S)\s*$/;

export function parseConfig(text: string): ParsedConfig {
  const values: Record<string, ConfigValue> = {};
  const lxc: [string, string][] = [];
  let description = '';
  let seenKey = false;
  for (const line of text.split('\n')) {
    if (/^\[/.test(line)) break; // a snapshot or pending section: the lab keeps none
    if (/^\s*$/.test(line)) continue;
    const comment = /^#(.*)$/.exec(line);
    if (comment !== null) {
      // Only the comment block at the top is the description, as Proxmox reads it.
      if (!seenKey) description += `${decodeText(comment[1] as string)}\n`;
      continue;
    }
    seenKey = true;
    const lxcLine = LXC_LINE.exec(line);
    if (lxcLine !== null) {
      lxc.push([lxcLine[1] as string, lxcLine[3] as string]);
      continue;
    }
    const keyLine = KEY_LINE.exec(line);
    if (keyLine === null) continue; // Proxmox warns about an unparseable line and goes on
    const [, key, raw] = keyLine as unknown as [string, string, string];
    values[key] = key === 'description' ? decodeText(raw) : typedValue(key, raw);
  }
  if (description !== '') values.description = description;
  return { values, lxc };
}

export function printConfig(config: { values: Readonly<Record<string, ConfigValue>>; lxc: readonly (readonly [string, string])[] }): string {
  let out = '';
  const description = config.values.description;
  if (description !== undefined && description !== '') {
    for (const line of String(description).split('\n').filter((_, i, all) => i < all.length - 1 || all[i] !== '')) {
      out += `#${encodeText(line)}\n`;
    }
  }
  for (const key of Object.keys(config.values).sort()) {
    if (key === 'description' || key === 'digest') continue;
    const value = String(config.values[key]);
    if (value.includes('\n')) throw new Error(`detected invalid newline inside property '${key}'`);
    out += `${key}: ${value}\n`;
  }
  for (const [key, value] of config.lxc) out += `${key}: ${value}\n`;
  return out;
}

/** The config as the node hands it out: values, the file's sha1 as `digest`, the lxc lines. */
export function configFromText(text: string): ContainerConfig {
  const parsed = parseConfig(text);
  return { values: parsed.values, lxc: parsed.lxc, digest: createHash('sha1').update(text).digest('hex') };
}
