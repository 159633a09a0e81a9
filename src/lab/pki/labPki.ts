// The lab's certificates: one lab CA (`pki/ca.pem`, `pki/ca.key`) and a server certificate per
// request (`pki/<file>.pem`, `pki/<file>.key`), made with the `openssl` command. HTTPS in the
// lab (the node's API, the services' front ends) uses these, and clients trust them by being
// given `ca.pem` explicitly — verification is never turned off.
//
// Idempotent: what exists and is still good (readable, key matches, signed by the current CA,
// names what is asked, more than two weeks left) is kept, so a client configured with ca.pem
// keeps working across `lab up` runs. A new CA re-issues every certificate.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

import type { LabLayout, LabPaths } from '../labLayout';
import { caIsUsable, readKeyPair, serverCertificateIsUsable, type KeyPair } from './certificateCheck';
import { caConfig, checkCommonName, checkDnsName, checkIp, serverConfig } from './extensions';
import { runOpenssl } from './openssl';

export interface LabCertificateRequest {
  /** Base name of the files: `node` → `pki/node.pem` + `pki/node.key`. */
  readonly file: string;
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly ips: readonly string[];
}

export interface LabPkiOptions {
  /** Names the CA (`Certify lab CA (<labName>)`); default: the lab folder's base name. */
  readonly labName?: string;
  /** The clock, for tests of expiry. */
  readonly now?: Date;
}

const CA_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function caCommonName(labName: string): string {
  return `Certify lab CA (${labName})`;
}

/** Where a certificate and its key live: `pki/<file>.pem`, `pki/<file>.key` (`ca` for the CA). */
export function certificateFiles(paths: Pick<LabPaths, 'pki'>, file: string): { cert: string; key: string } {
  return { cert: path.join(paths.pki, `${file}.pem`), key: path.join(paths.pki, `${file}.key`) };
}

/**
 * The node's certificate (`pki/node.*`), served by the API: its name and management address,
 * plus localhost and 127.0.0.1 because clients outside the lab reach it through the loopback
 * forward, and verify it there too.
 */
export function nodeCertificateRequest(layout: LabLayout): LabCertificateRequest {
  return { file: 'node', commonName: layout.node.name, dnsNames: [layout.node.name, 'localhost'], ips: [layout.node.management.address, '127.0.0.1'] };
}

export async function ensureLabPki(paths: LabPaths, certificates: readonly LabCertificateRequest[], options: LabPkiOptions = {}): Promise<void> {
  checkRequests(certificates);
  const now = options.now ?? new Date();
  const pki = paths.pki;
  await fs.mkdir(pki, { recursive: true, mode: 0o755 });
  // openssl works in a private folder inside pki/, so finished files are renamed into place
  // (same file system): a crash leaves the old pair or a mismatched one, never a torn file.
  const work = await fs.mkdtemp(path.join(pki, '.work-'));
  try {
    const caName = caCommonName(options.labName ?? path.basename(paths.dir));
    let ca = await readPair(pki, 'ca');
    if (!caIsUsable(ca, caName, now)) ca = await makeCa(pki, work, caName);
    const caDaysLeft = Math.floor((new Date(ca.certificate.validTo).getTime() - now.getTime()) / DAY_MS);
    for (const request of certificates) {
      const existing = await readPair(pki, request.file);
      if (serverCertificateIsUsable(existing, ca, request, now)) continue;
      // A server certificate never outlives the CA that vouches for it.
      await makeServerCertificate(pki, work, request, Math.max(1, Math.min(CA_DAYS, caDaysLeft)));
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function checkRequests(certificates: readonly LabCertificateRequest[]): void {
  const seen = new Set<string>();
  for (const request of certificates) {
    if (!FILE_NAME.test(request.file) || request.file === 'ca') throw new Error(`'${request.file}' cannot name a lab certificate's files`);
    if (seen.has(request.file)) throw new Error(`two lab certificates asked for the same files '${request.file}'`);
    seen.add(request.file);
    checkCommonName(request.commonName);
    request.dnsNames.forEach(checkDnsName);
    request.ips.forEach(checkIp);
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readPair(pki: string, base: string): Promise<KeyPair | undefined> {
  const files = certificateFiles({ pki }, base);
  return readKeyPair(await readText(files.cert), await readText(files.key));
}

async function newKey(file: string, work: string): Promise<void> {
  await runOpenssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file], work);
  await fs.chmod(file, 0o600);
}

/** Moves a finished pair into pki/: the key first, so a crash in between leaves a mismatch (re-made next time). */
async function install(pki: string, work: string, base: string): Promise<KeyPair> {
  await fs.rename(path.join(work, `${base}.key`), path.join(pki, `${base}.key`));
  await fs.rename(path.join(work, `${base}.pem`), path.join(pki, `${base}.pem`));
  const pair = await readPair(pki, base);
  if (pair === undefined) throw new Error(`openssl made an unreadable certificate ${path.join(pki, `${base}.pem`)}`);
  return pair;
}

async function makeCa(pki: string, work: string, commonName: string): Promise<KeyPair> {
  await fs.writeFile(path.join(work, 'ca.cnf'), caConfig());
  await newKey(path.join(work, 'ca.key'), work);
  await runOpenssl(
    ['req', '-x509', '-new', '-config', 'ca.cnf', '-extensions', 'lab_ca', '-key', 'ca.key', '-sha256', '-days', String(CA_DAYS),
      '-subj', `/CN=${commonName}`, '-set_serial', serial(), '-out', 'ca.pem'],
    work,
  );
  return install(pki, work, 'ca');
}

async function makeServerCertificate(pki: string, work: string, request: LabCertificateRequest, days: number): Promise<void> {
  const base = request.file;
  await fs.writeFile(path.join(work, `${base}.cnf`), serverConfig(request.dnsNames, request.ips));
  await newKey(path.join(work, `${base}.key`), work);
  await runOpenssl(['req', '-new', '-config', `${base}.cnf`, '-key', `${base}.key`, '-subj', `/CN=${request.commonName}`, '-out', `${base}.csr`], work);
  await runOpenssl(
    ['x509', '-req', '-in', `${base}.csr`, '-CA', path.join(pki, 'ca.pem'), '-CAkey', path.join(pki, 'ca.key'), '-set_serial', serial(),
      '-days', String(days), '-sha256', '-extfile', `${base}.cnf`, '-extensions', 'lab_server', '-out', `${base}.pem`],
    work,
  );
  await install(pki, work, base);
}

/** A random positive 127-bit serial, so re-issued certificates never share one. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return `0x${bytes.toString('hex')}`;
}
