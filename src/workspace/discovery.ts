// Discovery: turns a repo snapshot into the services Certify knows, with their roles, facts,
// backup/restore coverage and scripts. Pure over the snapshot; one broken file becomes a
// finding and never hides the rest.

import type { Finding } from '../core/findings';
import { SERVICE_NAME_PATTERN } from '../core/record';
import type { Fact, RepoModel, Service } from '../core/service';
import { BACKUP_ROLE, coverageFromIndex, indexCoverage, RESTORE_ROLE } from './backupCoverage';
import { readDefinition, type DefinitionFacts } from './definition';
import { readInventory, type InventoryFacts } from './inventory';
import { rolesOfPlaybook } from './playbookRoles';
import { readRepoSnapshot, type RepoSnapshot } from './repoSnapshot';
import { inferRoleFacts, stringFact } from './roleFacts';
import { mergeEntries, VarScope } from './varScope';
import { parseYaml, type ParsedYaml, type YamlEntry } from './yamlText';

const DEPLOY_PLAYBOOK = /^playbooks\/(.+)-deploy\.ya?ml$/;
const DEFINITION = /^services\/(.+)\.ya?ml$/;
const DEFAULT_BACKUP_ROOT = '/var/backups/infrastructure';

export async function discoverRepo(root: string): Promise<RepoModel> {
  return buildRepoModel(await readRepoSnapshot(root));
}

/** Parses each file once per text; callers that keep a cache across updates pass their own. */
export type YamlCache = Map<string, { text: string; parsed: ParsedYaml }>;

/** The parse of `text` as `file`, from the cache when the text is unchanged (shared with checks). */
export function parseCached(cache: YamlCache, file: string, text: string): ParsedYaml {
  let hit = cache.get(file);
  if (!hit || hit.text !== text) {
    // Ansible's files are YAML 1.1 (PyYAML); Certify's own files are YAML 1.2.
    const dialect = file.startsWith('services/') || file === 'certify.yml' ? '1.2' : '1.1';
    hit = { text, parsed: parseYaml(file, text, dialect) };
    cache.set(file, hit);
  }
  return hit.parsed;
}

/** Variables every host sees: inventory `all.vars`, then group_vars/all (which win), as Ansible merges them. */
export function collectGroupVars(files: readonly string[], parsed: (file: string) => ParsedYaml | undefined): {
  inventory: InventoryFacts;
  groupVars: Map<string, YamlEntry>;
} {
  const inventoryFile = parsed('inventory/hosts.yml') ?? parsed('inventory/hosts.yaml');
  const inventory: InventoryFacts = inventoryFile ? readInventory(inventoryFile) : { allVars: new Map<string, YamlEntry>() };
  const groupVars = mergeEntries(
    inventory.allVars,
    ...files.filter((file) => /(^|\/)group_vars\/all(\.ya?ml|\/)/.test(file)).map((file) => parsed(file)?.entries ?? new Map()),
  );
  return { inventory, groupVars };
}

