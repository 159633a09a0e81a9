// The certification record: a new one, and the strict check the store uses to spot damage.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createEmptyRecord,
  criterionState,
  RECORD_SCHEMA_VERSION,
  type CertificationRecord,
} from '../../../src/core/record';
import { validateRecord } from '../../../src/core/recordShape';
import { STEP_IDS } from '../../../src/core/steps';
import { clock, fresh, passThrough } from './fixtures';

/** A JSON copy of `record` with values set at dotted paths; `undefined` deletes the key. */
function damage(record: CertificationRecord, changes: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let target = copy;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = keys[keys.length - 1];
    if (value === undefined) delete target[last];
    else target[last] = value;
  }
  return copy;
}

const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-03-01T09:01:00.000Z';

const problemsOf = (value: unknown): string[] => {
  const result = validateRecord(value);
  if (result.ok) assert.fail('expected the record to be rejected');
  return result.problems;
};

describe('record: a new record', () => {
  test('has the schema version, the service, both times, nine not-started steps and nothing else', () => {
    const r = createEmptyRecord('gitea', new Date('2025-03-01T09:00:00.000Z'));
    assert.equal(RECORD_SCHEMA_VERSION, 1);
    assert.deepEqual(Object.keys(r).sort(), ['createdAt', 'metrics', 'schemaVersion', 'service', 'steps', 'updatedAt']);
    assert.equal(r.schemaVersion, 1);
    assert.equal(r.service, 'gitea');
    assert.equal(r.createdAt, '2025-03-01T09:00:00.000Z');
    assert.equal(r.updatedAt, r.createdAt);
    assert.deepEqual(Object.keys(r.steps), [...STEP_IDS]);
    for (const id of STEP_IDS) assert.deepEqual(r.steps[id], { status: 'not-started', criteria: {}, runs: [] });
    assert.deepEqual(r.metrics, {});
    assert.equal(criterionState(r, 'implement', 'health-check'), 'unknown');
  });

  test('takes the time as a Date or an ISO string; bad names and times throw', () => {
    assert.equal(createEmptyRecord('a', '2025-03-01T09:00:00Z').createdAt, '2025-03-01T09:00:00Z');
    assert.throws(() => createEmptyRecord('Gitea', '2025-03-01T09:00:00Z'), /"Gitea" is not a valid service name/);
    assert.throws(() => createEmptyRecord('../etc', '2025-03-01T09:00:00Z'), RangeError);
    assert.throws(() => createEmptyRecord('gitea', 'tomorrow'), /not a valid time/);
    assert.throws(() => createEmptyRecord('gitea', new Date('nope')), /not a valid time/);
  });

  test('a new record and a fully certified one both survive JSON and validate', () => {
    const certified = passThrough(fresh(), 'restore-verify', clock());
    for (const r of [fresh(), certified]) {
      const result = validateRecord(JSON.parse(JSON.stringify(r)));
      assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
      assert.deepEqual(result.record, JSON.parse(JSON.stringify(r)));
    }
  });
});

