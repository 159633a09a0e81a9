// The HTML report: a whole document under a strict CSP (its style allowed by hash, or by a
// webview's nonce and CSP source), no script anywhere, the verdict, metrics with grades, the nine
// steps with criteria and evidence, data counts, external access, the backup, freshness (stale
// reasons, due dates), the trend chart and past certifications; refs as text or, through the
// caller's linkHref, as links to safe schemes only.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Freshness } from '../../../src/core/freshness';
import { createEmptyRecord } from '../../../src/core/record';
import { DEFAULT_TARGETS, mergeTargets } from '../../../src/core/targets';
import { buildReport } from '../../../src/report/model/buildReport';
import type { HistoryEntry } from '../../../src/report/model/reportTypes';
import { renderHtml } from '../../../src/report/render/htmlReport';
import { REPORT_CSS } from '../../../src/report/render/htmlStyle';
import { ALLOWED_TAGS, parseHtml } from './htmlCheck';
import { certifiedRecord, failedRecord } from './reportFixtures';

const GENERATED = '2026-12-05T08:00:00.000Z';
const STALE: Freshness = {
  state: 'stale',
  certifiedAt: '2026-11-02T11:15:00.000Z',
  changed: [{ name: 'roles/notes_api/defaults/main.yml', change: 'modified' }],
  rerun: ['implement', 'recreate', 'restore-verify'],
  summary: 'Stale: roles/notes_api/defaults/main.yml changed since 2026-11-02; re-run steps 1, 3 and 9.',
};

function history(count: number): HistoryEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    certifiedAt: new Date(Date.UTC(2026, 0, 1) + i * 7 * 86_400_000).toISOString(),
    metrics: { rto: 600 + i * 10, 'deploy-time': 240 + i, 'backup-size': (200 + i) * 1024 ** 2, idempotency: 0 },
  }));
}

const textOf = (html: string): string => parseHtml(html).texts.join(' ').replace(/\s+/g, ' ');

