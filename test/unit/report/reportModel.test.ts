// The report model from a record: the nine steps with criteria, evidence and runs; who attested;
// the six metrics graded against the targets in force; each kind of test data before and after
// the restore; external access with Step 9's probes; the backup; PRODUCTION READY only when all
// nine passed and no metric is in warning, otherwise what is missing and what to do next.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEmptyRecord } from '../../../src/core/record';
import { DEFAULT_TARGETS, mergeTargets, type Targets } from '../../../src/core/targets';
import { buildReport } from '../../../src/report/model/buildReport';
import { pastCertification } from '../../../src/report/model/pastCertification';
import { certifiedRecord, certifyStep, failedRecord, GOOD_METRICS, minutes, PERSON, RUNNER, TEST_DATA } from './reportFixtures';

const GENERATED = '2026-12-05T08:00:00.000Z';

function targetsWith(overrides: Parameters<typeof mergeTargets>[1]): Targets {
  const merged = mergeTargets(DEFAULT_TARGETS, overrides);
  assert.ok(merged.ok);
  return merged.targets;
}

describe('report model', () => {
  test('a certified service: nine passed steps, every criterion with its evidence, runs with transcripts', () => {
    const report = buildReport({ record: certifiedRecord(), generatedAt: GENERATED, containerId: 165 });
    assert.equal(report.service, 'notes');
    assert.equal(report.containerId, 165);
    assert.deepEqual(report.steps.map((s) => `${s.number}:${s.status}`), ['1:passed', '2:passed', '3:passed', '4:passed', '5:passed', '6:passed', '7:passed', '8:passed', '9:passed']);
    assert.deepEqual(report.summary, { stepsPassed: 9, stepsTotal: 9, criteriaMet: 70, criteriaTotal: 71, worstGrade: 'target' });
    const step1 = report.steps[0];
    assert.equal(step1.title, 'Implement Service (Initial Deployment)');
    assert.deepEqual(step1.criteria.map((c) => c.group), ['acceptance', 'acceptance', 'acceptance', 'acceptance', 'acceptance', 'acceptance', 'documentation', 'documentation', 'documentation', 'documentation']);
    const roleFiles = step1.criteria.find((c) => c.id === 'role-files');
    assert.deepEqual(roleFiles?.evidence, [{ kind: 'file', summary: 'found for: Ansible role created with all required files', ref: 'roles/notes_api/README.md:44' }]);
    const dependencies = step1.criteria.find((c) => c.id === 'dependencies');
    assert.equal(dependencies?.by, PERSON);
    assert.equal(step1.runs.length, 1);
    assert.equal(step1.runs[0].outcome, 'succeeded');
    assert.match(step1.runs[0].transcripts[0], /^\.certify\/notes\/runs\/.*-step1\.log$/);
    assert.equal(step1.runs[0].actions[0].exitCode, 0);
    // The conditional wipe criterion stays unknown and says under what condition it applies.
    const dataRemoved = report.steps[7].criteria.find((c) => c.id === 'data-removed');
    assert.deepEqual([dataRemoved?.state, dataRemoved?.condition], ['unknown', 'Complete wipe (Option B)']);
  });

  test('dates: the first start, the completion (Step 9), the last change and the report time', () => {
    const record = certifiedRecord();
    const report = buildReport({ record, generatedAt: GENERATED });
    assert.equal(report.dates.started, record.steps.implement.startedAt);
    assert.equal(report.dates.completed, record.steps['restore-verify'].finishedAt);
    assert.equal(report.dates.updated, record.updatedAt);
    assert.equal(report.dates.generated, GENERATED);
    const empty = buildReport({ record: createEmptyRecord('notes', '2026-11-01T00:00:00.000Z'), generatedAt: GENERATED });
    assert.equal(empty.dates.started, undefined);
    assert.equal(empty.dates.completed, undefined);
  });

  test('who attested: each person whose word the record holds, with the criteria they confirmed', () => {
    const report = buildReport({ record: certifiedRecord(), generatedAt: GENERATED });
    assert.deepEqual(report.attestedBy.map((a) => a.name), [PERSON]);
    const confirmed = report.attestedBy[0].confirmed;
    assert.equal(confirmed.length, 14);
    assert.deepEqual(confirmed[0], { step: 'implement', criterion: 'no-manual-steps', text: 'No manual steps required', at: confirmed[0].at });
    assert.ok(confirmed.some((c) => c.step === 'restore-verify' && c.criterion === 'production-ready'));
  });

  test('who ran it: each run names its user@host, and the report lists each runner once, first run first', () => {
    const report = buildReport({ record: certifiedRecord(), generatedAt: GENERATED });
    assert.deepEqual(report.ranBy, [RUNNER]);
    assert.ok(report.steps.every((step) => step.runs.every((run) => run.by === RUNNER)));
    // A second person re-runs Step 9; a run recorded before runs named anyone names nobody.
    const record = certifiedRecord();
    const steps = record.steps;
    const later = { ...steps['restore-verify'].runs[0], startedAt: '2026-12-01T00:00:00.000Z', finishedAt: '2026-12-01T00:10:00.000Z', by: 'bob@laptop' };
    const older = { ...steps.implement.runs[0] };
    delete older.by;
    const mixed = { ...record, steps: { ...steps, implement: { ...steps.implement, runs: [older] }, 'restore-verify': { ...steps['restore-verify'], runs: [...steps['restore-verify'].runs, later] } } };
    const again = buildReport({ record: mixed, generatedAt: GENERATED });
    assert.deepEqual(again.ranBy, [RUNNER, 'bob@laptop']);
    assert.equal(again.steps[0].runs[0].by, undefined);
    assert.deepEqual(buildReport({ record: failedRecord(), generatedAt: GENERATED }).ranBy, [RUNNER]);
  });

  test('metrics: all six in the workflow order, graded against the targets in force, the bounds in words', () => {
    const report = buildReport({ record: certifiedRecord(), generatedAt: GENERATED });
    assert.deepEqual(report.metrics.map((m) => m.metric), ['deploy-time', 'rto', 'rpo', 'backup-size', 'idempotency', 'external-test-success']);
    const deploy = report.metrics[0];
    assert.deepEqual([deploy.label, deploy.target, deploy.acceptable, deploy.limits], ['Deployment Time', '< 5m', '< 10m', { target: 300, acceptable: 600 }]);
    assert.deepEqual(
      { ...deploy.measured, measuredAt: undefined },
      { value: 252, formatted: '4m12s', grade: 'target', bound: 'target < 5m', measuredAt: undefined, step: 'recreate' },
    );
    // The repo's overrides: a 2-minute acceptable deploy puts 4m12s in warning.
    const strict = buildReport({ record: certifiedRecord(), generatedAt: GENERATED, targets: targetsWith({ 'deploy-time': { target: 60, acceptable: 120 } }) });
    assert.deepEqual([strict.metrics[0].measured?.grade, strict.metrics[0].measured?.bound, strict.summary.worstGrade], ['warning', 'warning: acceptable is < 2m', 'warning']);
    const unmeasured = buildReport({ record: createEmptyRecord('notes', GENERATED), generatedAt: GENERATED });
    assert.ok(unmeasured.metrics.every((m) => m.measured === undefined));
    assert.equal(unmeasured.summary.worstGrade, undefined);
  });

  test('data verification: each kind before, recounted after the restore, and a kind that differs named', () => {
    const report = buildReport({ record: certifiedRecord(), generatedAt: GENERATED });
    assert.equal(report.dataVerification.afterRestore, 'matches');
    assert.deepEqual(
      report.dataVerification.kinds.map((k) => [k.kind, k.count, k.bytes, k.afterRestore, k.restored?.count]),
      [
        ['tags', 20, 600, 'matches', 20],
        ['notes', 200, 300_000, 'matches', 200],
        ['attachments', 30, 1_228_800, 'matches', 30],
      ],
    );
    assert.equal(report.dataVerification.kinds[1].sha256, TEST_DATA.notes.sha256);

    // Step 9 recounts 29 attachments: the criterion fails, and the report names the kind.
    const tick = minutes();
    let record = createEmptyRecord('notes', tick());
    for (const step of ['implement', 'test-external', 'recreate', 'backup-plan', 'populate', 'test-backup', 'execute-backup', 'wipe'] as const) record = certifyStep(record, step, tick);
    const restored = { ...TEST_DATA, attachments: { ...TEST_DATA.attachments, count: 29 } };
    record = certifyStep(record, 'restore-verify', tick, { restored });
    const differing = structuredClone(record);
    const criterion = differing.steps['restore-verify'].criteria['test-data-matches'];
    assert.ok(criterion);
    criterion.state = 'not-met';
    criterion.evidence = [{ kind: 'run', summary: 'attachments: 30 → 29 items' }];
    const data = buildReport({ record: differing, generatedAt: GENERATED }).dataVerification;
    assert.deepEqual([data.afterRestore, data.detail], ['differs', 'attachments: 30 → 29 items']);
    assert.deepEqual(data.kinds.map((k) => k.afterRestore), ['matches', 'matches', 'differs']);
    assert.deepEqual(data.kinds[2].restored, { count: 29, bytes: 1_228_800, sha256: TEST_DATA.attachments.sha256 });

    const none = buildReport({ record: failedRecord(), generatedAt: GENERATED }).dataVerification;
    assert.deepEqual(none, { afterRestore: 'not-compared', kinds: [] });
  });

  test('external access: Step 2, Step 3 and Step 9 criteria, and each probe Step 9 repeated', () => {
    const checks = buildReport({ record: certifiedRecord(), generatedAt: GENERATED }).externalAccess;
    assert.deepEqual(checks.map((c) => c.label), [
      'HTTPS',
      'HTTP response',
      'TLS certificate',
      'DNS',
      'External testing service',
      'Mobile data test',
      'External access after recreate',
      'HTTPS after restore',
      'External tests after restore',
      'HTTPS from outside after restore',
      'TLS certificate after restore',
      'DNS after restore',
    ]);
    assert.ok(checks.every((c) => c.state === 'met'));
    assert.equal(checks[9].evidence, 'https://notes.example.net/ → 200');
    assert.match(checks[9].ref ?? '', /-step9\.log$/);
    const fresh = buildReport({ record: createEmptyRecord('notes', GENERATED), generatedAt: GENERATED }).externalAccess;
    assert.equal(fresh.length, 9, 'no probes before Step 9 ran');
    assert.ok(fresh.every((c) => c.state === 'unknown'));
  });

  test('backup: timestamp, location, size and each artefact as validated', () => {
    const backup = buildReport({ record: certifiedRecord(), generatedAt: GENERATED }).backup;
    assert.ok(backup);
    assert.deepEqual([backup.timestamp, backup.location, backup.verified, backup.size], ['20261102_101500', '/var/backups/infrastructure/20261102_101500', true, '220 MB']);
    assert.deepEqual(backup.artefacts.map((a) => [a.path, a.type, a.size, a.valid, a.detail]), [
      ['postgresql/notes_20261102_101500.dump', 'postgresql-dump', '180 MB', true, '42 entries'],
      ['files/notes_attachments.tar.gz', 'tar', '40 MB', true, '30 entries'],
    ]);
    assert.equal(buildReport({ record: failedRecord(), generatedAt: GENERATED }).backup, undefined);
  });

  test('readiness: PRODUCTION READY only with all nine passed and no metric in warning', () => {
    assert.deepEqual(buildReport({ record: certifiedRecord(), generatedAt: GENERATED }).readiness, { ready: true, missing: [] });

    const warning = buildReport({ record: certifiedRecord(), generatedAt: GENERATED, targets: targetsWith({ rto: { target: 300, acceptable: 540 } }) }).readiness;
    assert.equal(warning.ready, false);
    assert.deepEqual(warning.missing, ['in warning: RTO (Recovery Time) 10m (acceptable is < 9m)']);
    assert.equal(warning.next, 'bring the metrics in warning within their acceptable range, then certify again');

    const failed = buildReport({ record: failedRecord(), generatedAt: GENERATED }).readiness;
    assert.equal(failed.ready, false);
    assert.equal(failed.missing[0], 'Step 3 (Recreate) failed: The second deploy changed 3 tasks: the playbook is not idempotent');
    assert.match(failed.missing[1], /^7 of 9 steps not passed \(Step 3 \(Recreate\), Step 4 \(Backup Plan\), .*Step 9 \(Restore & Verify\)\)$/);
    assert.equal(failed.missing[2], 'in warning: Idempotency changed=3 (acceptable is changed <= 1)');
    assert.equal(failed.next, 'fix playbook, ensure idempotency, then run Step 3 (Recreate) again (certify run notes --step 3)');

    const untouched = buildReport({ record: createEmptyRecord('notes', GENERATED), generatedAt: GENERATED }).readiness;
    assert.equal(untouched.next, 'run Step 1 (Implement) (certify run notes --step 1)');
  });

  test('freshness passes through; history is sorted oldest first', () => {
    const freshness = { state: 'due' as const, certifiedAt: '2026-01-01T00:00:00.000Z', dueAt: '2026-04-01T00:00:00.000Z', changed: [], rerun: [], summary: 'Due: certified 2026-01-01, over 90 days ago.' };
    const history = [
      { certifiedAt: '2026-06-01T00:00:00.000Z', metrics: { rto: 700 } },
      { certifiedAt: '2026-01-01T00:00:00.000Z', metrics: { rto: 600 } },
    ];
    const report = buildReport({ record: certifiedRecord(), generatedAt: GENERATED, freshness, history });
    assert.deepEqual(report.freshness, freshness);
    assert.deepEqual(report.history?.map((h) => h.certifiedAt), ['2026-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z']);
    assert.equal(buildReport({ record: certifiedRecord(), generatedAt: GENERATED }).history, undefined);
  });

  test('a kept certification as a history entry: its completion time and each measured figure', () => {
    const record = certifiedRecord();
    assert.deepEqual(pastCertification({ certifiedAt: '2026-11-02T11:15:00.000Z', record }), { certifiedAt: '2026-11-02T11:15:00.000Z', metrics: GOOD_METRICS });
    assert.deepEqual(pastCertification({ certifiedAt: '2026-11-02T11:15:00.000Z', record: failedRecord() }).metrics, { idempotency: 3 });
  });
});
