// Grades measured metrics against the Success Metrics targets: target, acceptable or warning,
// with the bound that decided it, so reports can say "4m12s (target < 5m)".

import type { MetricRecord } from './record';
import type { StepId } from './steps';
import {
  DEFAULT_TARGETS,
  formatMetric,
  formatThreshold,
  METRIC_IDS,
  METRICS,
  withinThreshold,
  type MetricId,
  type Targets,
  type Threshold,
} from './targets';

export const GRADES = ['target', 'acceptable', 'warning'] as const;
export type Grade = (typeof GRADES)[number];

export interface MetricGrade {
  metric: MetricId;
  grade: Grade;
  value: number;
  /** The value as a person reads it: "4m12s". */
  formatted: string;
  /**
   * The bound that decided the grade: the target or acceptable bound the value met, or
   * for a warning, the acceptable bound it missed.
   */
  threshold: Threshold;
  target: Threshold;
  acceptable: Threshold;
  /** "4m12s (target < 5m)", "12m (warning: acceptable is < 10m)". */
  summary: string;
}

export interface GradedMetric extends MetricGrade {
  measuredAt: string;
  step: StepId;
}

/**
 * Throws on a value that is not a finite number: a record that passed validation never holds
 * one, so such a value is a bug upstream, and grading it would hide that.
 */
export function gradeMetric(metric: MetricId, value: number, targets: Targets = DEFAULT_TARGETS): MetricGrade {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`gradeMetric: ${metric} value must be a finite number, got ${String(value)}.`);
  }
  const { target, acceptable } = targets[metric];
  const direction = METRICS[metric].direction;
  const grade: Grade = withinThreshold(value, target, direction)
    ? 'target'
    : withinThreshold(value, acceptable, direction)
      ? 'acceptable'
      : 'warning';
  const threshold = grade === 'target' ? target : acceptable;
  const formatted = formatMetric(metric, value);
  const bound = formatThreshold(metric, threshold);
  const summary = grade === 'warning' ? `${formatted} (warning: acceptable is ${bound})` : `${formatted} (${grade} ${bound})`;
  return { metric, grade, value, formatted, threshold, target, acceptable, summary };
}

/** Grades every metric the record holds, in the seed's table order. */
export function gradeMetrics(
  metrics: Partial<Record<MetricId, MetricRecord>>,
  targets: Targets = DEFAULT_TARGETS,
): GradedMetric[] {
  const graded: GradedMetric[] = [];
  for (const metric of METRIC_IDS) {
    const entry = metrics[metric];
    if (entry) graded.push({ ...gradeMetric(metric, entry.value, targets), measuredAt: entry.measuredAt, step: entry.step });
  }
  return graded;
}

/** The worst grade among `grades`, for a one-word summary; undefined when nothing was measured. */
export function worstGrade(grades: readonly Pick<MetricGrade, 'grade'>[]): Grade | undefined {
  let worst: Grade | undefined;
  for (const { grade } of grades) {
    if (worst === undefined || GRADES.indexOf(grade) > GRADES.indexOf(worst)) worst = grade;
  }
  return worst;
}
