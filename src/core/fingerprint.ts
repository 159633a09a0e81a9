// A test-data fingerprint as JSON carries it — the verify script's last line, or the figure the
// step engine records after a restore: {"kind": {"count": n, "bytes": n, "sha256": "…"}, …}.
// One reading for the engine that records it and the report that shows it.

import type { DataKindFingerprint } from './record';

/** The fingerprint in `text`, or undefined when it is not one (not JSON, a kind without whole counts, no kind). */
export function fingerprintFromJson(text: string): Record<string, DataKindFingerprint> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const kinds: Record<string, DataKindFingerprint> = {};
  for (const [kind, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as Partial<DataKindFingerprint> | null;
    if (!e || typeof e.count !== 'number' || typeof e.bytes !== 'number' || !Number.isInteger(e.count) || !Number.isInteger(e.bytes)) return undefined;
    kinds[kind] = { count: e.count, bytes: e.bytes, ...(typeof e.sha256 === 'string' ? { sha256: e.sha256 } : {}) };
  }
  return Object.keys(kinds).length > 0 ? kinds : undefined;
}
