// known_hosts read as OpenSSH reads it, checked against OpenSSH's own tools: fingerprints as
// ssh-keygen -l prints them, names as ssh-keygen -H hashes them.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  defaultKnownHostsName,
  fingerprint,
  hostFieldMatches,
  judgeHostKey,
  keyTypeOf,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts,
} from '../../../../src/run/exec/knownHosts';
import { makeKey } from './privateSshd';

const dir = mkdtempSync(path.join(os.tmpdir(), 'certify-known-hosts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh public key: its line ("type base64 comment") and blob. */
function publicKey(name: string, type: 'ed25519' | 'ecdsa' = 'ed25519'): { line: string; blob: Buffer; file: string } {
  const file = path.join(dir, name);
  const line = makeKey(file, type);
  return { line: line.split(' ').slice(0, 2).join(' '), blob: Buffer.from(line.split(' ')[1], 'base64'), file: `${file}.pub` };
}

const hostKey = publicKey('host');
const otherEd25519 = publicKey('other');
const ecdsa = publicKey('ecdsa', 'ecdsa');

describe('known_hosts', () => {
  test('fingerprints read as ssh-keygen -l prints them', () => {
    for (const key of [hostKey, ecdsa]) {
      const printed = execFileSync('ssh-keygen', ['-lf', key.file], { encoding: 'utf8' }).split(' ')[1];
      assert.equal(fingerprint(key.blob), printed);
    }
  });

  test('the key type comes from the blob itself', () => {
    assert.equal(keyTypeOf(hostKey.blob), 'ssh-ed25519');
    assert.equal(keyTypeOf(ecdsa.blob), 'ecdsa-sha2-nistp256');
    assert.equal(keyTypeOf(Buffer.from([0, 0, 0, 9, 1])), 'unknown');
    assert.equal(keyTypeOf(Buffer.alloc(2)), 'unknown');
  });

  test('comments, blank and malformed lines are skipped; line numbers stay true', () => {
    const lines = parseKnownHosts(['# a comment', '', '   ', 'only-a-name', 'bad ssh-ed25519 not*base64', `pve01 ${hostKey.line} comment here`, `  @revoked old ${otherEd25519.line}`].join('\n'));
    assert.deepEqual(
      lines.map((entry) => [entry.line, entry.marker ?? '', entry.hosts, entry.keyType]),
      [
        [6, '', 'pve01', 'ssh-ed25519'],
        [7, '@revoked', 'old', 'ssh-ed25519'],
      ],
    );
    assert.ok(lines[0].key.equals(hostKey.blob));
  });

  test('host fields: names, comma lists, [host]:port, wildcards, negations, any case', () => {
    assert.ok(hostFieldMatches('pve01', 'pve01'));
    assert.ok(hostFieldMatches('pve01,10.0.0.5', '10.0.0.5'));
    assert.ok(hostFieldMatches('[10.0.0.5]:2222', '[10.0.0.5]:2222'));
    assert.ok(!hostFieldMatches('[10.0.0.5]:2222', '10.0.0.5'));
    assert.ok(!hostFieldMatches('10.0.0.5', '[10.0.0.5]:2222'));
    assert.ok(hostFieldMatches('*.lab.example', 'pve01.lab.example'));
    assert.ok(hostFieldMatches('pve0?', 'PVE07'));
    assert.ok(!hostFieldMatches('*.lab.example,!bad.lab.example', 'bad.lab.example'));
    assert.ok(!hostFieldMatches('pve01.', 'pve01x'), 'a dot is a dot, not any character');
  });

  test('hashed names match as ssh-keygen -H hashes them, and only those', () => {
    const file = path.join(dir, 'hashed');
    writeFileSync(file, `pve01 ${hostKey.line}\n[10.0.0.5]:2222 ${hostKey.line}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const [first, second] = parseKnownHosts(readFileSync(file, 'utf8'));
    assert.match(first.hosts, /^\|1\|/);
    assert.ok(hostFieldMatches(first.hosts, 'pve01'));
    assert.ok(!hostFieldMatches(first.hosts, 'pve02'));
    assert.ok(hostFieldMatches(second.hosts, '[10.0.0.5]:2222'));
    assert.ok(!hostFieldMatches('|1|broken', 'pve01'));
  });

  test('verdicts: known, changed (same type, other key), unknown (other types only), revoked', () => {
    const lines = parseKnownHosts(
      [`pve01 ${hostKey.line}`, `pve02 ${otherEd25519.line}`, `pve03 ${ecdsa.line}`, `@revoked pve04 ${hostKey.line}`, `pve04 ${hostKey.line}`, `@cert-authority pve05 ${hostKey.line}`].join('\n'),
    );
    assert.deepEqual(judgeHostKey(lines, 'pve01', hostKey.blob), { kind: 'known', line: 1 });
    assert.deepEqual(judgeHostKey(lines, 'pve02', hostKey.blob), { kind: 'changed', line: 2, knownKey: otherEd25519.blob });
    assert.deepEqual(judgeHostKey(lines, 'pve03', hostKey.blob), { kind: 'unknown', otherKeyTypes: ['ecdsa-sha2-nistp256'] });
    assert.deepEqual(judgeHostKey(lines, 'pve04', hostKey.blob), { kind: 'revoked', line: 4 });
    assert.deepEqual(judgeHostKey(lines, 'pve05', hostKey.blob), { kind: 'unknown', otherKeyTypes: [] }, 'certificate authorities are not host keys');
    assert.deepEqual(knownKeyTypes(lines, 'pve03'), ['ecdsa-sha2-nistp256']);
  });

  test('a host listed with several keys is known by any of them', () => {
    const lines = parseKnownHosts(`pve01 ${otherEd25519.line}\npve01 ${hostKey.line}\n`);
    assert.deepEqual(judgeHostKey(lines, 'pve01', hostKey.blob), { kind: 'known', line: 2 });
  });

  test('names and lines are written as ssh writes them', () => {
    assert.equal(defaultKnownHostsName('pve01', 22), 'pve01');
    assert.equal(defaultKnownHostsName('127.0.0.1', 2222), '[127.0.0.1]:2222');
    const line = knownHostsLine('[127.0.0.1]:2222', hostKey.blob);
    assert.equal(line, `[127.0.0.1]:2222 ${hostKey.line}`);
    const file = path.join(dir, 'written');
    writeFileSync(file, `${line}\n`);
    assert.match(execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file], { encoding: 'utf8' }), /found: line 1/);
  });
});
