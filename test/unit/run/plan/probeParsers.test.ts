// The readers of probe output accept what the tools really print and nothing else.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  fingerprintDifferences,
  parseCurlStatus,
  parseDigAddresses,
  parseFingerprint,
  parseNotAfter,
  parsePctConfig,
  parsePctStatus,
} from '../../../../src/run/plan/probeParsers';

describe('probe parsers', () => {
  test('curl status lines, and a failed connection (000)', () => {
    assert.deepEqual(parseCurlStatus('200 172.16.10.65\n'), { status: 200, remoteIp: '172.16.10.65' });
    assert.deepEqual(parseCurlStatus('000 \n'), { status: 0, remoteIp: '' });
    assert.equal(parseCurlStatus('<html>'), undefined);
  });

  test('pct status and pct config as Proxmox prints them', () => {
    assert.equal(parsePctStatus('status: running\n'), 'running');
    assert.equal(parsePctStatus("Configuration file 'nodes/pve01/lxc/165.conf' does not exist\n"), undefined);
    const config = parsePctConfig('arch: amd64\nonboot: 1\nprotection: 1\nnet0: name=eth0,ip=172.16.10.65/24\n\n[snap1]\nonboot: 0\n');
    assert.deepEqual(config, { arch: 'amd64', onboot: '1', protection: '1', net0: 'name=eth0,ip=172.16.10.65/24' });
  });

  test("openssl's notAfter, with the day padded as openssl pads it", () => {
    assert.equal(parseNotAfter('notAfter=Mar  4 23:00:00 2027 GMT\nsubject=CN = notes.example.net\n')?.toISOString(), '2027-03-04T23:00:00.000Z');
    assert.equal(parseNotAfter('unable to load certificate'), undefined);
  });

  test('dig +short: addresses only', () => {
    assert.deepEqual(parseDigAddresses('edge.example.net.\n203.0.113.7\n2001:db8::1\n;; connection timed out\n'), ['203.0.113.7', '2001:db8::1']);
  });

  test('the verify script\'s last line is the fingerprint; anything else is not', () => {
    const line = '{"notes":{"count":200,"bytes":234727,"sha256":"ab"},"tags":{"count":20,"bytes":520}}';
    assert.deepEqual(parseFingerprint(`✓ verified\n${line}\n`), { notes: { count: 200, bytes: 234727, sha256: 'ab' }, tags: { count: 20, bytes: 520 } });
    assert.equal(parseFingerprint(`${line}\nmore text\n`), undefined);
    assert.equal(parseFingerprint('{"notes":{"count":"200","bytes":1}}'), undefined);
    assert.equal(parseFingerprint('{}'), undefined);
  });

  test('fingerprint differences name the kind and what changed', () => {
    const before = { notes: { count: 2, bytes: 10, sha256: 'a' }, tags: { count: 1, bytes: 3 } };
    assert.deepEqual(fingerprintDifferences(before, before), []);
    assert.deepEqual(fingerprintDifferences(before, { notes: { count: 2, bytes: 10, sha256: 'b' } }), [
      'notes: same count and size, different content (checksum)',
      'tags: missing after the restore',
    ]);
    assert.deepEqual(fingerprintDifferences(before, { notes: { count: 1, bytes: 5, sha256: 'a' }, tags: { count: 1, bytes: 3 } }), ['notes: 2 → 1 items']);
  });
});
