// Benchmark: the report panel's HTML for a certified service with 100 past certifications — the
// report model built from the record, then drawn with its trend chart and history table — against
// a baseline of JSON.stringify of the same model, the two interleaved round by round so machine
// noise hits both alike. Goal: ≤ 20 ms per render. Reports; never fails on a miss.
import { buildReport } from '../src/report/model/buildReport.ts';
import { renderHtml } from '../src/report/render/htmlReport.ts';
import { certifiedRecord } from '../test/unit/report/reportFixtures.ts';
import { interleaved } from './interleaved.mjs';

const PAST = 100;
const ROUNDS = 101;
const GOAL_MS = 20;

const record = certifiedRecord('notes');
const history = Array.from({ length: PAST }, (_, i) => ({
  certifiedAt: new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString(),
  metrics: { rto: 540 + ((i * 37) % 300), 'deploy-time': 200 + ((i * 13) % 90), 'backup-size': (150 + i) * 1024 ** 2, rpo: 1800, idempotency: i % 2, 'external-test-success': 100 },
}));
const input = { record, generatedAt: new Date().toISOString(), containerId: 165, history };
const model = buildReport(input);
const options = { nonce: 'YmVuY2htYXJrLW5vbmNl', cspSource: 'https://*.vscode-cdn.net', linkHref: (ref) => `command:certify.openEvidence?${encodeURIComponent(JSON.stringify([ref]))}` };

let size = 0;
const measured = await interleaved(ROUNDS, {
  baseline: () => {
    size = JSON.stringify(model).length;
  },
  html: () => {
    const html = renderHtml(buildReport(input), options);
    if (!html.includes(`Past certifications (${PAST})`)) throw new Error('the history table is missing');
    size = html.length;
  },
  renderOnly: () => {
    renderHtml(model, options);
  },
}, { warmup: 3 });

const html = renderHtml(model, options);
console.log(`service with ${PAST} past certifications: ${(html.length / 1024).toFixed(0)} KiB of HTML (last output ${(size / 1024).toFixed(0)} KiB)`);
console.log(row('JSON.stringify of the report model (baseline)', measured.baseline.median));
console.log(row('panel HTML: model from the record + render', measured.html.median, measured.baseline.median));
console.log(row('  the same, 90th percentile', measured.html.p90, measured.baseline.p90));
console.log(row('  render only (model already built)', measured.renderOnly.median, measured.baseline.median));
console.log(`  ${measured.html.median <= GOAL_MS ? 'PASS' : 'MISS'}: report HTML with ${PAST} past certifications: ${measured.html.median.toFixed(2)} ms (goal ≤ ${GOAL_MS} ms)`);

function row(what, ms, base) {
  return `  ${what.padEnd(52)} ${ms.toFixed(3).padStart(9)} ms${base ? `   (${(ms / base).toFixed(1)}× baseline)` : ''}`;
}
