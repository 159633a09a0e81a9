// certify.yml's re-certification interval: `recertify_after_days`, a whole number of days from
// 1, checked by the schema where it is written; the engine reads the same values (core/freshness).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recertifyAfterDays } from '../../../../src/core/freshness';
import { parseYaml } from '../../../../src/yaml/parse';
import { assertMarks, findingsOf, onlyFinding } from './helpers';

describe('certify.yml: recertify_after_days', () => {
  test('a whole number of days from 1 is accepted, and is the interval the engine reads', () => {
    for (const value of ['1', '90', '365']) {
      const text = `recertify_after_days: ${value}\n`;
      assert.deepEqual(findingsOf(text, 'certify'), [], value);
      assert.equal(recertifyAfterDays(parseYaml('certify.yml', text, '1.2').documents[0]), Number(value));
    }
  });

  test('zero, a fraction, a negative number or a string is refused on the value, and the engine sets no interval', () => {
    for (const value of ['0', '1.5', '-30', '"90"', 'ninety']) {
      const text = `proxmox:\n  host: pve01\nrecertify_after_days: ${value}\n`;
      assertMarks(text, onlyFinding(text, 'certify'), 3, value);
      assert.equal(recertifyAfterDays(parseYaml('certify.yml', text, '1.2').documents[0]), undefined, value);
    }
  });
});
