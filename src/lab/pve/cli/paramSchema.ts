// A command's parameters as Proxmox's JSON schema describes them, and the checks
// pve-common JSONSchema.pm runs on them (`check_prop`): type first, then format, then
// minimum/maximum, then the enumeration, with Proxmox's own messages. The CLI runs these
// before it calls the node, so a bad value never reaches a container.

import { parseBoolean } from './booleans';

export type ParamType = 'string' | 'integer' | 'number' | 'boolean';

export interface ParamDef {
  readonly type: ParamType;
  readonly optional?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  /**
   * `pve-vmid`: checked by its regex before minimum/maximum. `list` and `pve-vmid-list`:
   * repeated options and `a,b c` values make one list (each item checked).
   */
  readonly format?: 'pve-vmid' | 'list' | 'pve-vmid-list';
  /** Read with an optional value and prompted for when empty (pct's `--password`). */
  readonly interactive?: boolean;
}

export type ParamSchema = Readonly<Record<string, ParamDef>>;

export const VMID_PARAM: ParamDef = { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999_999_999 };

const VMID_FORMAT = /^[1-9][0-9]{2,8}$/;
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks one value and returns Proxmox's error text for it, or undefined. A message that
 * ends in a newline keeps it (Perl's `die "…\n"` inside the format check), which is why
 * `pct destroy 99` prints a blank line before its usage.
 */
export function checkParam(def: ParamDef, value: string): string | undefined {
  if (def.type === 'integer' && !INTEGER.test(value)) return `type check ('integer') failed - got '${value}'`;
  if (def.type === 'number' && !NUMBER.test(value)) return `type check ('number') failed - got '${value}'`;
  if (def.type === 'boolean' && value !== '0' && value !== '1') return `type check ('boolean') failed - got '${value}'`;
  if ((def.format === 'pve-vmid' || def.format === 'pve-vmid-list') && !VMID_FORMAT.test(value)) {
    return 'invalid format - value does not look like a valid VM ID\n';
  }
  if (def.type === 'integer' || def.type === 'number') {
    const n = Number(value);
    if (def.maximum !== undefined && n > def.maximum) return `value must have a maximum value of ${def.maximum}`;
    if (def.minimum !== undefined && n < def.minimum) return `value must have a minimum value of ${def.minimum}`;
  }
  if (def.enum !== undefined && !def.enum.includes(value)) {
    return `value '${value}' does not have a value in the enumeration '${def.enum.join(', ')}'`;
  }
  return undefined;
}

/** A Getopt boolean as get_options normalises it: '' (flag alone) is 1, else parse_boolean. */
export function normaliseBoolean(value: string): '0' | '1' | undefined {
  if (value === '') return '1';
  const parsed = parseBoolean(value);
  return parsed === undefined ? undefined : parsed ? '1' : '0';
}

export function isListParam(def: ParamDef): boolean {
  return def.format === 'list' || def.format === 'pve-vmid-list';
}
