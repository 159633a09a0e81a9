// Converts the `targets` section as written in YAML (snake_case keys, "5m", "1GB") into core's
// TargetOverrides (metric ids, seconds and bytes). Values it cannot convert are passed on
// unchanged, so core's mergeTargets reports them in its own words; the schema has usually
// reported them already.

import { GB, type TargetOverrides, type ThresholdOverride } from '../../core/targets';

/** YAML key → core metric id. */
const METRIC_KEYS: Readonly<Record<string, string>> = {
  deploy_time: 'deploy-time',
  rto: 'rto',
  rpo: 'rpo',
  backup_size: 'backup-size',
  idempotency: 'idempotency',
  external_test_success: 'external-test-success',
};
const DURATION_KEYS = new Set(['deploy_time', 'rto', 'rpo']);

const DURATION = /^(?=[0-9.]+[dhms])(?:([0-9]+(?:\.[0-9]+)?)d)?(?:([0-9]+(?:\.[0-9]+)?)h)?(?:([0-9]+(?:\.[0-9]+)?)m)?(?:([0-9]+(?:\.[0-9]+)?)s)?$/;
const SIZE = /^([0-9]+(?:\.[0-9]+)?) ?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/;
const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB,
  TB: 1024 ** 4,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: GB,
  TiB: 1024 ** 4,
};

/** Seconds for a number (already seconds) or "90s", "5m", "1h30m", "2d"; undefined otherwise. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value);
  if (!match) return undefined;
  const [, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return days * 86_400 + hours * 3_600 + minutes * 60 + seconds;
}

/** Bytes for a number (already bytes) or "512MB", "1GB", "1.5 GiB" (binary units, as `du -h`); undefined otherwise. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = SIZE.exec(value);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * SIZE_UNITS[match[2]]);
}

/**
 * `{ deploy_time: { target: "5m" } }` → `{ 'deploy-time': { target: 300 } }`. Anything that is
 * not a mapping gives no overrides; unknown keys and unreadable values are kept as written.
 */
export function parseTargets(value: unknown): TargetOverrides {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const overrides: Record<string, ThresholdOverride | undefined> = {};
  for (const [key, pair] of Object.entries(value)) {
    const metric = METRIC_KEYS[key];
    if (metric === undefined) {
      overrides[key] = pair as ThresholdOverride;
      continue;
    }
    overrides[metric] = convertPair(key, pair);
  }
  return overrides;
}

function convertPair(key: string, pair: unknown): ThresholdOverride | undefined {
  if (typeof pair !== 'object' || pair === null || Array.isArray(pair)) return pair as ThresholdOverride | undefined;
  const convert = DURATION_KEYS.has(key) ? parseDuration : key === 'backup_size' ? parseSize : undefined;
  const converted: Record<string, unknown> = {};
  for (const [name, limit] of Object.entries(pair)) converted[name] = convert?.(limit) ?? limit;
  return converted as ThresholdOverride;
}
