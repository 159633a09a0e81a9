// The Markdown report: the verdict (with the workflow's next steps, or what is missing and the
// next action), the facts, freshness, the metrics table with grades, the steps table and each
// step's criteria as task items with evidence, data counts, external access, the backup and
// past certifications.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildReport } from '../../../src/report/model/buildReport';
import { renderMarkdown } from '../../../src/report/render/markdownReport';
import { certifiedRecord, failedRecord } from './reportFixtures';

const GENERATED = '2026-12-05T08:00:00.000Z';

describe('Markdown report', () => {
  test('a certified service: verdict, facts, grades, steps, criteria with evidence, data, backup', () => {
    const lines = renderMarkdown(buildReport({ record: certifiedRecord(), generatedAt: GENERATED, containerId: 165 })).split('\n');
    for (const line of [
      '# Certification report: notes',
      '**Service status: PRODUCTION READY ✓**',
      '1. Remove test data (if desired)',
      '| Container ID | 165 |',
      '| Steps passed | 9 of 9 |',
      '| Criteria met | 70 of 71 |',
      '| Run by | alice@admin01 |',
      '| Attested by | alice (14) |',
      '| RTO (Recovery Time) | 10m | TARGET (target \\< 15m) | \\< 15m | \\< 30m |',
      '| Idempotency | changed=0 | TARGET (target changed \\<= 0) | changed \\<= 0 | changed \\<= 1 |',
      '| ✅ 3 Delete and Recreate (Automation Validation) | passed |  |',
      '### Step 1: Implement Service (Initial Deployment) — passed',
      '- [x] Ansible role created with all required files — ✓ met: found for: Ansible role created with all required files (roles/notes\\_api/README.md:44)',
      '- [x] Documentation: Service dependencies listed — ✓ met: checked by hand: Service dependencies listed — by alice',
      '- [ ] Data removed (if complete wipe) — only if: Complete wipe (Option B)',
      '| notes | 200 | 300000 | bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb | ✓ matches after restore |',
      '| DNS after restore | ✓ met | notes.example.net → 203.0.113.65 |',
      '- Timestamp: 20261102\\_101500',
      '| files/notes\\_attachments.tar.gz | tar | 40 MB | ✓ valid — 30 entries |',
    ]) {
      assert.ok(lines.includes(line), `missing: ${line}`);
    }
    assert.ok(lines.some((line) => /^- Run 2026-11-02T\S* by alice@admin01: succeeded — \.certify\/notes\/runs\/.*-step1\.log$/.test(line)), 'each run with its transcript');
  });

  test('not ready: what is missing, the next action, the failed step and its reason', () => {
    const lines = renderMarkdown(buildReport({ record: failedRecord(), generatedAt: GENERATED })).split('\n');
    assert.ok(lines.includes('**Service status: NOT PRODUCTION READY**'));
    assert.ok(lines.includes('- Step 3 (Recreate) failed: The second deploy changed 3 tasks: the playbook is not idempotent'));
    assert.ok(lines.includes('- in warning: Idempotency changed=3 (acceptable is changed \\<= 1)'));
    assert.ok(lines.includes('**Next:** fix playbook, ensure idempotency, then run Step 3 (Recreate) again (certify run notes --step 3)'));
    assert.ok(lines.includes('| ❌ 3 Delete and Recreate (Automation Validation) | failed | The second deploy changed 3 tasks: the playbook is not idempotent. |'));
    assert.ok(lines.includes('> The second deploy changed 3 tasks: the playbook is not idempotent.'));
    assert.ok(lines.includes('| Idempotency | changed=3 | WARNING (warning: acceptable is changed \\<= 1) | changed \\<= 0 | changed \\<= 1 |'));
    assert.ok(lines.includes('No test data recorded yet (Step 5).'));
    assert.ok(lines.includes('No baseline backup recorded yet (Step 7).'));
  });

  test('freshness and history: stale reasons, the steps to re-run, past certifications newest first', () => {
    const md = renderMarkdown(
      buildReport({
        record: certifiedRecord(),
        generatedAt: GENERATED,
        freshness: { state: 'stale', changed: [{ name: 'roles/notes_api/defaults/main.yml', change: 'modified' }], rerun: ['implement', 'recreate'], summary: 'Stale: a role default changed.' },
        history: [
          { certifiedAt: '2026-01-01T00:00:00.000Z', metrics: { rto: 600 } },
          { certifiedAt: '2026-06-01T00:00:00.000Z', metrics: { rto: 700, 'backup-size': 1024 ** 3 } },
        ],
      }),
    );
    const lines = md.split('\n');
    assert.ok(lines.includes('Stale: a role default changed.'));
    assert.ok(lines.includes('- roles/notes\\_api/defaults/main.yml (modified)'));
    assert.ok(lines.includes('Re-run: Steps 1 and 3'));
    const table = lines.slice(lines.indexOf('## Past certifications (2)'));
    assert.deepEqual(table.slice(2, 6), ['| Certified | RTO (Recovery Time) | Backup Size |', '| --- | --- | --- |', '| 2026-06-01T00:00:00.000Z | 11m40s | 1 GB |', '| 2026-01-01T00:00:00.000Z | 10m | — |']);
  });
});
