// Discovery: turns a repo snapshot into the services Certify knows, with their roles, facts,
// backup/restore coverage and scripts. Pure over the snapshot; one broken file becomes a
// finding and never hides the rest.

import type { Finding } from '../core/findings';
import { SERVICE_NAME_PATTERN } from '../core/record';
import { isCovered, type Fact, type RepoModel, type RoleRef, type Service } from '../core/service';
import { coverageFromIndex, type CoverageIndex } from './backupCoverage';
import { BACKUP_ROLE, DEFAULT_BACKUP_ROOT, definitionPath, definitionService, deployPlaybookService, INVENTORY_FILES, inventoryFileOf, isGroupVarsAll, isIniInventory, isRestoreTaskFile, RESTORE_ROLE, roleDefaultsFiles } from './layout';
import { memoFor, sameInputs } from './discoveryMemo';
import type { DefinitionFacts } from './definition';
import { readInventory, type InventoryFacts } from './inventory';
import type { RepoSnapshot } from './snapshot';
import { inferRoleFacts, stringFact } from './roleFacts';
import { subnetFindings } from './subnetCheck';
import { mergeEntries, VarScope } from './varScope';
import type { ParsedYaml, YamlEntry } from '../yaml/parse';
import { readIniInventory } from './iniInventory';
import { findDirectoryLoop, type DirectoryLoop, type TaskFile } from './restoreLoop';
import { parseCached, type YamlCache } from './parseCache';
/** Where the backup role keeps its runs, by the names roles give it (the workflow's first). */
const BACKUP_ROOT_VARIABLES = ['backup_root_dir', 'backup_root', 'backup_base_dir', 'backup_dir'];

/**
 * Variables every host sees: inventory `all.vars`, then group_vars/all (which win), as Ansible
 * merges them. An INI inventory is read from its text (`textOf`), a YAML one from its parse.
 */
export function collectGroupVars(
  files: readonly string[],
  parsed: (file: string) => ParsedYaml | undefined,
  textOf: (file: string) => string | undefined,
): {
  inventory: InventoryFacts;
  groupVars: Map<string, YamlEntry>;
} {
  const file = inventoryFileOf((candidate) => textOf(candidate) !== undefined);
  const inventory: InventoryFacts = file === undefined ? { allVars: new Map<string, YamlEntry>() } : readInventoryFile(file, parsed, textOf);
  const groupVars = mergeEntries(
    inventory.allVars,
    ...files.filter(isGroupVarsAll).map((file) => parsed(file)?.entries ?? new Map()),
  );
  return { inventory, groupVars };
}

function readInventoryFile(file: string, parsed: (file: string) => ParsedYaml | undefined, textOf: (file: string) => string | undefined): InventoryFacts {
  if (isIniInventory(file)) return readIniInventory(file, textOf(file) ?? '');
  const source = parsed(file);
  return source ? readInventory(source) : { allVars: new Map<string, YamlEntry>() };
}

