// The Success Metrics table, its overrides and how values read.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_TARGETS,
  formatMetric,
  formatThreshold,
  GB,
  mergeTargets,
  METRIC_IDS,
  METRICS,
  type TargetOverrides,
  type Targets,
} from '../../../src/core/targets';

const merged = (...args: (TargetOverrides | undefined)[]): Targets => {
  const result = mergeTargets(DEFAULT_TARGETS, ...args);
  if (!result.ok) assert.fail(result.problems.join('\n'));
  return result.targets;
};
const problems = (...args: (TargetOverrides | undefined)[]): string[] => {
  const result = mergeTargets(DEFAULT_TARGETS, ...args);
  if (result.ok) assert.fail('expected the override to be rejected');
  return result.problems;
};

describe('targets: the seed table', () => {
  test('six metrics with units and directions; only external test success is higher-is-better', () => {
    assert.deepEqual([...METRIC_IDS], ['deploy-time', 'rto', 'rpo', 'backup-size', 'idempotency', 'external-test-success']);
    assert.deepEqual(
      METRIC_IDS.map((m) => [m, METRICS[m].unit, METRICS[m].direction]),
      [
        ['deploy-time', 'seconds', 'lower-is-better'],
        ['rto', 'seconds', 'lower-is-better'],
        ['rpo', 'seconds', 'lower-is-better'],
        ['backup-size', 'bytes', 'lower-is-better'],
        ['idempotency', 'changes', 'lower-is-better'],
        ['external-test-success', 'percent', 'higher-is-better'],
      ],
    );
  });

  test('thresholds equal the seed table, with its strict and inclusive bounds', () => {
    assert.deepEqual(DEFAULT_TARGETS, {
      'deploy-time': { target: { limit: 5 * 60, inclusive: false }, acceptable: { limit: 10 * 60, inclusive: false } },
      rto: { target: { limit: 15 * 60, inclusive: false }, acceptable: { limit: 30 * 60, inclusive: false } },
      rpo: { target: { limit: 3600, inclusive: false }, acceptable: { limit: 24 * 3600, inclusive: false } },
      'backup-size': { target: { limit: 1024 ** 3, inclusive: false }, acceptable: { limit: 5 * 1024 ** 3, inclusive: false } },
      idempotency: { target: { limit: 0, inclusive: true }, acceptable: { limit: 1, inclusive: true } },
      'external-test-success': { target: { limit: 100, inclusive: true }, acceptable: { limit: 95, inclusive: false } },
    });
    assert.ok(Object.isFrozen(DEFAULT_TARGETS) && Object.isFrozen(DEFAULT_TARGETS.rto.target));
  });
});

