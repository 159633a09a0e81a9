// The lab's option parsing against Perl's own Getopt::Long (perl-base, always on Debian),
// configured as pve-common's get_options configures it: the same options, leftover words and
// warnings for every case, so `pct` reads a command line exactly as Proxmox's pct would.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { getopt, type OptionArity } from '../../../../src/lab/pve/cli/getopt';

const SPEC: readonly (readonly [string, OptionArity, string])[] = [
  ['hostname', 'value', 'hostname=s'],
  ['memory', 'value', 'memory=s'],
  ['force', 'optionalValue', 'force:s'],
  ['delete', 'list', 'delete=s@'],
  ['net0', 'value', 'net0=s'],
  ['net1', 'value', 'net1=s'],
];

const CASES: readonly (readonly string[])[] = [
  ['100', '--hostname', 'web', 'tmpl', '--memory=256', '-net0', 'name=eth0'],
  ['--force', '--memory', '64'],
  ['--force', 'no'],
  ['--force'],
  ['--force='],
  ['--force', '-'],
  ['--force', '100'],
  ['--hostname', '-x'],
  ['--hostname', '--'],
  ['--delete', 'a', '--delete=b,c', '--memory', '1', '--memory', '2'],
  ['--host', 'a', '--MEM', '9'],
  ['--bogus'],
  ['--net', 'x'],
  ['--memory'],
  ['--memory='],
  ['100', '--force', '--', 'ls', '-la', '--hostname'],
  ['100', '-', '/etc/x'],
  ['-force', '1', 'x'],
  ['---force'],
  ['--force=yes', '--Force'],
];

// One line per case: options (sorted, lists joined by |), leftover words, warnings; fields
// separated by \x1f, groups by \x1e.
const PERL = String.raw`
use strict; use warnings; use Getopt::Long;
Getopt::Long::Configure('prefix_pattern=(--|-)');
my @specs = split(/,/, shift @ARGV);
while (my $line = <STDIN>) {
  chomp $line;
  my @args = split(/\x1f/, $line, -1);
  @args = () if $line eq '';
  my $opts = {}; my @warnings;
  local $SIG{__WARN__} = sub { my $m = shift; chomp $m; push @warnings, $m; };
  Getopt::Long::GetOptionsFromArray(\@args, $opts, @specs);
  my @pairs = map { my $v = $opts->{$_}; "$_=" . (ref($v) ? join('|', @$v) : $v) } sort keys %$opts;
  print join("\x1e", join("\x1f", @pairs), join("\x1f", @args), join("\x1f", @warnings)), "\n";
}
`;

function mine(argv: readonly string[]): string {
  const { options, rest, warnings } = getopt(argv, new Map(SPEC.map(([name, arity]) => [name, arity])));
  const pairs = [...options.keys()].sort().map((name) => {
    const value = options.get(name) as string | string[];
    return `${name}=${Array.isArray(value) ? value.join('|') : value}`;
  });
  return [pairs.join('\x1f'), rest.join('\x1f'), warnings.join('\x1f')].join('\x1e');
}

test("getopt agrees with Perl's Getopt::Long case by case", () => {
  const perl = spawnSync('perl', ['-e', PERL, SPEC.map(([, , spec]) => spec).join(',')], {
    input: CASES.map((argv) => argv.join('\x1f')).join('\n') + '\n',
    encoding: 'utf8',
  });
  assert.equal(perl.status, 0, perl.stderr);
  const theirs = perl.stdout.split('\n').slice(0, -1);
  assert.equal(theirs.length, CASES.length);
  CASES.forEach((argv, index) => assert.equal(mine(argv), theirs[index], `argv ${JSON.stringify(argv)}`));
});
