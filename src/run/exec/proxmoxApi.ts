// Runs API actions against the Proxmox API over HTTPS with an API token: argv is
// [METHOD, path, ...key=value] (see apiRequest.ts). The response body is stdout; a status other
// than 2xx is the exit code, with Proxmox's reason on stderr. No connection is kept: each
// request opens, verifies and closes its own (API actions are few, and a fresh handshake
// checks the certificate every time).

import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { apiRequestOf, describeApiRequest, type ApiRequest } from './apiRequest';
import { apiFailureReason } from './apiResponse';
import { openApiTls, trustOf } from './apiTls';
import { StreamCapture } from './capture';
import type { CommandResult, CommandSpec, EndedBy, Executor, RunOptions } from './executor';
import { apiLabel, type ProxmoxApiEndpoint } from './proxmoxApiEndpoint';

const DEFAULT_TIMEOUT_MS = 30_000;

export function createProxmoxApiExecutor(api: ProxmoxApiEndpoint): Executor {
  return {
    target: 'api',
    run: (spec, options) => runApiRequest(api, spec, options),
    describe: (spec) => describeApiRequest(api, spec),
    // Nothing stays open between requests.
    close: async () => {},
  };
}

async function runApiRequest(api: ProxmoxApiEndpoint, spec: CommandSpec, options: RunOptions = {}): Promise<CommandResult> {
  const started = performance.now();
  const stdout = new StreamCapture('stdout', options.onOutput);
  const stderr = new StreamCapture('stderr', options.onOutput);
  const finish = (ended: EndedBy, rest: Partial<CommandResult> = {}): CommandResult => {
    stdout.end();
    stderr.end();
    return { ended, exitCode: null, stdout: stdout.text(), stderr: stderr.text(), durationMs: performance.now() - started, ...rest };
  };

  const request = apiRequestOf(api, spec);
  if ('problem' in request) return finish('not-started', { problem: request.problem });
  const credentials = credentialsProblem(api);
  if (credentials !== undefined) return finish('not-started', { problem: credentials });
  const trust = await trustOf(api);
  if ('problem' in trust) return finish('not-started', { problem: trust.problem });
  if (options.signal?.aborted) return finish('cancelled', { problem: 'Cancelled before it started.' });

  const label = apiLabel(api);
  const stopper = watchStop(request, spec.timeoutMs ?? api.timeoutMs ?? DEFAULT_TIMEOUT_MS, label, options.signal);
  try {
    const connected = await openApiTls(request.url, trust, label, stopper.signal);
    if ('stopped' in connected) return finish(stopper.why().ended, { problem: stopper.why().problem });
    if ('problem' in connected) return finish('not-started', { problem: connected.problem });
    const exchanged = await exchange(connected.socket, request, api, stdout, stopper.signal);
    const stopped = stopper.stopped();
    if (stopped !== undefined) return finish(stopped.ended, { problem: stopped.problem });
    if ('lost' in exchanged) {
      return finish('disconnected', {
        problem: `Lost ${label} while ${request.summary} ran (${exchanged.lost}): its outcome is unknown. Check the node (its task log) before running it again.`,
      });
    }
    const ok = exchanged.status >= 200 && exchanged.status < 300;
    if (!ok) stderr.write(Buffer.from(`${apiFailureReason(exchanged.status, exchanged.statusMessage, stdout.text())}\n`));
    return finish('exited', { exitCode: ok ? 0 : exchanged.status });
  } finally {
    stopper.dispose();
  }
}

/** The token goes into a header: an empty part or a line break would make a request that cannot work. */
function credentialsProblem(api: ProxmoxApiEndpoint): string | undefined {
  if (!/^[^\s@!=]+@[^\s@!=]+![^\s@!=]+$/.test(api.tokenId)) {
    return `The API token id "${api.tokenId}" is not user@realm!tokenname (e.g. automation@pve!ansible): set PROXMOX_API_TOKEN_ID.`;
  }
  if (api.secret === '' || !/^[\x21-\x7e]+$/.test(api.secret)) {
    return `The secret of API token ${api.tokenId} is empty or has spaces or line breaks: set PROXMOX_API_TOKEN_SECRET to the token's secret.`;
  }
  return undefined;
}

type Exchanged = { readonly status: number; readonly statusMessage: string } | { readonly lost: string };

/** Sends the request on the verified socket and reads the response body into `body`. */
function exchange(socket: TLSSocket, request: ApiRequest, api: ProxmoxApiEndpoint, body: StreamCapture, stop: AbortSignal): Promise<Exchanged> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Exchanged): void => {
      if (settled) return;
      settled = true;
      stop.removeEventListener('abort', onStop);
      socket.destroy();
      resolve(outcome);
    };
    const outgoing = https.request(request.url, {
      method: request.method,
      headers: {
        Authorization: `PVEAPIToken=${api.tokenId}=${api.secret}`,
        Accept: 'application/json',
        ...(request.body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(request.body) } : {}),
      },
      // The socket was verified by openApiTls: the request must use it and no other. An agent of
      // our own hands it over; with none, a host may put its own in (VS Code's proxy support
      // does), which would dial again with its own TLS checks (the tests count the handshakes).
      agent: new VerifiedSocketAgent(socket),
    });
    const onStop = (): void => {
      outgoing.destroy();
      settle({ lost: 'stopped' });
    };
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
    outgoing.on('error', (error: Error & { code?: string }) => settle({ lost: error.code ?? error.message }));
    outgoing.on('response', (response) => {
      response.on('data', (chunk: Buffer) => body.write(chunk));
      response.on('end', () => settle({ status: response.statusCode ?? 0, statusMessage: response.statusMessage ?? '' }));
      response.on('error', (error: Error & { code?: string }) => settle({ lost: error.code ?? error.message }));
      response.on('close', () => settle(response.complete ? { status: response.statusCode ?? 0, statusMessage: response.statusMessage ?? '' } : { lost: 'the answer was cut off' }));
    });
    outgoing.end(request.body);
  });
}

interface Stop {
  readonly ended: 'timeout' | 'cancelled';
  readonly problem: string;
}

/** One signal for the request: fired by the timeout or by the caller's signal, remembering which. */
function watchStop(request: ApiRequest, timeoutMs: number, label: string, signal: AbortSignal | undefined) {
  const controller = new AbortController();
  let stop: Stop | undefined;
  // Proxmox may carry out a change whose answer never came; a read changes nothing.
  const mayHaveActed = request.method === 'GET' ? '' : ' Proxmox may still carry it out: check the node\'s task log.';
  const fire = (why: Stop): void => {
    if (stop !== undefined) return;
    stop = why;
    controller.abort();
  };
  const seconds = (timeoutMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 });
  const timer = setTimeout(() => fire({ ended: 'timeout', problem: `Timed out after ${seconds} s: ${label} did not answer ${request.summary}, so it was abandoned.${mayHaveActed}` }), timeoutMs);
  const onAbort = (): void => fire({ ended: 'cancelled', problem: `Cancelled: ${request.summary} was abandoned.${mayHaveActed}` });
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    stopped: (): Stop | undefined => stop,
    /** Only after `signal` fired. */
    why: (): Stop => stop as Stop,
    dispose(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** An agent whose one connection is the socket openApiTls verified. */
class VerifiedSocketAgent extends https.Agent {
  constructor(private readonly socket: TLSSocket) {
    super({ keepAlive: false });
  }

  override createConnection(): TLSSocket {
    return this.socket;
  }
}
