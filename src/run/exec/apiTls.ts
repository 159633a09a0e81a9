// The TLS connection to the Proxmox API, verified before a byte of the request (and so of the
// token) is written: either the certificate's SHA-256 equals the pinned fingerprint, or it is
// trusted by the CA file (or the system store) and names the host, as any HTTPS client checks.

import { readFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ProxmoxApiEndpoint } from './proxmoxApiEndpoint';

export type ApiTrust =
  | { readonly kind: 'pin'; readonly fingerprint: string }
  | { readonly kind: 'ca'; readonly ca?: string; readonly caFile?: string };

const FINGERPRINT = /^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** "ab:cd…" or "ABCD…" as Proxmox shows it: "AB:CD:…". */
export function normalFingerprint(text: string): string {
  const hex = text.trim().toUpperCase().replace(/[:\s]/g, '');
  return hex.match(/.{1,2}/g)?.join(':') ?? '';
}

/** How the endpoint's certificate is to be trusted; the CA file is read here, so a bad path is named. */
export async function trustOf(endpoint: ProxmoxApiEndpoint): Promise<ApiTrust | { problem: string }> {
  if (endpoint.fingerprint !== undefined) {
    const fingerprint = normalFingerprint(endpoint.fingerprint);
    if (!FINGERPRINT.test(fingerprint)) {
      return { problem: `The pinned fingerprint "${endpoint.fingerprint}" is not a SHA-256 fingerprint (32 hex pairs, AB:CD:…): copy it from the node (pvenode cert info).` };
    }
    return { kind: 'pin', fingerprint };
  }
  if (endpoint.caFile === undefined) return { kind: 'ca' };
  try {
    return { kind: 'ca', ca: await readFile(endpoint.caFile, 'utf8'), caFile: endpoint.caFile };
  } catch (error) {
    return { problem: `Cannot read the CA file ${endpoint.caFile} for the Proxmox API: ${(error as Error).message}` };
  }
}

export type TlsOutcome = { readonly socket: tls.TLSSocket } | { readonly problem: string } | { readonly stopped: true };

/**
 * Connects to `url`'s host and port and completes the handshake. `stop` aborts it (timeout or
 * cancel); the outcome then says only that it stopped, the caller knows why.
 */
export function openApiTls(url: URL, trust: ApiTrust, label: string, stop: AbortSignal): Promise<TlsOutcome> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const options: tls.ConnectionOptions = {
    host,
    port,
    // SNI carries names only; an address there is refused by Node and means nothing to the server.
    ...(net.isIP(host) === 0 ? { servername: host } : {}),
    ALPNProtocols: ['http/1.1'],
    ...(trust.kind === 'pin'
      ? {
          // The pin names the one certificate to accept, which says more than a CA and a name
          // could: a Proxmox node's own certificate is self-signed (no CA vouches for it) and
          // names the node, not the address dialled (often an IP or a forwarded port). So the
          // chain and the name go unchecked here, and the pin is compared on 'secureConnect',
          // before the request is written.
          rejectUnauthorized: false,
          checkServerIdentity: () => undefined,
        }
      : { rejectUnauthorized: true, ...(trust.ca !== undefined ? { ca: trust.ca } : {}) }),
  };
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: TlsOutcome): void => {
      if (settled) return;
      settled = true;
      stop.removeEventListener('abort', onStop);
      if (!('socket' in outcome)) socket.destroy();
      resolve(outcome);
    };
    const onStop = (): void => settle({ stopped: true });
    const socket = tls.connect(options);
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
    socket.once('secureConnect', () => {
      if (trust.kind === 'pin') {
        const shown = socket.getPeerCertificate().fingerprint256;
        if (normalFingerprint(shown ?? '') !== trust.fingerprint) {
          settle({ problem: pinMismatch(label, trust.fingerprint, shown) });
          return;
        }
      } else if (!socket.authorized) {
        // rejectUnauthorized refuses such a certificate before this event; checked again so
        // that no path ever hands on an unverified connection.
        settle({ problem: untrusted(label, trust, socket.authorizationError?.message ?? 'not authorised') });
        return;
      }
      settle({ socket });
    });
    // Kept after the handshake too: an error before the HTTP request takes the socket over
    // must not go unheard (settle() ignores it then; the request sees the socket closed).
    socket.on('error', (error: Error & { code?: string }) => settle({ problem: tlsProblem(label, host, trust, error) }));
    socket.once('close', () => settle({ problem: `${capital(label)} closed the connection during the TLS handshake: is ${host}:${port} an HTTPS port?` }));
  });
}

function pinMismatch(label: string, pinned: string, shown: string | undefined): string {
  return (
    `The certificate of ${label} does NOT match the pinned fingerprint: pinned ${pinned}, the server shows ${shown ? normalFingerprint(shown) : 'no certificate'}. ` +
    'Someone may be intercepting the connection, or the node got a new certificate. Check it on the node (pvenode cert info), then update the pinned fingerprint (CERTIFY_PROXMOX_FINGERPRINT).'
  );
}

function untrusted(label: string, trust: ApiTrust, why: string): string {
  const by = trust.kind === 'ca' && trust.caFile !== undefined ? `by ${trust.caFile}` : 'by the system store';
  return (
    `The certificate of ${label} is not trusted ${by} (${why}). Give the CA that signed it (caFile), ` +
    'or pin its SHA-256 fingerprint (CERTIFY_PROXMOX_FINGERPRINT; the node shows it with pvenode cert info).'
  );
}

const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function tlsProblem(label: string, host: string, trust: ApiTrust, error: Error & { code?: string }): string {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return `Cannot reach ${label}: connection refused. Is pveproxy running there, and is the port right (Proxmox serves its API on 8006)?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot reach ${label}: the name ${host} does not resolve.`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `Cannot reach ${label}: no route to the host.`;
  if (code === 'ECONNRESET') return `${capital(label)} reset the connection during the TLS handshake: is it an HTTPS port?`;
  if (UNTRUSTED_CODES.has(code)) return untrusted(label, trust, error.message);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The certificate of ${label} does not name ${host} (${error.message}). Connect by a name it lists, or pin its SHA-256 fingerprint (CERTIFY_PROXMOX_FINGERPRINT; pvenode cert info on the node).`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `The certificate of ${label} is not valid now (${error.message}): renew it on the node (pvenode cert set or ACME).`;
  if (/wrong version number|packet length too long|unknown protocol/i.test(error.message)) return `${capital(label)} did not answer TLS: is it the HTTPS port, not a plain HTTP one?`;
  return `TLS with ${label} failed: ${error.message}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
