// The openssl configuration sections the lab CA and its server certificates are made with.
// openssl reads X.509 extensions only from a config file, so these are written to a private
// temporary folder next to the keys; every value in them has been checked first (names and
// addresses can never inject another line or section).

import { isIP } from 'node:net';

/** A DNS name a certificate may carry: letters, digits, dots, dashes (and a leading `*.`). */
const DNS_NAME = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/;
/** What the lab puts in a subject CN: printable, no `/`, `=` or `\`, which -subj would parse. */
const COMMON_NAME = /^[A-Za-z0-9 ().,_@:-]{1,64}$/;

export function checkDnsName(name: string): string {
  if (!DNS_NAME.test(name)) throw new Error(`'${name}' is not a DNS name a certificate can carry`);
  return name;
}

export function checkIp(ip: string): string {
  if (isIP(ip) === 0) throw new Error(`'${ip}' is not an IP address`);
  return ip;
}

export function checkCommonName(name: string): string {
  if (!COMMON_NAME.test(name)) throw new Error(`'${name}' cannot be a certificate's common name`);
  return name;
}

/** `openssl req` needs a [req] section even when -subj gives the subject. */
const REQ_SECTION = ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]'];

export function caConfig(): string {
  return [
    ...REQ_SECTION,
    '[lab_ca]',
    'basicConstraints = critical,CA:TRUE',
    'keyUsage = critical,keyCertSign,cRLSign',
    'subjectKeyIdentifier = hash',
    '',
  ].join('\n');
}

export function serverConfig(dnsNames: readonly string[], ips: readonly string[]): string {
  const alternativeNames = [...dnsNames.map((name) => `DNS:${checkDnsName(name)}`), ...ips.map((ip) => `IP:${checkIp(ip)}`)];
  if (alternativeNames.length === 0) throw new Error('a server certificate needs at least one DNS name or IP address');
  return [
    ...REQ_SECTION,
    '[lab_server]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature',
    'extendedKeyUsage = serverAuth',
    'subjectKeyIdentifier = hash',
    // Strict verifiers (Python 3.13's default, for one) want the issuer's key id in the leaf.
    'authorityKeyIdentifier = keyid',
    `subjectAltName = ${alternativeNames.join(',')}`,
    '',
  ].join('\n');
}
