// An API server for tests: lab certificates made by ensureLabPki in a temporary folder, the
// handler over a given node, HTTPS on 127.0.0.1 with a free port, and a client that trusts
// only the lab CA (verification on, as everywhere in the lab).

import { promises as fs } from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';

import { createApiHandler, type ApiHandlerOptions } from '../../../../src/lab/api/handler';
import { fingerprintOf, openListeners, readCertificate, type ApiListeners } from '../../../../src/lab/api/listeners';
import { fixedTokens, type ApiTokens } from '../../../../src/lab/api/tokens';
import { labLayout } from '../../../../src/lab/labLayout';
import { ensureLabPki, nodeCertificateRequest } from '../../../../src/lab/pki/labPki';
import type { PveNode } from '../../../../src/lab/pve/pveNode';

export const TOKEN_ID = 'automation@pve!ansible';
export const SECRET = '0b6bd3a2-6f0e-4d7c-9f37-3c1e9a4d2b10';
export const AUTH = `PVEAPIToken=${TOKEN_ID}=${SECRET}`;

export interface Answer {
  readonly status: number;
  readonly reason: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface ApiFixture {
  readonly dir: string;
  readonly caFile: string;
  readonly ca: Buffer;
  readonly port: number;
  readonly socket: string;
  call(method: string, apiPath: string, options?: { auth?: string | null; form?: Record<string, string>; json?: unknown; socket?: boolean }): Promise<Answer>;
  close(): Promise<void>;
}

export async function startApi(node: PveNode, options: ApiHandlerOptions & { tokens?: ApiTokens } = {}): Promise<ApiFixture> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'lapi-api-'));
  const layout = labLayout({ name: 'lapi', dir: path.join(root, 'lapi') });
  await ensureLabPki(layout.paths, [nodeCertificateRequest(layout)]);
  const certificate = await readCertificate(path.join(layout.paths.pki, 'node.pem'), path.join(layout.paths.pki, 'node.key'));
  const handler = createApiHandler(node, options.tokens ?? fixedTokens([{ tokenid: TOKEN_ID, secret: SECRET }]), { authFailureDelayMs: 0, sslFingerprint: fingerprintOf(certificate), ...options });
  const socket = path.join(root, 'api.sock');
  const listeners: ApiListeners = await openListeners(certificate, handler, [{ host: '127.0.0.1', port: 0 }], [socket]);
  const port = Number(listeners.addresses[0]?.split(':').pop());
  const caFile = path.join(layout.paths.pki, 'ca.pem');
  const ca = await fs.readFile(caFile);
  const agent = new https.Agent({ ca, keepAlive: false });

  function call(method: string, apiPath: string, opts: { auth?: string | null; form?: Record<string, string>; json?: unknown; socket?: boolean } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (opts.auth !== null) headers.Authorization = opts.auth ?? AUTH;
    let body: string | undefined;
    if (opts.form !== undefined) {
      body = new URLSearchParams(opts.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] = 'application/json';
    }
    const target = opts.socket === true ? { socketPath: socket, servername: 'pve01' } : { host: '127.0.0.1', port };
    return new Promise((resolve, reject) => {
      const request = https.request({ ...target, method, path: apiPath, headers, agent, ca }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, reason: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  return {
    dir: root,
    caFile,
    ca,
    port,
    socket,
    call,
    close: async () => {
      agent.destroy();
      await listeners.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
