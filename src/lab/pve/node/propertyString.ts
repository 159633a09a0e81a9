// Proxmox property strings (`name=eth0,bridge=vmbr1,ip=…`), read and written as pve-common's
// `parse_property_string` / `print_property_string` do: the default key may stand alone
// (`local-lvm:8,size=8G`), and printing puts the default key, then the required keys, then
// every other key in alphabetical order.

export type PropertyMap = Record<string, string>;

export function parsePropertyString(text: string, defaultKey?: string): PropertyMap {
  const result: PropertyMap = {};
  for (const part of text.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (defaultKey === undefined) throw new TypeError(`missing key in comma-separated list property`);
      if (defaultKey in result) throw new TypeError(`duplicate key in comma-separated list property: ${defaultKey}`);
      result[defaultKey] = part;
      continue;
    }
    const key = part.slice(0, eq);
    if (key in result) throw new TypeError(`duplicate key in comma-separated list property: ${key}`);
    result[key] = part.slice(eq + 1);
  }
  return result;
}

export function printPropertyString(values: PropertyMap, options: { defaultKey?: string; required?: readonly string[] } = {}): string {
  const parts: string[] = [];
  const done = new Set<string>();
  const { defaultKey, required = [] } = options;
  if (defaultKey !== undefined && values[defaultKey] !== undefined) {
    parts.push(values[defaultKey] as string);
    done.add(defaultKey);
  }
  for (const key of required) {
    if (done.has(key) || values[key] === undefined) continue;
    parts.push(`${key}=${values[key]}`);
    done.add(key);
  }
  for (const key of Object.keys(values).sort()) {
    if (done.has(key) || values[key] === undefined) continue;
    parts.push(`${key}=${values[key]}`);
  }
  return parts.join(',');
}
