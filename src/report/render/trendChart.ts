// The trend of RTO, deployment time and backup size over a service's past certifications, as
// an inline SVG: one panel per metric (each in its own unit), axes labelled, every point with a
// tooltip, a <title> and a <desc> that says the same in words. No script, and no fixed colour
// alone: lines and text take currentColor and the classes of TREND_CHART_CSS, which follow the
// editor's theme (light, dark, high contrast) or the reader's colour scheme.

import { formatMetric, METRICS, type MetricId, type MetricUnit } from '../../core/targets';
import type { HistoryEntry } from '../model/reportTypes';
import { escapeHtml } from './htmlEscape';

export const CHARTED_METRICS: readonly MetricId[] = ['rto', 'deploy-time', 'backup-size'];

export interface TrendChartOptions {
  /** Prefix of the ids the <title> and <desc> are referenced by: unique within the page. */
  idPrefix?: string;
  /** Each metric's acceptable bound, drawn when it falls inside its panel. */
  acceptable?: Partial<Record<MetricId, number>>;
}

const WIDTH = 640;
const PANEL_HEIGHT = 150;
const LEFT = 64;
const RIGHT = 16;
const TOP = 28;
const BOTTOM = 30;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = PANEL_HEIGHT - TOP - BOTTOM;

export function trendChart(history: readonly HistoryEntry[], options: TrendChartOptions = {}): string {
  const id = options.idPrefix ?? 'trend';
  const entries = [...history].sort((a, b) => time(a) - time(b));
  const header = (height: number): string =>
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">Trends over past certifications: ${CHARTED_METRICS.map((m) => escapeHtml(METRICS[m].label)).join(', ')}</title>`;
  const charted = CHARTED_METRICS.filter((metric) => entries.some((entry) => isValue(entry.metrics[metric])));
  if (charted.length === 0) {
    const height = 48;
    return `${header(height)}<desc id="${id}-desc">No past certification measured these metrics yet.</desc><text class="trend-empty" x="${WIDTH / 2}" y="28" text-anchor="middle">No past certifications to chart yet.</text></svg>`;
  }
  const xs = xPositions(entries);
  const panels = charted.map((metric, i) => panel(metric, entries, xs, i * PANEL_HEIGHT, options.acceptable?.[metric]));
  const desc = charted.map((metric) => describe(metric, entries)).join(' ');
  return `${header(charted.length * PANEL_HEIGHT)}<desc id="${id}-desc">${escapeHtml(desc)}</desc>${panels.join('')}</svg>`;
}

