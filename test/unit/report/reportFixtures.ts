// Records for the report tests, made through the core transitions as a run makes them: each
// step started, its run recorded (actions, transcripts, figures), its criteria met with evidence
// (transcripts for measured ones, repo files for static ones, alice's word for manual ones), its
// metrics, Step 5's test data, Step 7's verified backup, Step 9's recounted data and probes.

import assert from 'node:assert/strict';
import { recordBackup, recordMetric, recordRun, recordTestData, setCriterion } from '../../../src/core/evidenceTransitions';
import { createEmptyRecord, type CertificationRecord, type Evidence, type RunAction } from '../../../src/core/record';
import { allCriteria, STEP_IDS, stepById, type StepId } from '../../../src/core/steps';
import { failStep, passStep, startStep, type TransitionResult } from '../../../src/core/transitions';
import type { MetricId } from '../../../src/core/targets';
import { GOOD_METRICS, TEST_DATA } from '../core/fixtures';

export { GOOD_METRICS, TEST_DATA };

export const PERSON = 'alice';
/** Who ran the fixtures' steps, as a run records it. */
export const RUNNER = 'alice@admin01';

function must(result: TransitionResult): CertificationRecord {
  if (!result.ok) assert.fail(`${result.code}: ${result.reason}`);
  return result.record;
}

/** Each call is the next minute. */
export function minutes(start = '2026-11-02T09:00:00.000Z'): () => string {
  let t = Date.parse(start);
  return () => new Date((t += 60_000)).toISOString();
}

const transcript = (service: string, step: StepId, at: string): string => `.certify/${service}/runs/${at.replace(/[:.]/g, '-')}-step${stepById(step).number}.log`;

/** Step 9's verify action and its repeated Step 2 probes, with the figures the engine keeps. */
function step9Actions(log: string, restored: Record<string, { count: number; bytes: number; sha256?: string }>): RunAction[] {
  return [
    { id: 'deploy', description: 'Deploy the service from nothing', target: 'local', exitCode: 0, durationMs: 241_000, transcript: log },
    { id: 'verify', description: 'Verify the restored data against Step 5', target: 'local', exitCode: 0, durationMs: 2_100, transcript: log, figures: { restored: JSON.stringify(restored) } },
    { id: 'external-https', description: 'HTTPS from the vantage host', target: 'vantage', exitCode: 0, durationMs: 300, transcript: log, figures: { 'external-https.passed': 1, 'external-https.evidence': 'https://notes.example.net/ → 200' } },
    { id: 'external-tls', description: 'TLS from the vantage host', target: 'vantage', exitCode: 0, durationMs: 300, transcript: log, figures: { 'external-tls.passed': 1, 'external-tls.evidence': 'certificate trusted, 80 days left' } },
    { id: 'external-dns', description: 'DNS from public resolvers', target: 'vantage', exitCode: 0, durationMs: 300, transcript: log, figures: { 'external-dns.passed': 1, 'external-dns.evidence': 'notes.example.net → 203.0.113.65' } },
  ];
}

export interface StepOptions {
  metrics?: Partial<Record<MetricId, number>>;
  /** What Step 9's verify run counts; Step 5's data unless given. */
  restored?: Record<string, { count: number; bytes: number; sha256?: string }>;
}

/** Starts `step`, records its run and evidence, and passes it. */
export function certifyStep(record: CertificationRecord, step: StepId, tick: () => string, options: StepOptions = {}): CertificationRecord {
  let r = must(startStep(record, step, tick()));
  const startedAt = tick();
  const log = transcript(record.service, step, startedAt);
  const actions: RunAction[] =
    step === 'restore-verify'
      ? step9Actions(log, options.restored ?? TEST_DATA)
      : [{ id: 'main', description: `Run ${stepById(step).shortTitle}`, target: 'local', argv: ['ansible-playbook', 'playbooks/notes-deploy.yml'], exitCode: 0, durationMs: 12_345, transcript: log }];
  r = must(recordRun(r, step, { startedAt, by: RUNNER, outcome: 'running', actions: [] }, tick()));
  if (step === 'populate') r = must(recordTestData(r, TEST_DATA, tick()));
  if (step === 'execute-backup') {
    r = must(
      recordBackup(
        r,
        {
          timestamp: '20261102_101500',
          location: '/var/backups/infrastructure/20261102_101500',
          verified: true,
          takenAt: tick(),
          sizeBytes: 220 * 1024 ** 2,
          artefacts: [
            { path: 'postgresql/notes_20261102_101500.dump', type: 'postgresql-dump', bytes: 180 * 1024 ** 2, sha256: 'd'.repeat(64), valid: true, detail: '42 entries' },
            { path: 'files/notes_attachments.tar.gz', type: 'tar', bytes: 40 * 1024 ** 2, sha256: 'e'.repeat(64), valid: true, detail: '30 entries' },
          ],
        },
        tick(),
      ),
    );
  }
  for (const criterion of allCriteria(step)) {
    if (criterion.condition !== undefined) continue;
    if (criterion.metric) r = must(recordMetric(r, step, criterion.metric, options.metrics?.[criterion.metric] ?? GOOD_METRICS[criterion.metric], tick()));
    const evidence: Evidence[] =
      criterion.kind === 'manual'
        ? [{ kind: 'note', summary: `checked by hand: ${criterion.text}` }]
        : criterion.kind === 'static'
          ? [{ kind: 'file', summary: `found for: ${criterion.text}`, ref: `roles/notes_api/README.md:${criterion.text.length}` }]
          : [{ kind: 'run', summary: `seen in the run: ${criterion.text}`, ref: log }];
    r = must(setCriterion(r, step, criterion.id, 'met', { at: tick(), evidence, ...(criterion.kind === 'manual' ? { by: PERSON } : {}) }));
  }
  r = must(recordRun(r, step, { startedAt, finishedAt: tick(), by: RUNNER, outcome: 'succeeded', actions }, tick()));
  return must(passStep(r, step, tick()));
}

/** All nine steps passed. */
export function certifiedRecord(service = 'notes', tick = minutes(), options: StepOptions = {}): CertificationRecord {
  let r = createEmptyRecord(service, tick());
  for (const step of STEP_IDS) r = certifyStep(r, step, tick, options);
  return r;
}

/** Steps 1 and 2 passed; Step 3 failed: the second deploy changed 3 tasks. */
export function failedRecord(service = 'notes', tick = minutes()): CertificationRecord {
  let r = createEmptyRecord(service, tick());
  r = certifyStep(r, 'implement', tick);
  r = certifyStep(r, 'test-external', tick);
  r = must(startStep(r, 'recreate', tick()));
  const log = transcript(service, 'recreate', tick());
  r = must(recordRun(r, 'recreate', { startedAt: tick(), outcome: 'running', actions: [{ id: 'second-run', description: 'Deploy again', target: 'local', exitCode: 0, durationMs: 61_000, transcript: log }] }, tick()));
  r = must(recordMetric(r, 'recreate', 'idempotency', 3, tick()));
  r = must(setCriterion(r, 'recreate', 'idempotent', 'not-met', { at: tick(), evidence: [{ kind: 'run', summary: 'second run: changed=3', ref: log }] }));
  return must(failStep(r, 'recreate', tick(), 'The second deploy changed 3 tasks: the playbook is not idempotent.'));
}
