// pve-common Tools.pm `parse_boolean`: the words Proxmox accepts for a boolean option.

export function parseBoolean(value: string): boolean | undefined {
  if (/^(1|on|yes|true)$/i.test(value)) return true;
  if (/^(0|off|no|false)$/i.test(value)) return false;
  return undefined;
}