describe('record: validateRecord rejects', () => {
  test('garbage: null, arrays, strings, numbers, empty objects', () => {
    assert.deepEqual(problemsOf(null), ['record: expected an object, got null']);
    assert.deepEqual(problemsOf([]), ['record: expected an object, got an array']);
    assert.deepEqual(problemsOf('record'), ["record: expected an object, got 'record'"]);
    assert.deepEqual(problemsOf(42), ['record: expected an object, got 42']);
    assert.deepEqual(problemsOf(undefined), ['record: expected an object, got nothing']);
    assert.deepEqual(problemsOf({}), ['schemaVersion: expected 1, got nothing']);
  });

  test('a wrong schema version, and a newer one with a clear way out; nothing else is reported then', () => {
    const bad = (version: unknown): string[] => problemsOf(damage(fresh(), { schemaVersion: version, steps: 'junk' }));
    assert.deepEqual(bad(0), ['schemaVersion: expected 1, got 0']);
    assert.deepEqual(bad('1'), ["schemaVersion: expected 1, got '1'"]);
    assert.deepEqual(bad(1.5), ['schemaVersion: expected 1, got 1.5']);
    assert.deepEqual(bad(2), ['schemaVersion: 2 is newer than this Certify understands (1); update Certify.']);
  });

  test('a wrong step status, with its exact path and the allowed values', () => {
    assert.deepEqual(problemsOf(damage(fresh(), { 'steps.wipe.status': 'done' })), [
      "steps.wipe.status: expected one of 'not-started', 'running', 'passed', 'failed', 'interrupted', 'skipped', got 'done'",
    ]);
  });

  test('missing and unexpected properties at any depth', () => {
    const r = damage(fresh(), { 'steps.populate': undefined, 'steps.wipe.colour': 'red', extra: true, metrics: undefined });
    assert.deepEqual(problemsOf(r).sort(), [
      'extra: unexpected property',
      'metrics: missing',
      'steps.populate: missing',
      'steps.wipe.colour: unexpected property',
    ]);
  });

  test('bad names, times and time order', () => {
    const r = damage(fresh(), { service: 'Git Tea', updatedAt: '2020-01-01T00:00:00.000Z' });
    assert.deepEqual(problemsOf(r), [
      "service: 'Git Tea' is not a valid service name (lowercase letters, digits, dashes, underscores)",
      'updatedAt: is earlier than createdAt',
    ]);
    assert.match(problemsOf(damage(fresh(), { updatedAt: 'last tuesday' }))[0], /^updatedAt: expected an ISO 8601 timestamp .* got 'last tuesday'$/);
  });

  test('status and its times must agree; a skip needs a reason and a skippable step', () => {
    const r = damage(fresh(), {
      'steps.implement': { status: 'not-started', startedAt: T0, criteria: {}, runs: [] },
      'steps.recreate': { status: 'passed', startedAt: T0, criteria: {}, runs: [] },
      'steps.backup-plan': { status: 'skipped', finishedAt: T0, criteria: {}, runs: [] },
      'steps.wipe': { status: 'skipped', reason: 'no time', finishedAt: T0, criteria: {}, runs: [] },
    });
    assert.deepEqual(problemsOf(r), [
      'steps.implement.startedAt: a not-started step has no startedAt',
      'steps.recreate.finishedAt: missing; a passed step has a finish time',
      'steps.backup-plan.reason: missing; a skipped step says why it was skipped',
      'steps.wipe.status: wipe may not be skipped',
    ]);
  });

  test('two running steps, and an open run outside a running step', () => {
    const run = { startedAt: T0, actions: [], outcome: 'running' };
    const r = damage(fresh(), {
      'steps.implement': { status: 'running', startedAt: T0, criteria: {}, runs: [] },
      'steps.test-external': { status: 'running', startedAt: T0, criteria: {}, runs: [] },
      'steps.recreate': { status: 'failed', reason: 'x', startedAt: T0, finishedAt: T1, criteria: {}, runs: [run] },
    });
    assert.deepEqual(problemsOf(r), [
      'steps.recreate.runs[0].outcome: only the last run of a running step may still be running',
      'steps: only one step may be running, found implement, test-external',
    ]);
  });

  test('criteria that do not belong to the step, bad states, an empty "by"', () => {
    const r = damage(fresh(), {
      'steps.implement': {
        status: 'running',
        startedAt: T0,
        criteria: {
        'health-check': { state: 'yes' },
        'mobile-data': { state: 'met' },
          'role-files': { state: 'met', by: '', evidence: [{ kind: 'gut', summary: 'x' }] },
        },
        runs: [],
      },
    });
    assert.deepEqual(problemsOf(r), [
      "steps.implement.criteria.health-check.state: expected one of 'unknown', 'met', 'not-met', got 'yes'",
      'steps.implement.criteria.mobile-data: not a criterion of implement',
      "steps.implement.criteria.role-files.by: expected a non-empty string, got ''",
      "steps.implement.criteria.role-files.evidence[0].kind: expected one of 'run', 'file', 'metric', 'note', got 'gut'",
    ]);
  });

  test('run actions: empty argv, non-integer exit codes, transcripts outside the service runs folder', () => {
    const action = (extra: object): object => ({ description: 'deploy', target: 'local', ...extra });
    const good = { argv: ['ansible-playbook', 'playbooks/gitea-deploy.yml'], exitCode: 0, durationMs: 1200, transcript: '.certify/gitea/runs/2025-step1.log' };
    const actions = [
      action({ argv: [] }),
      action({ exitCode: 1.5, target: 'cloud' }),
      action({ transcript: '.certify/gitea/runs/../../../etc/passwd' }),
      action({ transcript: '/tmp/x.log' }),
      action({ argv: ['ansible-playbook', 3], durationMs: -1 }),
      action(good),
    ];
    const run = { startedAt: T0, outcome: 'running', actions };
    const r = damage(fresh(), { 'steps.implement': { status: 'running', startedAt: T0, criteria: {}, runs: [run] } });
    const at = 'steps.implement.runs[0].actions';
    assert.deepEqual(problemsOf(r), [
      `${at}[0].argv: expected at least the program name`,
      `${at}[1].target: expected one of 'local', 'proxmox', 'container', 'vantage', 'api', got 'cloud'`,
      `${at}[1].exitCode: expected a whole number, got 1.5`,
      `${at}[2].transcript: expected a path under .certify/gitea/runs/ (forward slashes, no '..'), got '.certify/gitea/runs/../../../etc/passwd'`,
      `${at}[3].transcript: expected a path under .certify/gitea/runs/ (forward slashes, no '..'), got '/tmp/x.log'`,
      `${at}[4].argv[1]: expected a string`,
      `${at}[4].durationMs: must be at least 0, got -1`,
    ]);
  });

  test("a run's runner: a user@host string, or absent in runs recorded before Certify named it", () => {
    const runs = [
      { startedAt: T0, finishedAt: T1, outcome: 'failed', actions: [] },
      { startedAt: T1, finishedAt: T1, by: 'alice@admin01', outcome: 'failed', actions: [] },
      { startedAt: T1, finishedAt: T1, by: 42, outcome: 'failed', actions: [] },
      { startedAt: T1, finishedAt: T1, by: '', outcome: 'failed', actions: [] },
    ];
    const r = damage(fresh(), { 'steps.implement': { status: 'failed', reason: 'x', startedAt: T0, finishedAt: T1, criteria: {}, runs } });
    assert.deepEqual(problemsOf(r), ['steps.implement.runs[2].by: expected a non-empty string, got 42', "steps.implement.runs[3].by: expected a non-empty string, got ''"]);
  });

  test('metrics: unknown ones, impossible values, and a step that does not measure them', () => {
    const r = damage(fresh(), {
      metrics: {
        uptime: { value: 1, measuredAt: T0, step: 'implement' },
        'external-test-success': { value: 101, measuredAt: T0, step: 'restore-verify' },
        rto: { value: 60, measuredAt: T0, step: 'implement' },
      },
    });
    assert.deepEqual(problemsOf(r), [
      'metrics.uptime: unknown metric; expected one of deploy-time, rto, rpo, backup-size, idempotency, external-test-success',
      'metrics.external-test-success.value: must be at most 100, got 101',
      'metrics.rto.step: implement does not measure rto',
    ]);
  });

  test('a verified backup needs its verification time; an unverified one has none', () => {
    const withBackup = (backup: object): unknown => damage(fresh(), { backup });
    assert.deepEqual(problemsOf(withBackup({ timestamp: 't', location: '/var/backups', verified: true })), [
      'backup.verifiedAt: missing; a verified backup says when it was verified',
    ]);
    assert.deepEqual(problemsOf(withBackup({ timestamp: 't', location: '/var/backups', verified: false, verifiedAt: T0 })), [
      'backup.verifiedAt: an unverified backup has no verification time',
    ]);
    assert.deepEqual(problemsOf(withBackup({ timestamp: '', location: '/var/backups', verified: 'yes' })), ["backup.timestamp: expected a non-empty string, got ''", "backup.verified: expected true or false, got 'yes'"]);
  });

  test('a flood of problems is capped with a count of the rest', () => {
    const r = damage(fresh(), { metrics: Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`m${i}`, 1])) });
    const problems = problemsOf(r);
    assert.equal(problems.length, 51);
    assert.equal(problems[50], '… and 30 more problems');
  });
});
