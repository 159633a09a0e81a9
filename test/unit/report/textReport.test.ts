// The workflow's completion-report text: its frame and sections, each step's line (the
// workflow's words for a pass, the title and reason otherwise), grades with their bounds, data
// counts, external access, the status with what is missing and the next action, freshness and
// history when given — and completionReportText, which `certify run` and Step 9 use, on top.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordMetric, setCriterion } from '../../../src/core/evidenceTransitions';
import { createEmptyRecord, type CertificationRecord } from '../../../src/core/record';
import { allCriteria } from '../../../src/core/steps';
import { DEFAULT_TARGETS, mergeTargets } from '../../../src/core/targets';
import { startStep, type TransitionResult } from '../../../src/core/transitions';
import { completionReportText } from '../../../src/report/completionReport';
import { buildReport } from '../../../src/report/model/buildReport';
import { renderText } from '../../../src/report/render/textReport';
import { certifiedRecord, certifyStep, failedRecord, GOOD_METRICS, minutes, PERSON, RUNNER } from './reportFixtures';

const GENERATED = '2026-12-05T08:00:00.000Z';
const text = (record: CertificationRecord, extra: Partial<Parameters<typeof buildReport>[0]> = {}): string =>
  renderText(buildReport({ record, generatedAt: GENERATED, containerId: 165, ...extra }));

function must(result: TransitionResult): CertificationRecord {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.record;
}

