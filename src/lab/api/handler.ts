// The lab's Proxmox API as one request listener, pure routing over a PveNode: authentication,
// then the route, then its parameters, then the node — in the order pveproxy checks them, so a
// bad token is 401 whatever the path, and an unknown path is 501 only for a caller who got in.
// The server (server.ts) puts it behind HTTPS; tests drive it in-process.

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

import { PveError, type PveNode } from '../pve/pveNode';
import { authenticate } from './auth';
import { readParams } from './params';
import { HttpFailure, sendEmpty, sendError, sendResult } from './reply';
import { matchRoute } from './routes';
import type { ApiTokens } from './tokens';

export interface ApiHandlerOptions {
  /** Proxmox holds every 401 for 3 s to slow down guessing; tests shorten it. */
  readonly authFailureDelayMs?: number;
  /** SHA-256 fingerprint of the certificate served, for `GET /nodes`. */
  readonly sslFingerprint?: string;
  /** One line per request (method, path, status); default: none. */
  readonly log?: (line: string) => void;
}

export const AUTH_FAILURE_DELAY_MS = 3000;
const API_PREFIX = '/api2/json';

/** Splits the path after /api2/json into decoded segments (a UPID's `:` `@` `!` may come escaped). */
function segmentsOf(pathname: string): string[] | undefined {
  if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) return undefined;
  try {
    return pathname.slice(API_PREFIX.length).split('/').filter((part) => part !== '').map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** `POST /access/ticket` is Proxmox's password login; the lab has none (tokens only). */
function isLogin(method: string, segments: readonly string[]): boolean {
  return segments.join('/') === 'access/ticket' && (method === 'POST' || method === 'GET');
}

export function createApiHandler(node: PveNode, tokens: ApiTokens, options: ApiHandlerOptions = {}): RequestListener {
  const delay = options.authFailureDelayMs ?? AUTH_FAILURE_DELAY_MS;
  const log = options.log ?? (() => undefined);

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'https://lab.invalid');
    const segments = segmentsOf(url.pathname);
    if (segments === undefined) throw new HttpFailure(404, 'Not found', true);
    if (isLogin(method, segments)) {
      // The same failure a wrong password gets (pve-access-control create_ticket), after the same delay.
      await new Promise((resolve) => setTimeout(resolve, delay));
      throw new PveError('authentication failure\n', 401);
    }
    const user = await authenticate(req.headers, tokens).catch(async (error: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      throw error;
    });
    const match = matchRoute(method, segments);
    if (match === undefined) throw new HttpFailure(501, `Method '${method} /${segments.join('/')}' not implemented`);
    const params = { ...(await readParams(req, url)), ...match.pathParams };
    const result = await match.route.run({
      node,
      params,
      caller: { user },
      ...(options.sslFingerprint === undefined ? {} : { sslFingerprint: options.sslFingerprint }),
    });
    sendResult(res, result);
    return 200;
  }

  return (req, res) => {
    answer(req, res)
      .catch((error: unknown) => {
        if (res.headersSent) {
          // Too late for an error answer: cut the connection so the client sees a failure.
          res.destroy();
          return 500;
        }
        if (error instanceof HttpFailure) {
          if (error.emptyBody) sendEmpty(res, error.status, error.message);
          else sendError(res, error.status, error.message);
          return error.status;
        }
        if (error instanceof PveError) {
          sendError(res, error.httpStatus, error.message, error.errors);
          return error.httpStatus;
        }
        // Anything else is a plain `die` to Proxmox: 500 with its message.
        sendError(res, 500, error instanceof Error ? error.message : String(error));
        return 500;
      })
      .then((status) => log(`${req.method ?? '?'} ${req.url ?? '?'} ${status}`))
      .catch(() => undefined);
  };
}
