// Who is asking: Proxmox's token header, read the way pve-http-server and pve-access-control
// read it. The header value after `PVEAPIToken=` is `USER@REALM!TOKENID=SECRET`, split on the
// LAST `=` (verify_token's greedy regex). The lab has no password logins and no tickets.

import { HttpFailure } from './reply';
import type { ApiTokens } from './tokens';

/** `extract_auth_value($header, 'PVEAPIToken')` */
const TOKEN_HEADER = /(?:^|\s)PVEAPIToken(?:=| )([^;]*)/;
/** pve-access-control: userid `name@realm`, token id after `!`. */
const TOKEN_ID = /^([^\s:/@]+@[A-Za-z][A-Za-z0-9.\-_]+)!([A-Za-z][A-Za-z0-9.\-_]+)$/;

export const NO_TICKET = 'No ticket';
export const AUTHENTICATION_FAILED = 'Authentication failed!';

export interface ApiTokenValue {
  readonly tokenid: string;
  readonly secret: string;
}

/** The token in an Authorization header; undefined when there is none (→ 401 No ticket). */
export function extractApiToken(authorization: string | undefined): string | undefined {
  const value = authorization === undefined ? undefined : TOKEN_HEADER.exec(authorization)?.[1];
  return value === undefined || value === '' ? undefined : value;
}

/** Splits `user@realm!tokenid=secret` on the last `=`; undefined when it has no `=` or a bad token id. */
export function splitApiToken(value: string): ApiTokenValue | undefined {
  const match = /^(.*)=(.*)$/s.exec(value);
  if (match === null) return undefined;
  const [, tokenid = '', secret = ''] = match;
  return TOKEN_ID.test(tokenid) ? { tokenid, secret } : undefined;
}

/** The caller's identity (`user@realm!tokenid`), or an HttpFailure 401 as Proxmox words it. */
export async function authenticate(headers: { authorization?: string; cookie?: string }, tokens: ApiTokens): Promise<string> {
  const value = extractApiToken(headers.authorization);
  if (value === undefined) {
    // A ticket cookie is looked at, and fails: the lab issues no tickets.
    if (headers.cookie !== undefined && /(?:^|\s|;)PVEAuthCookie=[^;]/.test(headers.cookie)) throw new HttpFailure(401, AUTHENTICATION_FAILED, true);
    throw new HttpFailure(401, NO_TICKET, true);
  }
  const token = splitApiToken(value);
  if (token === undefined || !(await tokens.verify(token.tokenid, token.secret))) throw new HttpFailure(401, AUTHENTICATION_FAILED, true);
  return token.tokenid;
}
