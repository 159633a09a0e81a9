// The seed's Success Metrics table as data: each metric's unit, direction and thresholds,
// how repo- and service-level overrides merge into it, and how a value reads to a person.

import { deepFreeze } from './deepFreeze';
import { describeValue } from './shapeCheck';

export const METRIC_IDS = [
  'deploy-time',
  'rto',
  'rpo',
  'backup-size',
  'idempotency',
  'external-test-success',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** Internal units: durations in seconds, sizes in bytes, so arithmetic never mixes scales. */
export type MetricUnit = 'seconds' | 'bytes' | 'changes' | 'percent';
export type MetricDirection = 'lower-is-better' | 'higher-is-better';

/**
 * One bound of the table. `inclusive` records the seed's own wording: "< 10 min" excludes
 * 10 min, while "0 changes" and "100%" name exact values that belong to the band.
 */
export interface Threshold {
  readonly limit: number;
  readonly inclusive: boolean;
}

export interface MetricTargets {
  readonly target: Threshold;
  /** Anything outside `acceptable` grades as a warning: the seed's Warning column. */
  readonly acceptable: Threshold;
}

export interface MetricDefinition {
  readonly id: MetricId;
  /** The seed's name for the metric. */
  readonly label: string;
  readonly unit: MetricUnit;
  readonly direction: MetricDirection;
}

export type Targets = Readonly<Record<MetricId, MetricTargets>>;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
/** GB as `du -h` counts it (1024³ bytes): the seed measures backups with `du -sh`. */
export const GB = 1024 ** 3;

export const METRICS: Readonly<Record<MetricId, MetricDefinition>> = Object.freeze({
  'deploy-time': { id: 'deploy-time', label: 'Deployment Time', unit: 'seconds', direction: 'lower-is-better' },
  rto: { id: 'rto', label: 'RTO (Recovery Time)', unit: 'seconds', direction: 'lower-is-better' },
  rpo: { id: 'rpo', label: 'RPO (Data Loss)', unit: 'seconds', direction: 'lower-is-better' },
  'backup-size': { id: 'backup-size', label: 'Backup Size', unit: 'bytes', direction: 'lower-is-better' },
  idempotency: { id: 'idempotency', label: 'Idempotency', unit: 'changes', direction: 'lower-is-better' },
  'external-test-success': {
    id: 'external-test-success',
    label: 'External Test Success',
    unit: 'percent',
    direction: 'higher-is-better',
  },
});

const below = (limit: number): Threshold => ({ limit, inclusive: false });
const atMost = (limit: number): Threshold => ({ limit, inclusive: true });
const above = (limit: number): Threshold => ({ limit, inclusive: false });
const atLeast = (limit: number): Threshold => ({ limit, inclusive: true });

/**
 * The seed's table. A value exactly on a bound grades the way the table reads: a deploy of
 * exactly 10 min is not "< 10 min", so it is a warning (and Step 3's "Deployment time
 * < 10 minutes" is not met either); exactly 95% is not "> 95%", so it is a warning too.
 */
export const DEFAULT_TARGETS: Targets = deepFreeze({
  'deploy-time': { target: below(5 * MINUTE), acceptable: below(10 * MINUTE) },
  rto: { target: below(15 * MINUTE), acceptable: below(30 * MINUTE) },
  rpo: { target: below(1 * HOUR), acceptable: below(24 * HOUR) },
  'backup-size': { target: below(1 * GB), acceptable: below(5 * GB) },
  idempotency: { target: atMost(0), acceptable: atMost(1) },
  'external-test-success': { target: atLeast(100), acceptable: above(95) },
});

/** A partial override of one metric's limits, in internal units; inclusivity stays the seed's. */
export interface ThresholdOverride {
  readonly target?: number;
  readonly acceptable?: number;
}

/** Keys are strings, not MetricId, because overrides come from YAML that may name anything. */
export type TargetOverrides = Readonly<Record<string, ThresholdOverride | undefined>>;

export type MergeResult = { ok: true; targets: Targets } | { ok: false; problems: string[] };

/** Is `value` inside the band `threshold` bounds, for a metric going in `direction`? */
export function withinThreshold(value: number, threshold: Threshold, direction: MetricDirection): boolean {
  if (direction === 'lower-is-better') {
    return threshold.inclusive ? value <= threshold.limit : value < threshold.limit;
  }
  return threshold.inclusive ? value >= threshold.limit : value > threshold.limit;
}

/**
 * Applies overrides in order (per-repo first, then per-service). Each override is checked
 * against what came before it, so a problem names the override that introduced it.
 * `undefined` overrides are skipped so callers can pass optional settings straight through.
 */
export function mergeTargets(base: Targets, ...overrides: readonly (TargetOverrides | undefined)[]): MergeResult {
  const problems: string[] = [];
  const merged: Record<MetricId, MetricTargets> = { ...base };
  overrides.forEach((override, index) => {
    if (override === undefined) return;
    const where = `targets override ${index + 1}`;
    for (const [key, change] of Object.entries(override)) {
      if (!isMetricId(key)) {
        problems.push(`${where}: unknown metric '${key}'; expected one of ${METRIC_IDS.join(', ')}.`);
        continue;
      }
      if (change === undefined) continue;
      const next = applyOverride(key, merged[key], change, where, problems);
      if (next) merged[key] = next;
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, targets: deepFreeze(merged) };
}

function applyOverride(
  metric: MetricId,
  current: MetricTargets,
  change: ThresholdOverride,
  where: string,
  problems: string[],
): MetricTargets | undefined {
  if (typeof change !== 'object' || change === null) {
    problems.push(`${where}: ${metric}: expected an object with 'target' and/or 'acceptable'.`);
    return undefined;
  }
  const before = problems.length;
  for (const key of Object.keys(change)) {
    if (key !== 'target' && key !== 'acceptable') {
      problems.push(`${where}: ${metric}: unknown setting '${key}'; expected 'target' or 'acceptable'.`);
    }
  }
  const target = checkLimit(metric, 'target', change.target, where, problems);
  const acceptable = checkLimit(metric, 'acceptable', change.acceptable, where, problems);
  if (problems.length > before) return undefined;

  const next: MetricTargets = {
    target: target === undefined ? current.target : { ...current.target, limit: target },
    acceptable: acceptable === undefined ? current.acceptable : { ...current.acceptable, limit: acceptable },
  };
  if (isLooser(next.target, next.acceptable, METRICS[metric].direction)) {
    problems.push(
      `${where}: ${metric}: target (${formatThreshold(metric, next.target)}) is looser than acceptable ` +
        `(${formatThreshold(metric, next.acceptable)}); make the target at least as strict as acceptable.`,
    );
    return undefined;
  }
  return next;
}

function checkLimit(
  metric: MetricId,
  name: 'target' | 'acceptable',
  value: unknown,
  where: string,
  problems: string[],
): number | undefined {
  if (value === undefined) return undefined;
  const unit = METRICS[metric].unit;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push(`${where}: ${metric}.${name}: expected a number of ${unit}, got ${describeValue(value)}.`);
  } else if (value < 0) {
    problems.push(`${where}: ${metric}.${name}: must not be negative, got ${value}.`);
  } else if (unit === 'percent' && value > 100) {
    problems.push(`${where}: ${metric}.${name}: a percentage cannot exceed 100, got ${value}.`);
  } else if (unit === 'changes' && !Number.isInteger(value)) {
    problems.push(`${where}: ${metric}.${name}: a change count must be a whole number, got ${value}.`);
  } else {
    return value;
  }
  return undefined;
}

/** Looser = some value would meet the target yet miss the acceptable band. */
function isLooser(target: Threshold, acceptable: Threshold, direction: MetricDirection): boolean {
  const sign = direction === 'lower-is-better' ? 1 : -1;
  const diff = sign * (target.limit - acceptable.limit);
  return diff > 0 || (diff === 0 && target.inclusive && !acceptable.inclusive);
}

export function isMetricId(value: unknown): value is MetricId {
  return typeof value === 'string' && (METRIC_IDS as readonly string[]).includes(value);
}

/** Human text for a measured value: "4m12s", "1.2 GB", "changed=0", "97.5%". */
export function formatMetric(metric: MetricId, value: number): string {
  switch (METRICS[metric].unit) {
    case 'seconds':
      return formatDuration(value);
    case 'bytes':
      return formatBytes(value);
    case 'changes':
      return `changed=${value}`;
    case 'percent':
      return `${trimNumber(value, 2)}%`;
  }
}

/** A bound as text: "< 5m", "<= 1 GB", "changed <= 1", "> 95%". ASCII so CI logs stay readable. */
export function formatThreshold(metric: MetricId, threshold: Threshold): string {
  const lower = METRICS[metric].direction === 'lower-is-better';
  const op = lower ? (threshold.inclusive ? '<=' : '<') : threshold.inclusive ? '>=' : '>';
  if (METRICS[metric].unit === 'changes') return `changed ${op} ${threshold.limit}`;
  return `${op} ${formatMetric(metric, threshold.limit)}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  // Compare the rounded text, not the raw value, so 59.96 s reads "1m", never "60s".
  if (Number(seconds.toFixed(1)) < MINUTE) return `${trimNumber(seconds, 1)}s`;
  const whole = Math.round(seconds);
  if (whole < HOUR) {
    const m = Math.floor(whole / MINUTE);
    const s = whole % MINUTE;
    return s === 0 ? `${m}m` : `${m}m${pad2(s)}s`;
  }
  const h = Math.floor(whole / HOUR);
  const m = Math.floor((whole % HOUR) / MINUTE);
  return m === 0 ? `${h}h` : `${h}h${pad2(m)}m`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  // Step up on the rounded figure so 1023.96 MB reads "1 GB", never "1024 MB".
  while (Math.abs(Number(value.toFixed(unit === 0 ? 0 : 1))) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${trimNumber(value, 1)} ${BYTE_UNITS[unit]}`;
}

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
