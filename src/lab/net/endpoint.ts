// A forwarder endpoint as written on its command line: `tcp:HOST:PORT` or `unix:PATH`.

import type { NetConnectOpts } from 'node:net';

export type Endpoint = { readonly kind: 'tcp'; readonly host: string; readonly port: number } | { readonly kind: 'unix'; readonly path: string };

export function parseEndpoint(text: string): Endpoint {
  if (text.startsWith('unix:') && text.length > 'unix:'.length) return { kind: 'unix', path: text.slice('unix:'.length) };
  const tcp = /^tcp:(.+):(\d{1,5})$/.exec(text);
  if (tcp !== null && Number(tcp[2]) > 0 && Number(tcp[2]) < 65536) return { kind: 'tcp', host: tcp[1], port: Number(tcp[2]) };
  throw new Error(`endpoint '${text}' must be tcp:HOST:PORT or unix:PATH`);
}

export function endpointText(endpoint: Endpoint): string {
  return endpoint.kind === 'unix' ? `unix:${endpoint.path}` : `tcp:${endpoint.host}:${endpoint.port}`;
}

export function connectOptions(endpoint: Endpoint): NetConnectOpts {
  return endpoint.kind === 'unix' ? { path: endpoint.path } : { host: endpoint.host, port: endpoint.port };
}
