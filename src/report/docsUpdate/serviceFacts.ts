// The facts a docs entry is written from: discovery's known facts of the service, and the parts
// of its definition discovery does not keep (description, ports, DNS name, roles, backup items).
// A template Certify could not evaluate is not a fact: its cell stays empty.

import type { Fact, Service } from '../../core/service';
import { yamlDialectOf } from '../../repo/layout';
import { parseYaml } from '../../yaml/parse';
import type { BackupItem, DocFacts, DocsRepo } from './types';

export function docFacts(repo: DocsRepo, service: Service): DocFacts {
  const definition = definitionOf(repo, service);
  const { facts } = service;
  const port = known(facts.servicePort);
  const url = known(facts.externalUrl);
  const listedPorts = list(definition.ports).flatMap((entry) => {
    const item = record(entry);
    const number = item?.port;
    if (typeof number !== 'number') return [];
    return [`${number}/${typeof item?.protocol === 'string' ? item.protocol : 'tcp'}`];
  });
  return {
    name: service.name,
    containerId: known(facts.containerId),
    ipAddress: known(facts.ipAddress),
    hostname: known(facts.hostname),
    port,
    ports: listedPorts.length > 0 ? listedPorts : port !== undefined ? [`${port}/tcp`] : [],
    url,
    dnsName: text(definition.dns_name) ?? hostOf(url),
    description: text(definition.description),
    roles: ownRoles(repo, service, definition),
    deployPlaybook: service.deployPlaybook,
    backupItems: list(definition.backup).flatMap((entry) => {
      const item = record(entry);
      const type = text(item?.type);
      if (!item || type === undefined) return [];
      const id = item.container_id;
      return [{ type, database: text(item.database), containerId: typeof id === 'number' ? id : undefined, paths: list(item.paths).flatMap((path) => text(path) ?? []) } satisfies BackupItem];
    }),
  };
}

/**
 * The definition's `roles:` when it states them; otherwise the roles of the deploy playbook no
 * other service applies (a shared role such as security updates is not the service's own), or
 * all of them when every one is shared.
 */
function ownRoles(repo: DocsRepo, service: Service, definition: Record<string, unknown>): string[] {
  const stated = list(definition.roles).flatMap((role) => text(role) ?? []);
  if (stated.length > 0) return [...new Set(stated)];
  const applied = [...new Set(service.roles.map((role) => role.name))];
  const elsewhere = new Set(repo.model.services.filter((other) => other.name !== service.name).flatMap((other) => other.roles.map((role) => role.name)));
  const own = applied.filter((role) => !elsewhere.has(role));
  return own.length > 0 ? own : applied;
}

function definitionOf(repo: DocsRepo, service: Service): Record<string, unknown> {
  const file = service.definitionFile;
  const source = file === undefined ? undefined : repo.texts.get(file);
  if (file === undefined || source === undefined) return {};
  return record(parseYaml(file, source, yamlDialectOf(file)).documents[0]) ?? {};
}

function known<T>(fact: Fact<T> | undefined): T | undefined {
  return fact?.kind === 'known' ? fact.value : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
