// A CommandSpec read as a Proxmox API request: argv is [METHOD, path, ...key=value], e.g.
// ['POST', '/nodes/pve01/lxc/165/status/start'] or ['GET', '/nodes/pve01/lxc', 'full=1'].
// Parameters go in the query string for GET and DELETE, as a form body for POST and PUT (what
// the API, pvesh and proxmoxer send). Also how such a request reads in a transcript.

import type { CommandSpec } from './executor';
import type { ProxmoxApiEndpoint } from './proxmoxApiEndpoint';

export const API_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

export interface ApiRequest {
  readonly method: ApiMethod;
  /** The full URL, with the query string for GET and DELETE. */
  readonly url: URL;
  /** The form body for POST and PUT (possibly empty); undefined for GET and DELETE. */
  readonly body?: string;
  /** "POST /nodes/pve01/lxc/165/status/start": for messages. */
  readonly summary: string;
}

/** Path characters the API uses; '?' and '#' are not among them (parameters are separate words). */
const API_PATH = /^\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*$/;
const PARAMETER = /^[A-Za-z][A-Za-z0-9_-]*(\[\d+\])?=/;

/** The request, or why the spec is not one. */
export function apiRequestOf(endpoint: ProxmoxApiEndpoint, spec: CommandSpec): ApiRequest | { problem: string } {
  const [method, apiPath, ...words] = spec.argv;
  const shape = 'An API action is [METHOD, /path, key=value…], e.g. GET /nodes/pve01/lxc/165/status/current';
  if (method === undefined || !API_METHODS.includes(method as ApiMethod)) {
    return { problem: `${shape}: "${method ?? ''}" is not one of ${API_METHODS.join(', ')}.` };
  }
  if (apiPath === undefined || !API_PATH.test(apiPath) || /\/\.\.?(\/|$)/.test(apiPath)) return { problem: `${shape}: the path ${JSON.stringify(apiPath ?? '')} does not start with /, has characters an API path cannot, or has a . or .. segment.` };
  const bad = words.filter((word) => !PARAMETER.test(word));
  if (bad.length > 0) return { problem: `${shape}: ${bad.map((word) => JSON.stringify(word)).join(', ')} is not key=value.` };
  // Environment, folder and input belong to processes; an API request has none to give them to.
  const unused = [spec.env && Object.keys(spec.env).length > 0 ? 'env' : '', spec.cwd !== undefined ? 'cwd' : '', spec.stdin !== undefined ? 'stdin' : ''].filter(Boolean);
  if (unused.length > 0) return { problem: `An API action takes no ${unused.join(', ')}: put what it needs in key=value parameters.` };

  const base = baseUrl(endpoint);
  if ('problem' in base) return base;
  const url = new URL(base.url.href);
  url.pathname = `${base.url.pathname.replace(/\/+$/, '')}${apiPath}`;
  const params = new URLSearchParams(words.map((word) => splitParameter(word)));
  const withBody = method === 'POST' || method === 'PUT';
  if (!withBody) url.search = params.toString();
  return { method: method as ApiMethod, url, ...(withBody ? { body: params.toString() } : {}), summary: `${method} ${apiPath}` };
}

/** The endpoint's URL, which must be https (the token must never cross the network in clear). */
export function baseUrl(endpoint: ProxmoxApiEndpoint): { url: URL } | { problem: string } {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return { problem: `The Proxmox API URL "${endpoint.url}" is not a URL: give it as https://host:8006/api2/json.` };
  }
  if (url.protocol !== 'https:') return { problem: `The Proxmox API URL ${endpoint.url} is not https: the token would travel in clear. Use https://${url.host}/api2/json.` };
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return { problem: `The Proxmox API URL ${url.origin}${url.pathname} must have no user, password, query or fragment: the token authenticates.` };
  }
  return { url };
}

/** `GET https://pve01:8006/api2/json/nodes/pve01/lxc?full=1 (token automation@pve!ansible)`; never the secret. */
export function describeApiRequest(endpoint: ProxmoxApiEndpoint, spec: CommandSpec): string {
  const request = apiRequestOf(endpoint, spec);
  const token = `(token ${endpoint.tokenId})`;
  if ('problem' in request) return `${spec.argv.join(' ')} ${token}`;
  const form = request.body ? ` ${spec.argv.slice(2).join(' ')}` : '';
  return `${request.method} ${request.url.href}${form} ${token}`;
}

function splitParameter(word: string): [string, string] {
  const at = word.indexOf('=');
  return [word.slice(0, at), word.slice(at + 1)];
}