describe('completion report text', () => {
  test('a certified service reads as the workflow\'s completion report', () => {
    const out = text(certifiedRecord());
    const lines = out.split('\n');
    assert.deepEqual(lines.slice(0, 5), ['========================================', 'Service Deployment Workflow - COMPLETE', '========================================', '', 'Service: notes']);
    assert.ok(lines.includes('Container ID: 165'));
    assert.ok(lines.includes(`Attested by: ${PERSON} (14)`));
    assert.ok(lines.includes(`Run by: ${RUNNER}`));
    assert.ok(lines.includes('✅ Step 1: Service implemented and deployed'));
    assert.ok(lines.includes('✅ Step 9: Service restored and verified'));
    assert.ok(lines.includes('- RTO (Recovery Time): 10m — TARGET (target < 15m)'));
    assert.ok(lines.includes('- Backup Size: 200 MB — TARGET (target < 1 GB)'));
    assert.ok(lines.includes('- notes: 200 items, 300000 bytes, sha256 bbbbbbbbbbbb… (✓ matches after restore)'));
    assert.ok(lines.includes('- HTTPS from outside after restore: ✓ https://notes.example.net/ → 200'));
    assert.ok(lines.includes('Service Status: PRODUCTION READY ✓'));
    assert.deepEqual(lines.slice(lines.indexOf('Next Steps:'), lines.indexOf('Next Steps:') + 6), [
      'Next Steps:',
      '1. Remove test data (if desired)',
      '2. Configure for production use',
      '3. Add monitoring',
      '4. Add to regular backup schedule',
      '5. Document in architecture docs',
    ]);
    assert.ok(lines.includes('Backup Timestamp: 20261102_101500'));
    assert.ok(lines.includes(`Generated: ${GENERATED}`));
    assert.doesNotMatch(out, /^Next: /m);
  });

  test('a failed step: its title and reason, the warning, what is missing and the next action', () => {
    const lines = text(failedRecord()).split('\n');
    assert.equal(lines[1], 'Service Deployment Workflow - NOT COMPLETE');
    assert.ok(lines.includes('❌ Step 3: Delete and Recreate (Automation Validation) — failed: The second deploy changed 3 tasks: the playbook is not idempotent.'));
    assert.ok(lines.includes('⬜ Step 4: Implement Data Backup Plan — not-started'));
    assert.ok(lines.includes('- Idempotency: changed=3 — WARNING (warning: acceptable is changed <= 1)'));
    assert.ok(lines.includes('- no test data recorded'));
    const status = lines.find((line) => line.startsWith('Service Status:'));
    assert.match(status ?? '', /^Service Status: NOT PRODUCTION READY — Step 3 \(Recreate\) failed: .*; 7 of 9 steps not passed .*; in warning: Idempotency changed=3/);
    assert.ok(lines.includes('Next: fix playbook, ensure idempotency, then run Step 3 (Recreate) again (certify run notes --step 3)'));
    assert.ok(!lines.includes('Next Steps:'), 'the workflow\'s next steps follow only a ready service');
  });

  test('nothing done yet: every section says so', () => {
    const out = text(createEmptyRecord('notes', '2026-11-01T00:00:00.000Z'), { containerId: undefined });
    for (const line of ['Container ID: unknown', 'Started: not yet', 'Completion Date: not complete (last change 2026-11-01T00:00:00.000Z)', '- none measured yet', '- no test data recorded', '- not tested yet']) {
      assert.ok(out.split('\n').includes(line), line);
    }
  });

  test('freshness: stale names each changed file and the steps to re-run; due says since when; history counts', () => {
    const stale = text(certifiedRecord(), {
      freshness: {
        state: 'stale',
        certifiedAt: '2026-11-02T11:15:00.000Z',
        changed: [
          { name: 'roles/notes_api/defaults/main.yml', change: 'modified' },
          { name: 'roles/backup_infrastructure/defaults/main.yml#backup_services.notes', change: 'removed' },
        ],
        rerun: ['implement', 'recreate', 'restore-verify'],
        summary: 'Stale: 2 inputs changed since 2026-11-02.',
      },
      history: [{ certifiedAt: '2026-06-01T00:00:00.000Z', metrics: {} }, { certifiedAt: '2026-11-02T11:15:00.000Z', metrics: {} }],
    }).split('\n');
    assert.ok(stale.includes('Freshness: Stale: 2 inputs changed since 2026-11-02.'));
    assert.ok(stale.includes('- roles/notes_api/defaults/main.yml (modified)'));
    assert.ok(stale.includes('- roles/backup_infrastructure/defaults/main.yml#backup_services.notes (removed)'));
    assert.ok(stale.includes('Re-run: Steps 1, 3 and 9'));
    assert.ok(stale.includes('Past certifications: 2 (latest 2026-11-02T11:15:00.000Z)'));
    const due = text(certifiedRecord(), { freshness: { state: 'due', dueAt: '2027-01-31T11:15:00.000Z', changed: [], rerun: [], summary: 'Due: certified over 90 days ago.' } }).split('\n');
    assert.ok(due.includes('Freshness: Due: certified over 90 days ago.'));
    assert.ok(due.includes('Due since: 2027-01-31T11:15:00.000Z'));
  });

  test('a reason, a kind name or evidence with control characters stays on its line', () => {
    const record = structuredClone(failedRecord());
    record.steps.recreate.reason = 'bad\nService Status: PRODUCTION READY ✓\u001b[2J';
    const out = text(record);
    assert.doesNotMatch(out, /^Service Status: PRODUCTION READY/m);
    assert.match(out, /failed: bad\\nService Status: PRODUCTION READY ✓\\x1b\[2J$/m);
  });
});

describe('completionReportText (certify run, Step 9)', () => {
  test('keeps the lines its callers read, and grades against the targets it is given', () => {
    const record = certifiedRecord();
    assert.match(completionReportText(record, 165), /Service Status: PRODUCTION READY ✓/);
    const merged = mergeTargets(DEFAULT_TARGETS, { 'deploy-time': { target: 60, acceptable: 120 } });
    assert.ok(merged.ok);
    const strict = completionReportText(record, 165, merged.targets);
    assert.match(strict, /Deployment Time: 4m12s — WARNING \(warning: acceptable is < 2m\)/);
    assert.match(strict, /Service Status: NOT PRODUCTION READY — in warning: Deployment Time 4m12s/);
  });

  test('written while Step 9 is still running (before it passes): ready when everything but the report is met', () => {
    const tick = minutes();
    let record = createEmptyRecord('notes', tick());
    for (const step of ['implement', 'test-external', 'recreate', 'backup-plan', 'populate', 'test-backup', 'execute-backup', 'wipe'] as const) record = certifyStep(record, step, tick);
    record = must(startStep(record, 'restore-verify', tick()));
    for (const criterion of allCriteria('restore-verify')) {
      if (criterion.id === 'report') continue;
      if (criterion.metric) record = must(recordMetric(record, 'restore-verify', criterion.metric, GOOD_METRICS[criterion.metric], tick()));
      record = must(setCriterion(record, 'restore-verify', criterion.id, 'met', { at: tick(), ...(criterion.kind === 'manual' ? { by: PERSON } : {}) }));
    }
    const out = completionReportText(record, 165);
    assert.match(out, /^Service Deployment Workflow - COMPLETE$/m);
    assert.match(out, /^Service Status: PRODUCTION READY ✓$/m);
    assert.match(out, /^⏳ Step 9: Restore Service and Verify — running$/m);
    assert.match(out, new RegExp(`^Completion Date: ${record.updatedAt.replace(/[.]/g, '\\.')}$`, 'm'));
  });
});
