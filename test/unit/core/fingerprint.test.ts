// The test-data fingerprint as JSON: what the engine records and the report shows, read once.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprintFromJson } from '../../../src/core/fingerprint';

describe('fingerprintFromJson', () => {
  test('kinds with whole counts and sizes, a sha256 kept when it is a string', () => {
    assert.deepEqual(fingerprintFromJson('{"notes":{"count":250,"bytes":40960,"sha256":"ab"},"tags":{"count":12,"bytes":300,"sha256":7}}'), {
      notes: { count: 250, bytes: 40960, sha256: 'ab' },
      tags: { count: 12, bytes: 300 },
    });
  });

  test('anything else is no fingerprint: not JSON, not an object, a kind without whole numbers, no kind at all', () => {
    for (const text of ['', 'undefined', 'notes: 3', '[]', 'null', '{"notes":{"count":"3","bytes":1}}', '{"notes":{"count":1.5,"bytes":1}}', '{"notes":null}', '{}']) {
      assert.equal(fingerprintFromJson(text), undefined, text);
    }
  });
});