describe('HTML report', () => {
  test('a standalone document: CSP allowing only its style sheet by hash, no script, only the report\'s elements', () => {
    const html = renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, containerId: 165, history: history(5), freshness: STALE }));
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    const page = parseHtml(html);
    const csp = page.elements.find((e) => e.tag === 'meta' && e.attributes['http-equiv'] === 'Content-Security-Policy');
    const hash = createHash('sha256').update(REPORT_CSS).digest('base64');
    assert.equal(csp?.attributes.content, `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`);
    const styles = page.elements.filter((e) => e.tag === 'style');
    assert.equal(styles.length, 1);
    assert.equal(styles[0].parent, 'head');
    // The policy is the first thing in <head> after the charset: everything after it is under it.
    assert.deepEqual(page.elements.filter((e) => e.parent === 'head').slice(0, 2).map((e) => e.tag), ['meta', 'meta']);
    assert.deepEqual(page.elements.filter((e) => !ALLOWED_TAGS.has(e.tag)).map((e) => e.tag), []);
    assert.deepEqual(page.elements.filter((e) => Object.keys(e.attributes).some((a) => /^on|^style$/i.test(a))), []);
    assert.deepEqual(page.elements.filter((e) => e.tag === 'a'), [], 'refs are text without linkHref');
  });

  test('the content: verdict, facts, metrics with grades, steps with criteria and evidence, data, external access, backup', () => {
    const text = textOf(renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, containerId: 165 })));
    for (const expected of [
      'Certification report: notes',
      'PRODUCTION READY ✓',
      'Container ID 165',
      'Steps passed 9 of 9',
      'Criteria met 70 of 71',
      'Run by alice@admin01',
      'Attested by alice (14)',
      'RTO (Recovery Time) 10m TARGET (target < 15m) < 15m < 30m',
      'Backup Size 200 MB TARGET (target < 1 GB)',
      'Step 1: Implement Service (Initial Deployment) — passed',
      'Step 9: Restore Service and Verify — passed',
      'Ansible role created with all required files (static)',
      'found for: Ansible role created with all required files roles/notes_api/README.md:44',
      '– only if: Complete wipe (Option B)',
      'notes 200 300000',
      '✓ matches after restore',
      'HTTPS from outside after restore ✓ met https://notes.example.net/ → 200',
      'Timestamp 20261102_101500',
      'postgresql/notes_20261102_101500.dump postgresql-dump 180 MB ✓ valid — 42 entries',
      '1. Remove test data',
    ].map((s) => s.replace(/^1\. /, ''))) {
      assert.ok(text.includes(expected), `missing: ${expected}`);
    }
  });

  test('not ready: what is missing and the next action; the failed step open, its reason shown', () => {
    const html = renderHtml(buildReport({ record: failedRecord(), generatedAt: GENERATED }));
    const text = textOf(html);
    assert.ok(text.includes('NOT PRODUCTION READY'));
    assert.ok(text.includes('Step 3 (Recreate) failed: The second deploy changed 3 tasks: the playbook is not idempotent'));
    assert.ok(text.includes('in warning: Idempotency changed=3 (acceptable is changed <= 1)'));
    assert.ok(text.includes('Next: fix playbook, ensure idempotency, then run Step 3 (Recreate) again (certify run notes --step 3)'));
    assert.ok(text.includes('Idempotency changed=3 WARNING (warning: acceptable is changed <= 1)'));
    assert.ok(text.includes('second run: changed=3'));
    const details = parseHtml(html).elements.filter((e) => e.tag === 'details');
    assert.deepEqual(details.map((d) => 'open' in d.attributes), [false, false, true, false, false, false, false, false, false]);
  });

  test('freshness: stale names the changed file and the steps to re-run; due says since when', () => {
    const stale = textOf(renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, freshness: STALE })));
    assert.ok(stale.includes(STALE.summary));
    assert.ok(!stale.includes('PRODUCTION READY ✓'), 'a stale certification no longer vouches for the service');
    assert.ok(stale.includes('NOT PRODUCTION READY'));
    assert.ok(stale.includes('roles/notes_api/defaults/main.yml modified'));
    assert.ok(stale.includes('Re-run Steps 1, 3 and 9'));
    const due = textOf(renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, freshness: { state: 'due', dueAt: '2027-02-01T00:00:00.000Z', changed: [], rerun: [], summary: 'Due: over 90 days.' } })));
    assert.ok(due.includes('Due: over 90 days.'));
    assert.ok(due.includes('Due since 2027-02-01T00:00:00.000Z'));
    assert.ok(due.includes('NOT PRODUCTION READY') && due.includes('certify run notes --from 1'), 'a due certification is re-run from Step 1');
    assert.ok(!textOf(renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED }))).includes('Freshness'), 'no section without freshness');
  });

  test('history: the trend chart and a table of past certifications, newest first', () => {
    const html = renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, history: history(12) }));
    const page = parseHtml(html);
    const svg = page.elements.filter((e) => e.tag === 'svg');
    assert.equal(svg.length, 1);
    assert.equal(page.elements.filter((e) => e.tag === 'circle').length, 36, 'a point per certification for RTO, deploy time and backup size');
    const text = textOf(html);
    assert.ok(text.includes('Past certifications (12)'));
    assert.ok(text.includes('Certified Deployment Time RTO (Recovery Time) Backup Size Idempotency'));
    const rows = page.elements.filter((e) => e.tag === 'th' && e.attributes.scope === 'row').length;
    assert.ok(rows >= 12);
    assert.ok(text.indexOf('2026-03-19T00:00:00.000Z 4m11s 11m50s 211 MB') < text.indexOf('2026-01-01T00:00:00.000Z 4m 10m 200 MB'), 'newest first');
    const empty = textOf(renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, history: [] })));
    assert.ok(empty.includes('None yet'));
  });

  test('a webview: its nonce in the policy, nothing else loaded, refs turned into command links', () => {
    const links: string[] = [];
    const html = renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED }), {
      nonce: 'bm9uY2Utb2YtdGhlLXBhbmVs',
      linkHref: (ref) => {
        links.push(ref);
        return `command:certify.openEvidence?${encodeURIComponent(JSON.stringify([ref]))}`;
      },
    });
    const page = parseHtml(html);
    const csp = page.elements.find((e) => e.attributes['http-equiv'] === 'Content-Security-Policy');
    assert.equal(
      csp?.attributes.content,
      "default-src 'none'; style-src 'nonce-bm9uY2Utb2YtdGhlLXBhbmVs'; base-uri 'none'; form-action 'none'",
    );
    assert.equal(page.elements.find((e) => e.tag === 'style')?.attributes.nonce, 'bm9uY2Utb2YtdGhlLXBhbmVs');
    const anchors = page.elements.filter((e) => e.tag === 'a');
    assert.ok(anchors.length > 20);
    assert.ok(anchors.every((a) => a.attributes.href.startsWith('command:certify.openEvidence?')));
    assert.ok(links.some((ref) => /-step9\.log$/.test(ref)) && links.some((ref) => ref.startsWith('roles/notes_api/README.md:')));
  });

  test('a link the caller makes to an unsafe scheme stays text; a bad nonce is refused', () => {
    for (const href of ['javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', 'command:x\n']) {
      const page = parseHtml(renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED }), { linkHref: () => href }));
      assert.deepEqual(page.elements.filter((e) => e.tag === 'a'), [], JSON.stringify(href));
    }
    const report = buildReport({ record: createEmptyRecord('notes', GENERATED), generatedAt: GENERATED });
    assert.throws(() => renderHtml(report, { nonce: `abc'; script-src *` }), RangeError);
  });

  test('the theme: VS Code colour variables with fallbacks, light and dark schemes, high contrast and forced colours', () => {
    for (const rule of ['var(--vscode-editor-background, var(--fb-bg))', '@media (prefers-color-scheme: dark)', 'body.vscode-high-contrast', '@media (forced-colors: active)', '@media (prefers-contrast: more)']) {
      assert.ok(REPORT_CSS.includes(rule), rule);
    }
    const merged = mergeTargets(DEFAULT_TARGETS, { rto: { target: 300, acceptable: 540 } });
    assert.ok(merged.ok);
    const html = renderHtml(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, targets: merged.targets }));
    // A grade is a word as well as a colour.
    assert.ok(textOf(html).includes('RTO (Recovery Time) 10m WARNING (warning: acceptable is < 9m)'));
    assert.match(html, /<span class="g-warning">WARNING<\/span>/);
  });
});