describe('targets: overrides', () => {
  test('a partial override changes only what it names and keeps the seed inclusivity', () => {
    const t = merged({ 'deploy-time': { target: 180 } });
    assert.deepEqual(t['deploy-time'], { target: { limit: 180, inclusive: false }, acceptable: { limit: 600, inclusive: false } });
    assert.deepEqual(t.rto, DEFAULT_TARGETS.rto);
    assert.equal(DEFAULT_TARGETS['deploy-time'].target.limit, 300, 'the base is untouched');
    assert.ok(Object.isFrozen(t) && Object.isFrozen(t['deploy-time'].target));
  });

  test('per-repo then per-service: later overrides win; undefined overrides are skipped', () => {
    const repo = { rto: { target: 600, acceptable: 1200 }, 'backup-size': { acceptable: 10 * GB } };
    const service = { rto: { acceptable: 900 } };
    const t = merged(repo, undefined, service);
    assert.equal(t.rto.target.limit, 600);
    assert.equal(t.rto.acceptable.limit, 900);
    assert.equal(t['backup-size'].acceptable.limit, 10 * GB);
  });

  test('a target looser than acceptable is rejected, naming the metric and the override', () => {
    assert.deepEqual(problems({ 'deploy-time': { target: 900 } }), [
      "targets override 1: deploy-time: target (< 15m) is looser than acceptable (< 10m); make the target at least as strict as acceptable.",
    ]);
    // The second override breaks what the first set up; the message blames the second.
    const second = problems({ rpo: { target: 7200 } }, { rpo: { acceptable: 3600 } });
    assert.equal(second.length, 1);
    assert.match(second[0], /^targets override 2: rpo: target \(< 2h\) is looser than acceptable \(< 1h\)/);
    // Higher is better: a target of 90% is looser than an acceptable > 95%.
    assert.match(problems({ 'external-test-success': { target: 90 } })[0], /external-test-success: target \(>= 90%\) is looser than acceptable \(> 95%\)/);
  });

  test('equal limits are allowed unless the target would admit a value acceptable rejects', () => {
    assert.equal(merged({ 'deploy-time': { target: 600 } })['deploy-time'].target.limit, 600);
    assert.equal(merged({ idempotency: { target: 1 } }).idempotency.target.limit, 1);
    // ">= 100%" admits 100, "> 100%" does not.
    assert.match(problems({ 'external-test-success': { acceptable: 100 } })[0], /target \(>= 100%\) is looser than acceptable \(> 100%\)/);
  });

  test('bad values and unknown names are rejected with what was expected', () => {
    const bad = problems(
      { 'deploy-tme': { target: 1 } },
      { rto: { target: -5 } },
      { 'external-test-success': { acceptable: 120 } },
      { idempotency: { acceptable: 1.5 } },
      { rpo: { target: '1h' as unknown as number } },
      { rto: { target: 60, warn: 5 } as unknown as { target: number } },
    );
    assert.deepEqual(bad, [
      "targets override 1: unknown metric 'deploy-tme'; expected one of deploy-time, rto, rpo, backup-size, idempotency, external-test-success.",
      'targets override 2: rto.target: must not be negative, got -5.',
      'targets override 3: external-test-success.acceptable: a percentage cannot exceed 100, got 120.',
      'targets override 4: idempotency.acceptable: a change count must be a whole number, got 1.5.',
      "targets override 5: rpo.target: expected a number of seconds, got '1h'.",
      "targets override 6: rto: unknown setting 'warn'; expected 'target' or 'acceptable'.",
    ]);
  });
});

describe('targets: formatting', () => {
  test('durations read as the seed writes them', () => {
    const d = (s: number): string => formatMetric('deploy-time', s);
    assert.equal(d(252), '4m12s');
    assert.equal(d(45), '45s');
    assert.equal(d(4.5), '4.5s');
    assert.equal(d(0), '0s');
    assert.equal(d(59.96), '1m');
    assert.equal(d(600), '10m');
    assert.equal(d(605), '10m05s');
    assert.equal(formatMetric('rpo', 3600), '1h');
    assert.equal(formatMetric('rpo', 3900), '1h05m');
    assert.equal(formatMetric('rpo', 86400), '24h');
  });

  test('sizes in du units; counts as Ansible prints them; percentages trimmed', () => {
    const b = (n: number): string => formatMetric('backup-size', n);
    assert.equal(b(0), '0 B');
    assert.equal(b(512), '512 B');
    assert.equal(b(1024), '1 KB');
    assert.equal(b(1.2 * GB), '1.2 GB');
    assert.equal(b(5 * GB), '5 GB');
    assert.equal(b(1023.96 * 1024 ** 2), '1 GB');
    assert.equal(b(3.5 * 1024 ** 2), '3.5 MB');
    assert.equal(formatMetric('idempotency', 0), 'changed=0');
    assert.equal(formatMetric('external-test-success', 97.5), '97.5%');
    assert.equal(formatMetric('external-test-success', 100), '100%');
    assert.equal(formatMetric('external-test-success', 95.04), '95.04%');
  });

  test('thresholds read with their comparison', () => {
    assert.equal(formatThreshold('deploy-time', DEFAULT_TARGETS['deploy-time'].target), '< 5m');
    assert.equal(formatThreshold('backup-size', DEFAULT_TARGETS['backup-size'].acceptable), '< 5 GB');
    assert.equal(formatThreshold('idempotency', DEFAULT_TARGETS.idempotency.acceptable), 'changed <= 1');
    assert.equal(formatThreshold('external-test-success', DEFAULT_TARGETS['external-test-success'].target), '>= 100%');
    assert.equal(formatThreshold('external-test-success', DEFAULT_TARGETS['external-test-success'].acceptable), '> 95%');
  });
});
