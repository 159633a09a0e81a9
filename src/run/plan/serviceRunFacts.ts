// What the step plans need to know about one service, gathered once from the repo model and
// its definition (services/<name>.yml): ids, addresses, URLs, scripts, playbooks. A value the
// repo does not state is absent, and the plan that needs it says so instead of guessing.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RepoModel, Service } from '../../core/service';
import { parseTargets } from '../../check/schema/targetValues';
import { DEFAULT_TARGETS, mergeTargets, type Targets } from '../../core/targets';
import { BACKUP_PLAYBOOKS, RESTORE_PLAYBOOKS } from '../../repo/layout';
import { readMappingFile, readSettings, type YamlMapping } from '../../repo/mappingFile';

export interface ServiceRunFacts {
  readonly name: string;
  readonly containerId?: number;
  readonly hostname?: string;
  readonly ipAddress?: string;
  readonly deployPlaybook?: string;
  /** https://notes.example.net */
  readonly externalUrl?: string;
  readonly healthPath: string;
  readonly expectedStatus: number;
  /** The name public DNS must resolve (the URL's host unless the definition says dns_name). */
  readonly dnsName?: string;
  /** What public DNS must answer, when the definition states it (external.address). */
  readonly publicAddress?: string;
  readonly populateScript?: string;
  readonly verifyScript?: string;
  /** The repo's backup and restore playbooks (applying backup_infrastructure / restore_infrastructure). */
  readonly backupPlaybook?: string;
  readonly restorePlaybook?: string;
  /** Every other service: their backup and restore toggles are switched off for this service's runs. */
  readonly otherServices: readonly string[];
  /** Role folders (repo-relative) the deploy applies: Step 1's "role files exist". */
  readonly roleDirs: readonly string[];
  /** The workflow's Success Metrics with certify.yml's and then the definition's `targets` applied. */
  readonly targets: Targets;
}


/** `settings`: certify.yml as the caller already read it (read here when not given). */
export async function serviceRunFacts(repo: RepoModel, service: Service, settings?: YamlMapping): Promise<ServiceRunFacts> {
  const definition = service.definitionFile ? await readMappingFile(repo.root, service.definitionFile) : {};
  const external = asRecord(definition.external);
  const known = <T>(fact: { kind: string; value?: T } | undefined): T | undefined => (fact?.kind === 'known' ? fact.value : undefined);
  const externalUrl = known(service.facts.externalUrl);
  const dnsName = typeof definition.dns_name === 'string' ? definition.dns_name : externalUrl ? hostOf(externalUrl) : undefined;
  const ipAddress = known(service.facts.ipAddress);
  return {
    name: service.name,
    containerId: known(service.facts.containerId),
    hostname: known(service.facts.hostname),
    ipAddress,
    deployPlaybook: service.deployPlaybook,
    externalUrl,
    healthPath: typeof external.health_path === 'string' ? external.health_path : '/',
    expectedStatus: typeof external.expected_status === 'number' ? external.expected_status : 200,
    dnsName,
    ...(typeof external.address === 'string' ? { publicAddress: external.address } : {}),
    populateScript: service.scripts.populate,
    verifyScript: service.scripts.verify,
    backupPlaybook: await firstExisting(repo.root, BACKUP_PLAYBOOKS),
    restorePlaybook: await firstExisting(repo.root, RESTORE_PLAYBOOKS),
    otherServices: repo.services.map((other) => other.name).filter((name) => name !== service.name),
    roleDirs: service.roles.flatMap((role) => (role.dir ? [role.dir] : [])),
    targets: serviceTargets(settings ?? (await readSettings(repo.root)), definition),
  };
}

/**
 * Overrides that do not merge (a target looser than acceptable, an unknown metric) leave the
 * workflow's table in force: validation reports them where they are written.
 */
function serviceTargets(settings: Record<string, unknown>, definition: Record<string, unknown>): Targets {
  const merged = mergeTargets(DEFAULT_TARGETS, parseTargets(settings.targets), parseTargets(definition.targets));
  return merged.ok ? merged.targets : DEFAULT_TARGETS;
}

/** The health URL: the external URL with the health path. */
export function healthUrl(facts: ServiceRunFacts): string | undefined {
  if (!facts.externalUrl) return undefined;
  return new URL(facts.healthPath, facts.externalUrl.endsWith('/') ? facts.externalUrl : `${facts.externalUrl}/`).toString();
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}


function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

async function firstExisting(root: string, candidates: readonly string[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      if ((await fs.stat(path.join(root, candidate))).isFile()) return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}
