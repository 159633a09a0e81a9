// OpenSSH's known_hosts, read the way ssh reads it: plain names, comma lists, `[host]:port`,
// wildcards and `!negations`, hashed `|1|salt|hash` names, `@revoked` lines and comments.
// Pure: text and key blobs in, a verdict out; hostKeyCheck.ts does the file and the asking.

import { createHash, createHmac } from 'node:crypto';

export interface KnownHostLine {
  /** 1-based, for messages ("line 3"). */
  readonly line: number;
  readonly marker?: '@revoked' | '@cert-authority';
  /** The host field as written: a comma list of patterns, or one hashed name. */
  readonly hosts: string;
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict =
  | { readonly kind: 'known'; readonly line: number }
  | { readonly kind: 'revoked'; readonly line: number }
  /** Listed with another key of the same type: possibly an attack, never accepted. */
  | { readonly kind: 'changed'; readonly line: number; readonly knownKey: Buffer }
  /** Not listed with a key of this type (otherKeyTypes: the types it is listed with). */
  | { readonly kind: 'unknown'; readonly otherKeyTypes: readonly string[] };

/** Lines that are not comments, blank or malformed (ssh skips those too). */
export function parseKnownHosts(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const words = raw.trim().split(/\s+/);
    if (words[0] === '' || words[0].startsWith('#')) return;
    const marker = words[0] === '@revoked' || words[0] === '@cert-authority' ? words.shift() : undefined;
    const [hosts, keyType, base64] = words;
    if (hosts === undefined || keyType === undefined || base64 === undefined || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return;
    lines.push({ line: index + 1, ...(marker ? { marker: marker as KnownHostLine['marker'] } : {}), hosts, keyType, key: Buffer.from(base64, 'base64') });
  });
  return lines;
}

/** Whether a host field (`a,b,[c]:2222,!d`, `*.lab`, `|1|salt|hash`) names `name`. */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) return hashedNameMatches(field, name);
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false; // a matching negation wins over every other pattern
    matched = true;
  }
  return matched;
}

/** What known_hosts says about `name` showing `key`. Certificate authorities are not used. */
export function judgeHostKey(lines: readonly KnownHostLine[], name: string, key: Buffer): HostKeyVerdict {
  const type = keyTypeOf(key);
  const forHost = lines.filter((entry) => entry.marker !== '@cert-authority' && hostFieldMatches(entry.hosts, name));
  const revoked = forHost.find((entry) => entry.marker === '@revoked' && entry.key.equals(key));
  if (revoked) return { kind: 'revoked', line: revoked.line };
  const plain = forHost.filter((entry) => entry.marker === undefined);
  const same = plain.find((entry) => entry.key.equals(key));
  if (same) return { kind: 'known', line: same.line };
  const changed = plain.find((entry) => entry.keyType === type);
  if (changed) return { kind: 'changed', line: changed.line, knownKey: changed.key };
  return { kind: 'unknown', otherKeyTypes: [...new Set(plain.map((entry) => entry.keyType))] };
}

/** The key types known_hosts lists for `name`, so the handshake can ask the host for one of them. */
export function knownKeyTypes(lines: readonly KnownHostLine[], name: string): string[] {
  return [...new Set(lines.filter((entry) => entry.marker === undefined && hostFieldMatches(entry.hosts, name)).map((entry) => entry.keyType))];
}

/** The name ssh files a host under: `host` on port 22, else `[host]:port`. */
export function defaultKnownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The line that records `key` for `name`. */
export function knownHostsLine(name: string, key: Buffer): string {
  return `${name} ${keyTypeOf(key)} ${key.toString('base64')}`;
}

/** "SHA256:…" exactly as `ssh-keygen -lf` prints it: unpadded base64 of the blob's SHA-256. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name a public key blob starts with (an SSH string: uint32 length, bytes). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return length > 0 && 4 + length <= key.length ? key.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

/** "ED25519", "ECDSA", "RSA": the short name ssh-keygen and ssh's messages use. */
export function keyTypeLabel(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('ecdsa-')) return 'ECDSA';
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType === 'ssh-dss') return 'DSA';
  return keyType;
}

function hashedNameMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (salt === undefined || hash === undefined) return false;
  const expected = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.equals(Buffer.from(hash, 'base64'));
}

/** ssh's patterns: `*` any run of characters, `?` one; case-insensitive like host names. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}