export function buildRepoModel(snapshot: RepoSnapshot, cache: YamlCache = new Map()): RepoModel {
  const memo = memoFor(cache);
  const findings: Finding[] = [...snapshot.readFindings];
  const parsed = (file: string): ParsedYaml | undefined => {
    const text = snapshot.texts.get(file);
    return text === undefined ? undefined : parseCached(cache, file, text);
  };
  const files = [...snapshot.texts.keys()].sort();
  for (const file of files) for (const finding of parsed(file)?.findings ?? []) findings.push(finding);

  const varsInputs = [...INVENTORY_FILES, ...files.filter(isGroupVarsAll)].map(parsed);
  const { inventory, groupVars } = memo.remember('group-vars', varsInputs, () => collectGroupVars(files, parsed, (file) => snapshot.texts.get(file)));
  findings.push(...(inventory.findings ?? []));
  const defaultsFile = (role: string): ParsedYaml | undefined => {
    const [yml, yaml] = roleDefaultsFiles(role);
    return parsed(yml) ?? parsed(yaml);
  };
  const roleDefaults = (role: string): Map<string, YamlEntry> => defaultsFile(role)?.entries ?? EMPTY_ENTRIES;
  const roleExists = new Set(snapshot.roleDirs);
  const restoreTasks = files.filter(isRestoreTaskFile);
  const shared: SharedInputs = {
    groupVars,
    backupIndex: memo.coverageIndex(roleDefaults(BACKUP_ROLE), 'backup'),
    restoreIndex: memo.coverageIndex(roleDefaults(RESTORE_ROLE), 'restore'),
    restoreLoop: memo.remember('restore-loop', restoreTasks.map(parsed), () => findDirectoryLoop(restoreTasks.map((file) => taskFile(file, snapshot, parsed)))),
    roleDefaults,
  };

  // A service is named by its definition (services/<name>.yml) or its deploy playbook.
  const plans = new Map<string, ServicePlan>();
  const planFor = (name: string): ServicePlan => {
    let plan = plans.get(name);
    if (!plan) {
      plan = { name, playbookRefs: [] };
      plans.set(name, plan);
    }
    return plan;
  };
  for (const file of files) {
    const stem = definitionService(file);
    if (stem === undefined) continue;
    if (!SERVICE_NAME_PATTERN.test(stem)) {
      findings.push(invalidServiceName(file, stem));
      continue;
    }
    const source = parsed(file) as ParsedYaml;
    const definition = memo.definition(source, stem);
    findings.push(...definition.findings);
    Object.assign(planFor(definition.name), { definitionFile: file, definition, definitionSource: source });
  }
  for (const file of files) {
    const name = deployPlaybookService(file);
    if (name === undefined) continue;
    if (!SERVICE_NAME_PATTERN.test(name)) {
      findings.push(invalidServiceName(file, name));
      continue;
    }
    const plan = planFor(name);
    const claimed = plan.definition?.deployPlaybook;
    const source = parsed(file) as ParsedYaml;
    if (!claimed || claimed === file) Object.assign(plan, { deployPlaybook: file, playbookSource: source });
    // One at a time: a playbook may apply more roles than a call can take arguments.
    for (const ref of memo.playbookRoles(source)) plan.playbookRefs.push(ref);
  }

  const services: Service[] = [];
  for (const plan of plans.values()) {
    // A definition may name a deploy playbook that does not follow <name>-deploy.yml.
    const claimed = plan.definition?.deployPlaybook;
    if (claimed && !plan.deployPlaybook && snapshot.texts.has(claimed)) {
      const source = parsed(claimed) as ParsedYaml;
      Object.assign(plan, { deployPlaybook: claimed, playbookSource: source });
      for (const ref of memo.playbookRoles(source)) plan.playbookRefs.push(ref);
    }
    const refs = [...plan.playbookRefs];
    const named = new Set(refs.map((ref) => ref.name));
    for (const role of plan.definition?.roles ?? []) {
      if (named.has(role.name)) continue;
      named.add(role.name);
      refs.push(role);
    }
    const scripts = findScripts(snapshot, plan.name, plan.definition);
    // Everything the service's description depends on: unchanged inputs give the same service.
    const inputs: unknown[] = [
      plan.definitionSource,
      plan.playbookSource,
      plan.deployPlaybook,
      groupVars,
      shared.backupIndex,
      shared.restoreIndex,
      shared.restoreLoop,
      scripts.populate,
      scripts.verify,
      ...refs.flatMap((ref) => [ref, defaultsFile(ref.name), roleExists.has(ref.name)]),
    ];
    const remembered = memo.services.get(plan.name);
    const redescribe = () => describeService(plan, refs, scripts, roleExists, shared);
    const described =
      remembered && sameInputs(remembered.inputs, inputs)
        ? remembered
        : { inputs, redescribe, roles: refs.map((ref) => ref.name), ...redescribe() };
    memo.services.set(plan.name, described);
    services.push(described.service);
    findings.push(...described.findings);
  }

  const backupDefaults = roleDefaults(BACKUP_ROLE);
  const backupRootEntry = BACKUP_ROOT_VARIABLES.map((name) => backupDefaults.get(name)).find((entry) => entry !== undefined);
  const backupScope = new VarScope(roleDefaults(BACKUP_ROLE), groupVars);
  const backupRoot: Fact<string> | undefined = backupRootEntry
    ? stringFact({ ...backupRootEntry, origin: 'role-defaults' }, backupScope)
    : roleExists.has(BACKUP_ROLE)
      ? { kind: 'known', value: DEFAULT_BACKUP_ROOT, origin: 'role-defaults', source: { file: `roles/${BACKUP_ROLE}`, line: 1 } }
      : undefined;

  return {
    root: snapshot.root,
    services: services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    proxmoxHost: inventory.proxmoxHost,
    backupRoot,
    findings,
  };
}

/**
 * After an edit to one role's defaults/main.yml (not the backup or restore role's), re-describes
 * only the services that apply that role; everything else of the previous model stands. Returns
 * undefined when the edit reaches further (the caller then rebuilds the whole model).
 */
export function updateForRoleDefaults(snapshot: RepoSnapshot, cache: YamlCache, previous: RepoModel, role: string): RepoModel | undefined {
  if (role === BACKUP_ROLE || role === RESTORE_ROLE) return undefined;
  const memo = memoFor(cache);
  const file = roleDefaultsFiles(role).find((candidate) => snapshot.texts.has(candidate));
  if (!file || memo.services.size !== previous.services.length) return undefined;
  const source = parseCached(cache, file, snapshot.texts.get(file) as string);
  const replaced = new Map<string, Service>();
  const stale = new Set<Finding>();
  const fresh: Finding[] = [...source.findings];
  for (const [name, remembered] of memo.services) {
    if (!remembered.roles.includes(role)) continue;
    for (const finding of remembered.findings) stale.add(finding);
    const described = remembered.redescribe();
    // The inputs list holds each role's parse next to it: swap in the new parse of this role's defaults.
    const inputs = remembered.inputs.map((input, i) => (remembered.inputs[i - 1] !== undefined && isRefTo(remembered.inputs[i - 1], role) ? source : input));
    memo.services.set(name, { ...remembered, ...described, inputs });
    replaced.set(name, described.service);
    fresh.push(...described.findings);
  }
  const findings = previous.findings.filter((finding) => finding.file !== file && !stale.has(finding));
  return { ...previous, services: previous.services.map((service) => replaced.get(service.name) ?? service), findings: [...findings, ...fresh] };
}

