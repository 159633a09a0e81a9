// The six Success Metrics, in the workflow's order: the bounds in force (the workflow's table
// with the repo's and the service's overrides) and, once measured, the value and its grade.

import type { GradedMetric } from '../../core/grading';
import { formatThreshold, METRIC_IDS, METRICS, type Targets } from '../../core/targets';
import type { MetricReport } from './reportTypes';

export function metricReports(graded: readonly GradedMetric[], targets: Targets): MetricReport[] {
  return METRIC_IDS.map((metric) => {
    const measured = graded.find((m) => m.metric === metric);
    return {
      metric,
      label: METRICS[metric].label,
      target: formatThreshold(metric, targets[metric].target),
      acceptable: formatThreshold(metric, targets[metric].acceptable),
      limits: { target: targets[metric].target.limit, acceptable: targets[metric].acceptable.limit },
      ...(measured
        ? {
            measured: {
              value: measured.value,
              formatted: measured.formatted,
              grade: measured.grade,
              bound: boundText(measured),
              measuredAt: measured.measuredAt,
              step: measured.step,
            },
          }
        : {}),
    };
  });
}

/** "target < 5m", "warning: acceptable is < 30m": the bound that decided the grade. */
function boundText(metric: GradedMetric): string {
  return metric.grade === 'warning'
    ? `warning: acceptable is ${formatThreshold(metric.metric, metric.acceptable)}`
    : `${metric.grade} ${formatThreshold(metric.metric, metric.threshold)}`;
}
