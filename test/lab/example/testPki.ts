// A CA and one server certificate made at test time with openssl (nothing secret is committed):
// the certificate names the service's DNS name and the loopback address the test connects to.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { run } from './run';

export interface TestPki {
  caFile: string;
  certificate: string;
  privateKey: string;
}

export async function makePki(dir: string, dnsName: string, ipAddress: string): Promise<TestPki> {
  await fs.mkdir(dir, { recursive: true });
  const file = (name: string): string => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run('openssl', ['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=certify notes test CA']);
  run('openssl', ['req', ...ec, '-keyout', file(`${dnsName}.key`), '-out', file('server.csr'), '-subj', `/CN=${dnsName}`]);
  await fs.writeFile(
    file('server.ext'),
    `subjectAltName=DNS:${dnsName},IP:${ipAddress}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
  );
  run('openssl', [
    'x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file(`${dnsName}.pem`), '-days', '2', '-extfile', file('server.ext'),
  ]);
  return { caFile: file('ca.pem'), certificate: file(`${dnsName}.pem`), privateKey: file(`${dnsName}.key`) };
}
