// A request's parameters as Proxmox reads them: the query string, plus for POST/PUT the body
// (form-encoded, as proxmoxer sends it, or JSON), all as strings. Checks that Proxmox's JSON
// schema makes (integer, pve-vmid, boolean, enum) answer 400 `Parameter verification failed.`
// with the parameter's error, in its words.

import type { IncomingMessage } from 'node:http';

import { PveError } from '../pve/pveNode';
import { HttpFailure } from './reply';

export type Params = Record<string, string>;

const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpFailure(413, 'Request Entity Too Large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function fromJson(text: string): Params {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PveError('Parameter verification failed.', 400, { body: 'not a JSON object' });
  const params: Params = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    params[key] = typeof value === 'boolean' ? (value ? '1' : '0') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return params;
}

export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  if (req.method !== 'POST' && req.method !== 'PUT') return params;
  const body = await readBody(req);
  if (body.trim() === '') return params;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  try {
    return { ...params, ...(type.startsWith('application/json') ? fromJson(body) : Object.fromEntries(new URLSearchParams(body))) };
  } catch (error) {
    if (error instanceof PveError) throw error;
    throw new PveError('Parameter verification failed.', 400, { body: `unable to parse request body - ${(error as Error).message}` });
  }
}

export function parameterError(name: string, message: string): PveError {
  return new PveError('Parameter verification failed.', 400, { [name]: message });
}

/** pve-common JSONSchema: `pve-vmid` (type integer, then format `^[1-9][0-9]{2,8}$`). */
export function vmidParam(value: string | undefined, name = 'vmid'): number {
  if (value === undefined || value === '') throw parameterError(name, 'property is missing and it is not optional');
  if (!/^[+-]?\d+$/.test(value)) throw parameterError(name, `type check ('integer') failed - got '${value}'`);
  if (!/^[1-9][0-9]{2,8}$/.test(value)) throw parameterError(name, 'invalid format - value does not look like a valid VM ID\n');
  return Number(value);
}

export function requiredParam(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw parameterError(name, 'property is missing and it is not optional');
  return value;
}

export function integerParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw parameterError(name, `type check ('integer') failed - got '${value}'`);
  return Number(value);
}

/** JSONSchema booleans: 1/0, yes/no, on/off, true/false (any case). */
export function booleanParam(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (/^(1|yes|on|true)$/i.test(value)) return true;
  if (/^(0|no|off|false)$/i.test(value)) return false;
  throw parameterError(name, `type check ('boolean') failed - got '${value}'`);
}

export function enumParam<T extends string>(params: Params, name: string, values: readonly T[]): T | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw parameterError(name, `value '${value}' does not have a value in the enumeration '${values.join(', ')}'`);
  return value as T;
}

/** Every parameter except those named, for options handed on as given (create, set). */
export function otherParams(params: Params, except: readonly string[]): Params {
  return Object.fromEntries(Object.entries(params).filter(([key]) => !except.includes(key)));
}
