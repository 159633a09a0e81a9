// The trend chart: one panel per metric with labelled axes in the metric's own unit, a point
// (with its tooltip) per certification, a line through them, the acceptable bound when it is in
// range; a <title> and <desc> that say it in words; colours only through currentColor and CSS
// variables; an empty or one-point history drawn sensibly; no script, ever.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HistoryEntry } from '../../../src/report/model/reportTypes';
import { TREND_CHART_CSS, trendChart } from '../../../src/report/render/trendChart';
import { parseHtml } from './htmlCheck';

const entry = (day: string, metrics: HistoryEntry['metrics']): HistoryEntry => ({ certifiedAt: `${day}T10:00:00.000Z`, metrics });

const svgOf = (markup: string) => parseHtml(`<!DOCTYPE html><html><body>${markup}</body></html>`);

describe('trend chart', () => {
  test('three panels with axis labels in each unit, a point per certification, title and desc', () => {
    const history = [
      entry('2026-01-05', { rto: 600, 'deploy-time': 250, 'backup-size': 200 * 1024 ** 2 }),
      entry('2026-03-05', { rto: 900, 'deploy-time': 280, 'backup-size': 260 * 1024 ** 2 }),
      entry('2026-06-05', { rto: 700, 'deploy-time': 230, 'backup-size': 300 * 1024 ** 2 }),
    ];
    const svg = trendChart(history, { idPrefix: 'notes-trend', acceptable: { rto: 1800, 'backup-size': 5 * 1024 ** 3 } });
    const page = svgOf(svg);
    const root = page.elements.find((e) => e.tag === 'svg');
    assert.equal(root?.space, 'svg');
    assert.equal(root?.attributes.role, 'img');
    assert.equal(root?.attributes['aria-labelledby'], 'notes-trend-title notes-trend-desc');
    const texts = page.texts;
    assert.ok(texts.includes('Trends over past certifications: RTO (Recovery Time), Deployment Time, Backup Size'));
    const desc = texts.find((t) => t.startsWith('RTO (Recovery Time): 3 certifications'));
    assert.equal(desc, 'RTO (Recovery Time): 3 certifications from 2026-01-05 to 2026-06-05, between 10m and 15m, latest 11m40s. Deployment Time: 3 certifications from 2026-01-05 to 2026-06-05, between 3m50s and 4m40s, latest 3m50s. Backup Size: 3 certifications from 2026-01-05 to 2026-06-05, between 200 MB and 300 MB, latest 300 MB.');
    for (const label of ['RTO (Recovery Time)', 'Deployment Time', 'Backup Size', '0s', '15m', '5m', '0 B', '300 MB', '2026-01-05', '2026-03-05', '2026-06-05']) {
      assert.ok(texts.includes(label), `axis or panel label ${label}`);
    }
    assert.equal(page.elements.filter((e) => e.tag === 'circle').length, 9);
    assert.equal(page.elements.filter((e) => e.tag === 'polyline').length, 3);
    assert.ok(texts.includes('2026-03-05: 15m'), 'a tooltip per point');
    // RTO's acceptable 30m is above its 15m panel; backup's 5 GB too: no bound drawn.
    assert.equal(page.elements.filter((e) => e.attributes.class === 'trend-limit').length, 0);
    const close = trendChart(history, { acceptable: { rto: 840 } });
    assert.equal(svgOf(close).elements.filter((e) => e.attributes.class === 'trend-limit').length, 1);
  });

  test('points sit along time: a long gap is a long gap', () => {
    const svg = trendChart([entry('2026-01-01', { rto: 600 }), entry('2026-01-02', { rto: 600 }), entry('2026-12-31', { rto: 600 })]);
    const xs = svgOf(svg).elements.filter((e) => e.tag === 'circle').map((e) => Number(e.attributes.cx));
    assert.ok(xs[1] - xs[0] < 5 && xs[2] - xs[1] > 400, xs.join(','));
  });

  test('a metric missing from some certifications: only its measured points, the other panels whole', () => {
    const svg = trendChart([entry('2026-01-01', { rto: 600 }), entry('2026-02-01', { rto: 650, 'deploy-time': 200 }), entry('2026-03-01', { rto: 700 })]);
    const page = svgOf(svg);
    assert.equal(page.elements.filter((e) => e.tag === 'circle').length, 4);
    assert.ok(page.texts.some((t) => t.includes('Deployment Time: one certification, 2026-02-01: 3m20s.')));
    assert.ok(!page.texts.includes('Backup Size'), 'no panel for a metric never measured');
  });

  test('one certification: a single point with its value written beside it, no line', () => {
    const page = svgOf(trendChart([entry('2026-05-01', { rto: 480, 'deploy-time': 200, 'backup-size': 1024 ** 3 })]));
    assert.equal(page.elements.filter((e) => e.tag === 'circle').length, 3);
    assert.equal(page.elements.filter((e) => e.tag === 'polyline').length, 0);
    for (const value of ['8m', '3m20s', '1 GB']) assert.ok(page.texts.includes(value), value);
  });

  test('no history, or nothing charted in it: says so in words', () => {
    for (const history of [[], [entry('2026-05-01', { idempotency: 0 })]]) {
      const page = svgOf(trendChart(history));
      assert.equal(page.elements.filter((e) => e.tag === 'svg').length, 1);
      assert.ok(page.texts.includes('No past certifications to chart yet.'));
      assert.ok(page.texts.includes('No past certification measured these metrics yet.'));
      assert.equal(page.elements.filter((e) => e.tag === 'circle').length, 0);
    }
  });

  test('colours come from currentColor and CSS variables, never from fixed values in the markup', () => {
    const svg = trendChart([entry('2026-01-01', { rto: 600 }), entry('2026-02-01', { rto: 700 })]);
    for (const element of svgOf(svg).elements) {
      for (const attribute of ['fill', 'stroke', 'color', 'style']) assert.equal(element.attributes[attribute], undefined, `${element.tag} has ${attribute}`);
    }
    assert.doesNotMatch(TREND_CHART_CSS, /#[0-9a-f]{3,6}\b/i, 'the chart\'s CSS uses variables and system colours only');
    assert.match(TREND_CHART_CSS, /currentColor/);
    assert.match(TREND_CHART_CSS, /forced-colors: active/);
  });
});
