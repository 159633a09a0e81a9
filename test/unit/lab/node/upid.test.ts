// Task ids as Proxmox writes and reads them, and where their logs live.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatUpid, parseUpid, pstartFromStat, taskLogRelativePath } from '../../../../src/lab/pve/node/upid';

describe('UPID', () => {
  const upid = { node: 'pve01', pid: 0x1f2e, pstart: 0x1a2b3c, starttime: 0x6798d4a5, type: 'vzcreate', id: '100', user: 'root@pam' };

  test('format: upper-case hex, 8 digits, trailing colon', () => {
    assert.equal(formatUpid(upid), 'UPID:pve01:00001F2E:001A2B3C:6798D4A5:vzcreate:100:root@pam:');
    assert.equal(formatUpid({ ...upid, pstart: 0x123456789 }), 'UPID:pve01:00001F2E:123456789:6798D4A5:vzcreate:100:root@pam:');
  });

  test('parse reads back what format wrote, tokens included; anything else is not a UPID', () => {
    assert.deepEqual(parseUpid(formatUpid(upid)), upid);
    const token = { ...upid, user: 'root@pam!certify' };
    assert.deepEqual(parseUpid(formatUpid(token)), token);
    assert.equal(parseUpid('UPID:pve01:1F2E:001A2B3C:6798D4A5:vzcreate:100:root@pam:'), undefined);
    assert.equal(parseUpid('UPID:pve01:00001F2E:001A2B3C:6798D4A5:vzcreate:100:root@pam'), undefined);
    assert.equal(parseUpid('not a upid'), undefined);
  });

  test('the log lives under the last hex digit of starttime', () => {
    assert.equal(taskLogRelativePath(formatUpid(upid)), `5/${formatUpid(upid)}`);
  });

  test('pstart is field 22 of /proc/PID/stat, even with spaces and parens in the name', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[19] = '987654';
    assert.equal(pstartFromStat(`42 (a (weird) name) ${fields.join(' ')}`), 987654);
  });
});