function isRefTo(input: unknown, role: string): boolean {
  return typeof input === 'object' && input !== null && 'via' in input && (input as RoleRef).name === role;
}

const EMPTY_ENTRIES = new Map<string, YamlEntry>();

/** What discovery knows of one service before describing it. */
interface ServicePlan {
  name: string;
  definitionFile?: string;
  definition?: DefinitionFacts;
  definitionSource?: ParsedYaml;
  deployPlaybook?: string;
  playbookSource?: ParsedYaml;
  playbookRefs: RoleRef[];
}

interface SharedInputs {
  groupVars: Map<string, YamlEntry>;
  backupIndex: CoverageIndex;
  restoreIndex: CoverageIndex;
  /** The restore role's loop over the backup directory, when its tasks have one. */
  restoreLoop: DirectoryLoop | undefined;
  roleDefaults(role: string): Map<string, YamlEntry>;
}

/** A service's roles, facts, coverage and scripts, with the findings describing it raised. */
function describeService(
  plan: ServicePlan,
  refs: readonly RoleRef[],
  scripts: Service['scripts'],
  roleExists: ReadonlySet<string>,
  shared: SharedInputs,
): { service: Service; findings: Finding[] } {
  const findings: Finding[] = [];
  const { definition } = plan;
  // Role refs are shared with the memo of their playbook: each service gets its own copies.
  const roles = refs.map((ref) => (roleExists.has(ref.name) ? { ...ref, dir: `roles/${ref.name}` } : { ...ref }));
  const service: Service = { name: plan.name, roles, facts: {}, backup: { entries: [] }, restore: { entries: [] }, scripts };
  if (plan.definitionFile) service.definitionFile = plan.definitionFile;
  if (plan.deployPlaybook) service.deployPlaybook = plan.deployPlaybook;

  // Facts: the definition states them; otherwise the first applied role's defaults that have any.
  let prefix: string | undefined;
  let scope = new VarScope(EMPTY_ENTRIES, shared.groupVars);
  const databases: string[] = [...(definition?.databases ?? [])];
  for (const role of roles) {
    if (!role.dir) continue;
    const roleScope = new VarScope(shared.roleDefaults(role.name), shared.groupVars);
    const inferred = inferRoleFacts(service.name, role.name, roleScope);
    if (!inferred.prefix) continue;
    prefix = inferred.prefix;
    scope = roleScope;
    service.facts = { ...inferred.facts };
    service.roleFacts = { ...inferred.facts };
    databases.push(...inferred.databases);
    findings.push(...inferred.findings);
    break;
  }
  Object.assign(service.facts, definition?.facts ?? {});
  findings.push(...subnetFindings(service.name, service.facts.ipAddress, scope, prefix));

  for (const [key, fact] of Object.entries(service.facts) as [string, Fact<unknown>][]) {
    if (fact.kind !== 'unresolved') continue;
    findings.push({
      ...fact.source,
      ruleId: 'discovery/unresolved-value',
      severity: 'info',
      message: `${service.name}: ${key} is the template ${fact.expression}; Certify does not guess it. State it in ${definitionPath(service.name)} to use it.`,
    });
  }

  service.databases = [...new Set(databases)];
  const keys = {
    tokens: [service.name, ...(prefix ? [prefix] : [])],
    containerId: service.facts.containerId?.kind === 'known' ? service.facts.containerId.value : undefined,
    databases,
  };
  service.backup = coverageFromIndex(shared.backupIndex, keys);
  service.restore = coverageFromIndex(shared.restoreIndex, keys);
  // A restore that loops over the backup directory restores whatever was backed up (repo/restoreLoop).
  const loop = shared.restoreLoop;
  if (loop && isCovered(service.backup)) {
    service.restore.entries.push({ variable: loop.file, detail: 'restores all the backup directory holds', source: { file: loop.file, line: loop.line } });
  }
  return { service, findings };
}

/** A restore task file as the loop reader takes it. */
function taskFile(file: string, snapshot: RepoSnapshot, parsed: (file: string) => ParsedYaml | undefined): TaskFile {
  return { file, text: snapshot.texts.get(file) as string, parsed: parsed(file) as ParsedYaml };
}

const scriptSets = new WeakMap<string[], Set<string>>();

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
  // Scripts are looked up by name among the listed ones; the set is built once per listing.
  const listed = scriptSets.get(snapshot.scripts) ?? new Set(snapshot.scripts);
  scriptSets.set(snapshot.scripts, listed);
  const scripts: Service['scripts'] = {};
  const exists = (file: string | undefined): file is string => file !== undefined && listed.has(file);
  const populate = definition?.populateScript ?? `scripts/populate-${name}-testdata.sh`;
  const verify = definition?.verifyScript ?? `scripts/verify-${name}-testdata.sh`;
  if (exists(populate)) scripts.populate = populate;
  if (exists(verify)) scripts.verify = verify;
  return scripts;
}
