// How the API answers, as Proxmox's HTTP server does (pve-http-server, format `json`): a
// result is `{"data": …}` (plus `total` for paged lists); an error carries its status, the
// first line of its message as the HTTP reason phrase, and `{"data":null,"message":"…\n"}`
// (plus `errors` for parameter errors). Authentication failures have an empty body.

import type { ServerResponse } from 'node:http';

export const JSON_TYPE = 'application/json;charset=UTF-8';

/** What a route returns: the `data` of the envelope and, for logs, `total`. */
export interface ApiResult {
  readonly data: unknown;
  readonly total?: number;
}

/** An answer that is not `PveError`-shaped: 401 and 501 from the server itself, 404 outside /api2/json. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Proxmox answers authentication failures with no body at all. */
    readonly emptyBody = false,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

/** Headers pveproxy sends with every API answer (no caching of API data). */
function commonHeaders(): Record<string, string> {
  return { 'Cache-Control': 'max-age=0', Pragma: 'no-cache', Expires: new Date().toUTCString(), Server: 'pve-api-daemon/3.0' };
}

/** A reason phrase must be one line of header-safe characters; Node throws on anything else. */
export function reasonPhrase(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? '';
  return firstLine.replace(/[^\t\x20-\x7e]/g, '?');
}

function send(res: ServerResponse, status: number, reason: string | undefined, body: string | undefined): void {
  const headers: Record<string, string | number> = commonHeaders();
  if (body !== undefined) headers['Content-Type'] = JSON_TYPE;
  headers['Content-Length'] = body === undefined ? 0 : Buffer.byteLength(body);
  if (reason === undefined) res.writeHead(status, headers);
  else res.writeHead(status, reason, headers);
  res.end(body);
}

export function sendResult(res: ServerResponse, result: ApiResult): void {
  const envelope: Record<string, unknown> = { data: result.data ?? null };
  if (result.total !== undefined) envelope.total = result.total;
  send(res, 200, 'OK', JSON.stringify(envelope));
}

export function sendError(res: ServerResponse, status: number, message: string, errors?: Readonly<Record<string, string>>): void {
  const text = message.endsWith('\n') ? message : `${message}\n`;
  const envelope: Record<string, unknown> = { data: null };
  if (errors !== undefined) envelope.errors = errors;
  envelope.message = text;
  send(res, status, reasonPhrase(text), JSON.stringify(envelope));
}

export function sendEmpty(res: ServerResponse, status: number, message: string): void {
  send(res, status, reasonPhrase(message), undefined);
}
