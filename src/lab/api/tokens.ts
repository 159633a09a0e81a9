// The API tokens the lab's node accepts. `lab up` writes them to `<env>/api-tokens.json`
// (mode 600) as `{"tokens":[{"tokenid":"automation@pve!ansible","secret":"<uuid>"}]}`; the
// server re-reads the file when it changes, so a new token works without a restart.

import { createHash, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs/promises';

export interface ApiToken {
  /** `user@realm!tokenid` */
  readonly tokenid: string;
  readonly secret: string;
}

export interface ApiTokens {
  /** True when `tokenid` exists and `secret` is its secret (compared in constant time). */
  verify(tokenid: string, secret: string): Promise<boolean>;
}

/** Equal-length digests make the comparison take the same time whatever the secrets are. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function checkOne(tokens: readonly ApiToken[], tokenid: string, secret: string): boolean {
  // Every token is compared, so the time does not tell which token ids exist either.
  let ok = false;
  for (const token of tokens) {
    const secretMatches = sameSecret(secret, token.secret);
    if (token.tokenid === tokenid && secretMatches) ok = true;
  }
  return ok;
}

export function fixedTokens(tokens: readonly ApiToken[]): ApiTokens {
  return { verify: async (tokenid, secret) => checkOne(tokens, tokenid, secret) };
}

export function parseTokenFile(text: string): ApiToken[] {
  const parsed: unknown = JSON.parse(text);
  const list = (parsed as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(list)) throw new Error('api-tokens.json has no "tokens" list');
  return list.map((entry: unknown, index) => {
    const { tokenid, secret } = (entry ?? {}) as { tokenid?: unknown; secret?: unknown };
    if (typeof tokenid !== 'string' || typeof secret !== 'string' || secret === '') {
      throw new Error(`api-tokens.json: token ${index + 1} needs a "tokenid" and a non-empty "secret"`);
    }
    return { tokenid, secret };
  });
}

/**
 * Tokens read from a file, re-read whenever its inode, size or mtime changes. A missing or
 * broken file accepts no token at all (the failure is reported once per change through `warn`).
 */
export function tokenFile(file: string, warn: (message: string) => void = () => undefined): ApiTokens {
  let seen = '';
  let tokens: readonly ApiToken[] = [];
  async function current(): Promise<readonly ApiToken[]> {
    let stamp: string;
    try {
      const stat = await fs.stat(file);
      stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === seen) return tokens;
    seen = stamp;
    try {
      tokens = stamp === 'missing' ? [] : parseTokenFile(await fs.readFile(file, 'utf8'));
      if (stamp === 'missing') warn(`no API token file at ${file}: every token is refused`);
    } catch (error) {
      tokens = [];
      warn(`cannot use ${file} (${(error as Error).message}): every token is refused`);
    }
    return tokens;
  }
  return { verify: async (tokenid, secret) => checkOne(await current(), tokenid, secret) };
}