function panel(metric: MetricId, entries: readonly HistoryEntry[], xs: readonly number[], offset: number, limit: number | undefined): string {
  const values = entries.map((entry) => entry.metrics[metric]);
  const measured = values.filter(isValue);
  const { max, step } = scale(Math.max(...measured), METRICS[metric].unit);
  const y = (value: number): number => TOP + PLOT_HEIGHT - (value / max) * PLOT_HEIGHT;
  const parts: string[] = [`<g class="trend-panel trend-${metric}" transform="translate(0 ${offset})">`];
  parts.push(`<text class="trend-label" x="${LEFT}" y="16">${escapeHtml(METRICS[metric].label)}</text>`);
  for (let tick = 0; tick <= max + step / 2; tick += step) {
    parts.push(`<line class="trend-grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${n(y(tick))}" y2="${n(y(tick))}"/>`);
    parts.push(`<text class="trend-tick" x="${LEFT - 6}" y="${n(y(tick) + 4)}" text-anchor="end">${escapeHtml(formatMetric(metric, tick))}</text>`);
  }
  parts.push(`<line class="trend-axis" x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + PLOT_HEIGHT}"/>`);
  parts.push(`<line class="trend-axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + PLOT_HEIGHT}" y2="${TOP + PLOT_HEIGHT}"/>`);
  if (limit !== undefined && limit > 0 && limit <= max) {
    parts.push(`<line class="trend-limit" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${n(y(limit))}" y2="${n(y(limit))}"><title>acceptable: ${escapeHtml(formatMetric(metric, limit))}</title></line>`);
  }
  parts.push(...xLabels(entries, xs));
  const points = values.flatMap((value, i) => (isValue(value) ? [[xs[i], y(value)] as const] : []));
  if (points.length > 1) parts.push(`<polyline class="trend-line" points="${points.map(([px, py]) => `${n(px)},${n(py)}`).join(' ')}"/>`);
  values.forEach((value, i) => {
    if (!isValue(value)) return;
    parts.push(`<circle class="trend-point" cx="${n(xs[i])}" cy="${n(y(value))}" r="3.5"><title>${escapeHtml(`${day(entries[i])}: ${formatMetric(metric, value)}`)}</title></circle>`);
  });
  if (points.length === 1) {
    const only = measured[0];
    const [px, py] = points[0];
    parts.push(`<text class="trend-value" x="${n(px + 8)}" y="${n(py - 6)}">${escapeHtml(formatMetric(metric, only))}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

/** First and last dates under the axis (and the middle one when there is room). */
function xLabels(entries: readonly HistoryEntry[], xs: readonly number[]): string[] {
  const baseline = TOP + PLOT_HEIGHT + 18;
  const label = (i: number, anchor: string): string => `<text class="trend-tick" x="${n(xs[i])}" y="${baseline}" text-anchor="${anchor}">${escapeHtml(day(entries[i]))}</text>`;
  if (entries.length === 1) return [label(0, 'middle')];
  const labels = [label(0, 'start'), label(entries.length - 1, 'end')];
  if (entries.length > 2) labels.push(label(Math.floor((entries.length - 1) / 2), 'middle'));
  return labels;
}

/** Positions along the time axis; evenly spaced when the dates cannot place them. */
function xPositions(entries: readonly HistoryEntry[]): number[] {
  if (entries.length === 1) return [LEFT + PLOT_WIDTH / 2];
  const times = entries.map(time);
  const first = times[0];
  const span = times[times.length - 1] - first;
  if (!Number.isFinite(span) || span <= 0 || times.some((t) => !Number.isFinite(t))) {
    return entries.map((_, i) => LEFT + (i / (entries.length - 1)) * PLOT_WIDTH);
  }
  return times.map((t) => LEFT + ((t - first) / span) * PLOT_WIDTH);
}

/** Steps a person reads without arithmetic: whole minutes and hours, round sizes. */
const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
const BYTE_STEPS = [0, 1, 2, 3, 4].flatMap((power) => [1, 2, 5, 10, 20, 50, 100, 200, 500].map((m) => m * 1024 ** power));
const PLAIN_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/** The panel's top and tick step: at most four steps, the top at or above the largest value. */
function scale(largest: number, unit: MetricUnit): { max: number; step: number } {
  const top = largest > 0 ? largest : 1;
  const steps = unit === 'seconds' ? SECOND_STEPS : unit === 'bytes' ? BYTE_STEPS : PLAIN_STEPS;
  const step = steps.find((s) => Math.ceil(top / s) <= 4) ?? niceBeyond(top / 4);
  return { max: Math.ceil(top / step) * step, step };
}

function niceBeyond(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
}

function describe(metric: MetricId, entries: readonly HistoryEntry[]): string {
  const measured = entries.filter((entry) => isValue(entry.metrics[metric]));
  const values = measured.map((entry) => entry.metrics[metric] as number);
  const label = METRICS[metric].label;
  if (measured.length === 1) return `${label}: one certification, ${day(measured[0])}: ${formatMetric(metric, values[0])}.`;
  const low = formatMetric(metric, Math.min(...values));
  const high = formatMetric(metric, Math.max(...values));
  return `${label}: ${measured.length} certifications from ${day(measured[0])} to ${day(measured[measured.length - 1])}, between ${low} and ${high}, latest ${formatMetric(metric, values[values.length - 1])}.`;
}

function isValue(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function time(entry: HistoryEntry): number {
  return Date.parse(entry.certifiedAt);
}

function day(entry: HistoryEntry): string {
  return entry.certifiedAt.slice(0, 10);
}

/** Coordinates to one decimal: enough for a screen, short in the page. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** How the chart draws, for the page's one style sheet (a strict CSP allows no inline styles). */
export const TREND_CHART_CSS = `
.trend-chart { width: 100%; max-width: 760px; height: auto; color: var(--c-fg, currentColor); }
.trend-chart text { fill: currentColor; font-size: 11px; font-family: var(--c-font, sans-serif); }
.trend-chart .trend-label { font-weight: 600; font-size: 12px; }
.trend-chart .trend-tick, .trend-chart .trend-empty { fill: var(--c-muted, currentColor); }
.trend-chart .trend-axis { stroke: currentColor; stroke-width: 1; }
.trend-chart .trend-grid { stroke: var(--c-border, currentColor); stroke-width: 1; stroke-dasharray: 2 3; }
.trend-chart .trend-limit { stroke: var(--c-warn, currentColor); stroke-width: 1.5; stroke-dasharray: 6 4; }
.trend-chart .trend-line { fill: none; stroke: var(--c-chart, currentColor); stroke-width: 2; }
.trend-chart .trend-point { fill: var(--c-chart, currentColor); stroke: var(--c-bg, transparent); stroke-width: 1; }
@media (forced-colors: active) {
  .trend-chart .trend-line { stroke: CanvasText; }
  .trend-chart .trend-point { fill: CanvasText; stroke: Canvas; }
  .trend-chart .trend-grid, .trend-chart .trend-limit { stroke: GrayText; }
}
`;
