// A plain mapping among parsed YAML values (not a list, not null): what task and map readers walk.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
