// Option parsing as Proxmox's Getopt::Long setup does it (prefix `--` or `-`, `=value`,
// optional values for booleans, abbreviations, permuted positional arguments, `--`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getopt, type OptionArity } from '../../../../src/lab/pve/cli/getopt';

const spec = new Map<string, OptionArity>([
  ['hostname', 'value'],
  ['memory', 'value'],
  ['force', 'optionalValue'],
  ['delete', 'list'],
  ['net0', 'value'],
  ['net1', 'value'],
]);

test('--key value, --key=value and -key value all set the option; words in between stay positional', () => {
  const { options, rest, warnings } = getopt(['100', '--hostname', 'web', 'tmpl', '--memory=256', '-net0', 'name=eth0'], spec);
  assert.deepEqual(Object.fromEntries(options), { hostname: 'web', memory: '256', net0: 'name=eth0' });
  assert.deepEqual(rest, ['100', 'tmpl']);
  assert.deepEqual(warnings, []);
});

test('an optional value is taken unless the next word is an option; alone it is empty', () => {
  assert.deepEqual(Object.fromEntries(getopt(['--force', '--memory', '64'], spec).options), { force: '', memory: '64' });
  assert.deepEqual(Object.fromEntries(getopt(['--force', 'no'], spec).options), { force: 'no' });
  assert.deepEqual(Object.fromEntries(getopt(['--force'], spec).options), { force: '' });
  assert.deepEqual(Object.fromEntries(getopt(['--force='], spec).options), { force: '' });
});

test('a mandatory value takes the next word even when it starts with a dash', () => {
  assert.deepEqual(Object.fromEntries(getopt(['--hostname', '-x'], spec).options), { hostname: '-x' });
});

test('list options collect; a scalar option given twice keeps the last value', () => {
  const { options } = getopt(['--delete', 'a', '--delete=b,c', '--memory', '1', '--memory', '2'], spec);
  assert.deepEqual(options.get('delete'), ['a', 'b,c']);
  assert.equal(options.get('memory'), '2');
});

test('unique abbreviations and any letter case name the option', () => {
  assert.deepEqual(Object.fromEntries(getopt(['--host', 'a', '--MEM', '9'], spec).options), { hostname: 'a', memory: '9' });
});

test("Getopt::Long's warnings: unknown, ambiguous, missing argument", () => {
  assert.deepEqual(getopt(['--bogus'], spec).warnings, ['Unknown option: bogus']);
  assert.deepEqual(getopt(['--net', 'x'], spec).warnings, ['Option net is ambiguous (net0, net1)']);
  assert.deepEqual(getopt(['--memory'], spec).warnings, ['Option memory requires an argument']);
  assert.deepEqual(getopt(['--memory='], spec).warnings, ['Option memory requires an argument']);
});

test('`--` ends the options: everything after it is positional, dashes included', () => {
  const { options, rest } = getopt(['100', '--force', '--', 'ls', '-la', '--hostname'], spec);
  assert.deepEqual(Object.fromEntries(options), { force: '' });
  assert.deepEqual(rest, ['100', 'ls', '-la', '--hostname']);
});

test('a lone dash is a positional word (stdin for pct push)', () => {
  assert.deepEqual(getopt(['100', '-', '/etc/x'], spec).rest, ['100', '-', '/etc/x']);
});
