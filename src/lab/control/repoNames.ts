// What the lab must know of the target repo: each service's container address and names.
// The LAN resolver answers `<hostname>.<domain>` (and the public name) with the container's
// address; the public resolvers answer the public name with the same address (the vantage host
// reaches services through the lab's uplink); the PKI issues one certificate per public name.

import type { Fact } from '../../core/service';
import { discoverRepo } from '../../repo/loadRepo';
import type { DnsRecord } from '../daemons/dnsmasqArgs';
import { LAB_DOMAIN } from '../net/netnsFiles';
import type { LabCertificateRequest } from '../pki/labPki';

export interface LabService {
  readonly name: string;
  readonly address: string;
  /** `<hostname>.<domain>`, the name on the LAN. */
  readonly lanName?: string;
  /** The host of the service's external URL (its `dns_name`). */
  readonly publicName?: string;
}

export async function readLabServices(repoRoot: string): Promise<LabService[]> {
  const model = await discoverRepo(repoRoot);
  const services: LabService[] = [];
  for (const service of model.services) {
    const address = known(service.facts.ipAddress);
    if (address === undefined || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) continue;
    const hostname = known(service.facts.hostname);
    const url = known(service.facts.externalUrl);
    services.push({
      name: service.name,
      address,
      ...(hostname ? { lanName: `${hostname}.${LAB_DOMAIN}` } : {}),
      ...(url ? { publicName: hostOf(url) } : {}),
    });
  }
  return services;
}

function known<T>(fact: Fact<T> | undefined): T | undefined {
  return fact?.kind === 'known' ? fact.value : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

export function lanRecords(services: readonly LabService[]): DnsRecord[] {
  return unique(services.flatMap((service) => [service.lanName, service.publicName].filter(isString).map((name) => ({ name, address: service.address }))));
}

export function publicRecords(services: readonly LabService[]): DnsRecord[] {
  return unique(services.filter((service) => service.publicName !== undefined).map((service) => ({ name: service.publicName as string, address: service.address })));
}

/** One certificate per public name (file = the name), valid for the LAN name and the address too. */
export function serviceCertificates(services: readonly LabService[]): LabCertificateRequest[] {
  return services
    .filter((service) => service.publicName !== undefined)
    .map((service) => ({
      file: service.publicName as string,
      commonName: service.publicName as string,
      dnsNames: [...new Set([service.publicName as string, ...(service.lanName ? [service.lanName] : [])])],
      ips: [service.address],
    }));
}

function unique(records: DnsRecord[]): DnsRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => !seen.has(record.name) && seen.add(record.name));
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}
