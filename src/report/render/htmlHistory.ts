// Past certifications in the HTML report: the trend chart of RTO, deployment time and backup
// size, then every past certification as a table row, newest first.

import { formatMetric, METRIC_IDS, METRICS } from '../../core/targets';
import type { CertificationReport } from '../model/reportTypes';
import { escapeHtml as e } from './htmlEscape';
import { trendChart } from './trendChart';
import { num, tableHtml } from './htmlTable';

export function historySection(report: CertificationReport): string {
  const history = report.history;
  if (!history) return '';
  if (history.length === 0) return '<section id="history"><h2>Past certifications</h2><p class="muted">None yet: this section fills as certifications complete.</p></section>';
  const columns = METRIC_IDS.filter((metric) => history.some((entry) => entry.metrics[metric] !== undefined));
  const rows = [...history]
    .reverse()
    .map(
      (entry) =>
        `<tr><th scope="row">${e(entry.certifiedAt)}</th>${columns
          .map((metric) => {
            const value = entry.metrics[metric];
            return `<td class="num">${value !== undefined && Number.isFinite(value) ? e(formatMetric(metric, value)) : '—'}</td>`;
          })
          .join('')}</tr>`,
    );
  return [
    '<section id="history"><h2>Trends</h2>',
    trendChart(history, { idPrefix: 'trend', acceptable: Object.fromEntries(report.metrics.map((m) => [m.metric, m.limits.acceptable])) }),
    `<h2>Past certifications (${history.length})</h2>`,
    `${tableHtml(['Certified', ...columns.map((m) => num(METRICS[m].label))], rows)}</section>`,
  ].join('\n');
}
