// The `targets` section as written (snake_case, "5m", "1GB") converted to core's overrides
// (metric ids, seconds, bytes), and merged by core as the seed table expects.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDuration, parseSize, parseTargets } from '../../../../src/check/schema';
import { DEFAULT_TARGETS, GB, mergeTargets } from '../../../../src/core/targets';

describe('target values', () => {
  test('durations: numbers are seconds; strings combine d, h, m, s', () => {
    assert.equal(parseDuration(300), 300);
    assert.equal(parseDuration('90s'), 90);
    assert.equal(parseDuration('5m'), 300);
    assert.equal(parseDuration('1h30m'), 5_400);
    assert.equal(parseDuration('1.5h'), 5_400);
    assert.equal(parseDuration('2d'), 172_800);
    assert.equal(parseDuration('1d2h3m4s'), 93_784);
    for (const bad of ['5', '5 m', '5min', 'm', '', '30m1h', '-5m', null, true, {}]) assert.equal(parseDuration(bad), undefined, String(bad));
  });

  test('sizes: numbers are bytes; units are binary, GB = GiB = 1024³ as core counts', () => {
    assert.equal(parseSize(1_000), 1_000);
    assert.equal(parseSize('1GB'), GB);
    assert.equal(parseSize('1GiB'), GB);
    assert.equal(parseSize('512MiB'), 512 * 1024 ** 2);
    assert.equal(parseSize('512MB'), 512 * 1024 ** 2);
    assert.equal(parseSize('1.5 GiB'), 1.5 * GB);
    assert.equal(parseSize('2TB'), 2 * 1024 ** 4);
    assert.equal(parseSize('10KB'), 10_240);
    assert.equal(parseSize('7B'), 7);
    for (const bad of ['1gb', '1 G', 'GB', '1e3GB', '', null]) assert.equal(parseSize(bad), undefined, String(bad));
  });

  test('keys become metric ids and values internal units', () => {
    assert.deepEqual(
      parseTargets({
        deploy_time: { target: '5m', acceptable: 600 },
        rto: { target: '15m' },
        rpo: { acceptable: '1d' },
        backup_size: { target: '512MB', acceptable: '2GB' },
        idempotency: { target: 0, acceptable: 1 },
        external_test_success: { target: 100, acceptable: 95 },
      }),
      {
        'deploy-time': { target: 300, acceptable: 600 },
        rto: { target: 900 },
        rpo: { acceptable: 86_400 },
        'backup-size': { target: 512 * 1024 ** 2, acceptable: 2 * GB },
        idempotency: { target: 0, acceptable: 1 },
        'external-test-success': { target: 100, acceptable: 95 },
      },
    );
  });

  test('the result merges into the seed table', () => {
    const merged = mergeTargets(DEFAULT_TARGETS, parseTargets({ deploy_time: { target: '4m', acceptable: '8m' }, backup_size: { acceptable: '10GB' } }));
    assert.ok(merged.ok);
    assert.equal(merged.targets['deploy-time'].target.limit, 240);
    assert.equal(merged.targets['deploy-time'].acceptable.limit, 480);
    assert.equal(merged.targets['backup-size'].acceptable.limit, 10 * GB);
  });

  test('what cannot be converted is passed on, so core reports it in its own words', () => {
    const overrides = parseTargets({ uptime: { target: 1 }, rto: { target: 'soon', goal: 5 } });
    assert.deepEqual(overrides, { uptime: { target: 1 }, rto: { target: 'soon', goal: 5 } });
    const merged = mergeTargets(DEFAULT_TARGETS, overrides);
    assert.ok(!merged.ok);
    assert.equal(merged.problems.length, 3);
  });

  test('no targets, or not a mapping: no overrides', () => {
    assert.deepEqual(parseTargets(undefined), {});
    assert.deepEqual(parseTargets(null), {});
    assert.deepEqual(parseTargets([1, 2]), {});
    assert.deepEqual(parseTargets('5m'), {});
  });
});