export function buildRepoModel(snapshot: RepoSnapshot, cache: YamlCache = new Map()): RepoModel {
  const findings: Finding[] = [...snapshot.readFindings];
  const parsed = (file: string): ParsedYaml | undefined => {
    const text = snapshot.texts.get(file);
    return text === undefined ? undefined : parseCached(cache, file, text);
  };
  const files = [...snapshot.texts.keys()].sort();
  for (const file of files) findings.push(...(parsed(file)?.findings ?? []));

  const { inventory, groupVars } = collectGroupVars(files, parsed);
  const roleDefaults = (role: string): Map<string, YamlEntry> =>
    (parsed(`roles/${role}/defaults/main.yml`) ?? parsed(`roles/${role}/defaults/main.yaml`))?.entries ?? new Map();
  const roleExists = new Set(snapshot.roleDirs);
  const backupIndex = indexCoverage(roleDefaults(BACKUP_ROLE), 'backup');
  const restoreIndex = indexCoverage(roleDefaults(RESTORE_ROLE), 'restore');

  // A service is named by its definition (services/<name>.yml) or its deploy playbook.
  const services = new Map<string, Service>();
  const definitions = new Map<string, DefinitionFacts>();
  const serviceNamed = (name: string): Service => {
    let service = services.get(name);
    if (!service) {
      service = { name, roles: [], facts: {}, backup: { entries: [] }, restore: { entries: [] }, scripts: {} };
      services.set(name, service);
    }
    return service;
  };
  for (const file of files) {
    const match = DEFINITION.exec(file);
    if (!match) continue;
    if (!SERVICE_NAME_PATTERN.test(match[1])) {
      findings.push(invalidServiceName(file, match[1]));
      continue;
    }
    const definition = readDefinition(parsed(file) as ParsedYaml, match[1]);
    findings.push(...definition.findings);
    const service = serviceNamed(definition.name);
    service.definitionFile = file;
    definitions.set(definition.name, definition);
  }
  for (const file of files) {
    const match = DEPLOY_PLAYBOOK.exec(file);
    if (!match) continue;
    if (!SERVICE_NAME_PATTERN.test(match[1])) {
      findings.push(invalidServiceName(file, match[1]));
      continue;
    }
    const service = serviceNamed(match[1]);
    const claimed = definitions.get(match[1])?.deployPlaybook;
    if (!claimed || claimed === file) service.deployPlaybook = file;
    service.roles.push(...rolesOfPlaybook(parsed(file) as ParsedYaml));
  }

  for (const service of services.values()) {
    const definition = definitions.get(service.name);
    if (definition?.deployPlaybook && !service.deployPlaybook) {
      if (snapshot.texts.has(definition.deployPlaybook)) {
        service.deployPlaybook = definition.deployPlaybook;
        service.roles.push(...rolesOfPlaybook(parsed(definition.deployPlaybook) as ParsedYaml));
      }
    }
    for (const role of definition?.roles ?? []) {
      if (!service.roles.some((ref) => ref.name === role.name)) service.roles.push(role);
    }
    // A role without `dir` is not in roles/: the consistency check `missing-role` reports it.
    for (const role of service.roles) if (roleExists.has(role.name)) role.dir = `roles/${role.name}`;

    // Facts: the definition states them; otherwise the first applied role's defaults that have any.
    let prefix: string | undefined;
    const databases: string[] = [...(definition?.databases ?? [])];
    for (const role of service.roles) {
      if (!role.dir) continue;
      const inferred = inferRoleFacts(service.name, role.name, new VarScope(roleDefaults(role.name), groupVars));
      if (!inferred.prefix) continue;
      prefix = inferred.prefix;
      service.facts = { ...inferred.facts };
      service.roleFacts = { ...inferred.facts };
      databases.push(...inferred.databases);
      findings.push(...inferred.findings);
      break;
    }
    Object.assign(service.facts, definition?.facts ?? {});

    for (const [key, fact] of Object.entries(service.facts) as [string, Fact<unknown>][]) {
      if (fact.kind !== 'unresolved') continue;
      findings.push({
        ...fact.source,
        ruleId: 'discovery/unresolved-value',
        severity: 'info',
        message: `${service.name}: ${key} is the template ${fact.expression}; Certify does not guess it. State it in services/${service.name}.yml to use it.`,
      });
    }

    service.databases = [...new Set(databases)];
    const keys = {
      tokens: [service.name, ...(prefix ? [prefix] : [])],
      containerId: service.facts.containerId?.kind === 'known' ? service.facts.containerId.value : undefined,
      databases,
    };
    service.backup = coverageFromIndex(backupIndex, keys);
    service.restore = coverageFromIndex(restoreIndex, keys);
    service.scripts = findScripts(snapshot, service.name, definition);
  }

  const backupRootEntry = roleDefaults(BACKUP_ROLE).get('backup_root_dir');
  const backupScope = new VarScope(roleDefaults(BACKUP_ROLE), groupVars);
  const backupRoot: Fact<string> | undefined = backupRootEntry
    ? stringFact({ ...backupRootEntry, origin: 'role-defaults' }, backupScope)
    : roleExists.has(BACKUP_ROLE)
      ? { kind: 'known', value: DEFAULT_BACKUP_ROOT, origin: 'role-defaults', source: { file: `roles/${BACKUP_ROLE}`, line: 1 } }
      : undefined;

  return {
    root: snapshot.root,
    services: [...services.values()].sort((a, b) => a.name.localeCompare(b.name)),
    proxmoxHost: inventory.proxmoxHost,
    backupRoot,
    findings,
  };
}

function invalidServiceName(file: string, name: string): Finding {
  return {
    file,
    line: 1,
    ruleId: 'discovery/invalid-service-name',
    severity: 'warning',
    message: `"${name}" is not a usable service name (lowercase letters, digits, dashes, underscores); rename ${file}.`,
  };
}

function findScripts(snapshot: RepoSnapshot, name: string, definition: DefinitionFacts | undefined): Service['scripts'] {
  const scripts: Service['scripts'] = {};
  const exists = (file: string | undefined): file is string => file !== undefined && snapshot.scripts.includes(file);
  const populate = definition?.populateScript ?? `scripts/populate-${name}-testdata.sh`;
  const verify = definition?.verifyScript ?? `scripts/verify-${name}-testdata.sh`;
  if (exists(populate)) scripts.populate = populate;
  if (exists(verify)) scripts.verify = verify;
  return scripts;
}
