// Decides whether a certificate already on disk can be kept: the lab's PKI is idempotent, so
// `lab up` run twice keeps the CA every client already trusts, and re-issues only what is
// missing, broken, expiring, signed by another CA, or no longer names what is asked.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';

/** A certificate with less than this left is replaced rather than kept. */
export const RENEW_BEFORE_MS = 14 * 24 * 3600 * 1000;

export interface KeyPair {
  readonly certificate: X509Certificate;
  readonly keyPem: string;
}

/** Parses a PEM certificate and its key; undefined when either is unreadable or they do not belong together. */
export function readKeyPair(certificatePem: string | undefined, keyPem: string | undefined): KeyPair | undefined {
  if (certificatePem === undefined || keyPem === undefined) return undefined;
  try {
    const certificate = new X509Certificate(certificatePem);
    if (!certificate.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    return { certificate, keyPem };
  } catch {
    return undefined;
  }
}

function lastsLongEnough(certificate: X509Certificate, now: Date): boolean {
  return new Date(certificate.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS && new Date(certificate.validFrom) <= now;
}

/** The `CN=` value of a subject as Node prints it (`CN=pve01`). */
export function commonNameOf(certificate: X509Certificate): string | undefined {
  for (const line of certificate.subject.split('\n')) {
    if (line.startsWith('CN=')) return line.slice(3);
  }
  return undefined;
}

/** DNS names and IP addresses from the subjectAltName extension. */
export function alternativeNamesOf(certificate: X509Certificate): { dnsNames: string[]; ips: string[] } {
  const dnsNames: string[] = [];
  const ips: string[] = [];
  for (const entry of (certificate.subjectAltName ?? '').split(', ')) {
    if (entry.startsWith('DNS:')) dnsNames.push(entry.slice(4));
    else if (entry.startsWith('IP Address:')) ips.push(entry.slice('IP Address:'.length));
  }
  return { dnsNames, ips };
}

export function caIsUsable(ca: KeyPair | undefined, commonName: string, now: Date): ca is KeyPair {
  if (ca === undefined) return false;
  const { certificate } = ca;
  return certificate.ca && commonNameOf(certificate) === commonName && certificate.checkIssued(certificate) && lastsLongEnough(certificate, now);
}

export interface ServerNames {
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly ips: readonly string[];
}

/** Same address whatever its spelling (Node prints IPv6 SANs expanded). */
function sameIp(a: string, b: string): boolean {
  if (a === b) return true;
  return isIP(a) === 6 && isIP(b) === 6 && new URL(`http://[${a}]`).hostname === new URL(`http://[${b}]`).hostname;
}

export function serverCertificateIsUsable(leaf: KeyPair | undefined, ca: KeyPair, names: ServerNames, now: Date): boolean {
  if (leaf === undefined) return false;
  const { certificate } = leaf;
  if (certificate.ca || commonNameOf(certificate) !== names.commonName || !lastsLongEnough(certificate, now)) return false;
  if (!certificate.checkIssued(ca.certificate) || !certificate.verify(ca.certificate.publicKey)) return false;
  const present = alternativeNamesOf(certificate);
  return (
    names.dnsNames.every((name) => present.dnsNames.some((have) => have.toLowerCase() === name.toLowerCase())) &&
    names.ips.every((ip) => present.ips.some((have) => sameIp(have, ip)))
  );
}
