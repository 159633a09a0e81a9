// Grading against the seed table, with the boundary rule: a value on a bound grades the way
// the table's wording reads ("< 10 min" excludes 10 min; "0 changes" and "100%" include them).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gradeMetric, gradeMetrics, worstGrade } from '../../../src/core/grading';
import { DEFAULT_TARGETS, GB, mergeTargets, type MetricId } from '../../../src/core/targets';

const grade = (metric: MetricId, value: number): string => gradeMetric(metric, value).grade;

describe('grading: the seed table', () => {
  test('deployment time: < 5 min target, < 10 min acceptable, else warning', () => {
    assert.equal(grade('deploy-time', 252), 'target');
    assert.equal(grade('deploy-time', 299.9), 'target');
    assert.equal(grade('deploy-time', 300), 'acceptable');
    assert.equal(grade('deploy-time', 599), 'acceptable');
    assert.equal(grade('deploy-time', 600), 'warning');
    assert.equal(grade('deploy-time', 1200), 'warning');
  });

  test('RTO and RPO: exactly on a bound is the next band down', () => {
    assert.equal(grade('rto', 899), 'target');
    assert.equal(grade('rto', 900), 'acceptable');
    assert.equal(grade('rto', 1800), 'warning');
    assert.equal(grade('rpo', 3599), 'target');
    assert.equal(grade('rpo', 3600), 'acceptable');
    assert.equal(grade('rpo', 86399), 'acceptable');
    assert.equal(grade('rpo', 86400), 'warning');
  });

  test('backup size: < 1 GB target, < 5 GB acceptable', () => {
    assert.equal(grade('backup-size', 200 * 1024 ** 2), 'target');
    assert.equal(grade('backup-size', GB), 'acceptable');
    assert.equal(grade('backup-size', 5 * GB - 1), 'acceptable');
    assert.equal(grade('backup-size', 5 * GB), 'warning');
  });

  test('idempotency: 0 changes target, 1 change acceptable, more is a warning', () => {
    assert.equal(grade('idempotency', 0), 'target');
    assert.equal(grade('idempotency', 1), 'acceptable');
    assert.equal(grade('idempotency', 2), 'warning');
  });

  test('external test success: higher is better; 100% target, > 95% acceptable, 95% itself a warning', () => {
    assert.equal(grade('external-test-success', 100), 'target');
    assert.equal(grade('external-test-success', 99.99), 'acceptable');
    assert.equal(grade('external-test-success', 95.1), 'acceptable');
    assert.equal(grade('external-test-success', 95), 'warning');
    assert.equal(grade('external-test-success', 40), 'warning');
  });

  test('a grade carries the deciding bound and reads as a sentence', () => {
    const good = gradeMetric('deploy-time', 252);
    assert.deepEqual(good.threshold, DEFAULT_TARGETS['deploy-time'].target);
    assert.equal(good.formatted, '4m12s');
    assert.equal(good.summary, '4m12s (target < 5m)');
    const ok = gradeMetric('idempotency', 1);
    assert.deepEqual(ok.threshold, DEFAULT_TARGETS.idempotency.acceptable);
    assert.equal(ok.summary, 'changed=1 (acceptable changed <= 1)');
    const bad = gradeMetric('rto', 2400);
    assert.deepEqual(bad.threshold, DEFAULT_TARGETS.rto.acceptable, 'a warning names the acceptable bound it missed');
    assert.equal(bad.summary, '40m (warning: acceptable is < 30m)');
  });

  test('overridden targets change the grade', () => {
    const merged = mergeTargets(DEFAULT_TARGETS, { 'deploy-time': { target: 120, acceptable: 240 } });
    assert.ok(merged.ok);
    assert.equal(gradeMetric('deploy-time', 200, merged.targets).grade, 'acceptable');
    assert.equal(gradeMetric('deploy-time', 252, merged.targets).grade, 'warning');
  });

  test('a non-finite value is a bug upstream and throws', () => {
    assert.throws(() => gradeMetric('rto', Number.NaN), /rto value must be a finite number/);
    assert.throws(() => gradeMetric('rpo', Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('grading: a record', () => {
  test('grades what was measured, in table order, with when and where', () => {
    const graded = gradeMetrics({
      rto: { value: 700, measuredAt: '2025-03-01T12:00:00.000Z', step: 'restore-verify' },
      'deploy-time': { value: 400, measuredAt: '2025-03-01T10:00:00.000Z', step: 'recreate' },
    });
    assert.deepEqual(
      graded.map((g) => [g.metric, g.grade, g.step, g.measuredAt]),
      [
        ['deploy-time', 'acceptable', 'recreate', '2025-03-01T10:00:00.000Z'],
        ['rto', 'target', 'restore-verify', '2025-03-01T12:00:00.000Z'],
      ],
    );
    assert.deepEqual(gradeMetrics({}), []);
  });

  test('the worst grade summarises a list', () => {
    assert.equal(worstGrade([]), undefined);
    assert.equal(worstGrade([{ grade: 'target' }, { grade: 'target' }]), 'target');
    assert.equal(worstGrade([{ grade: 'target' }, { grade: 'acceptable' }]), 'acceptable');
    assert.equal(worstGrade([{ grade: 'warning' }, { grade: 'acceptable' }]), 'warning');
  });
});
