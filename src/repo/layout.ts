// Which paths of an infrastructure repo matter to Certify, decided here once. Discovery, the
// validation reader, the linters, the file classifier, the extension's watchers, the CLI's
// repo finder and the manifest (activation events, schema associations; a unit test holds
// package.json to this file) all follow it, so a file one of them knows is known to all.
// Paths are repo-relative with forward slashes. Pure: no I/O.

/** The shared roles that back up and restore every service (the workflow's names). */
export const BACKUP_ROLE = 'backup_infrastructure';
/** Where the workflow keeps backups when the repo says nothing else: <root>/<timestamp>/ on the Proxmox host. */
export const DEFAULT_BACKUP_ROOT = '/var/backups/infrastructure';
export const RESTORE_ROLE = 'restore_infrastructure';

/** Certify's settings file; `certify.yaml` is read only where `certify.yml` is missing. */
export const SETTINGS_FILES = ['certify.yml', 'certify.yaml'] as const;
/**
 * The inventory discovery reads (the Proxmox host, `all.vars`), the first that exists: YAML
 * before INI, so a repo moving to YAML is read from the new file while the old one remains,
 * and inventory/ before the repo root, where ansible.cfg usually points.
 */
export const INVENTORY_FILES = [
  'inventory/hosts.yml',
  'inventory/hosts.yaml',
  'hosts.yml',
  'hosts.yaml',
  'inventory/hosts',
  'inventory/hosts.ini',
  'hosts',
  'hosts.ini',
] as const;
/** Folders Ansible reads group and host variables from: beside the inventory, the playbooks, or the repo root. */
export const VARS_BASES = ['group_vars', 'inventory/group_vars', 'playbooks/group_vars', 'host_vars', 'inventory/host_vars', 'playbooks/host_vars'] as const;
/** Where Certify keeps its records (`.certify/<service>/record.json`). */
export const STORE_DIR = '.certify';
/** The playbooks that back up and restore every service (the steps' runs look for the first that exists). */
export const BACKUP_PLAYBOOKS = ['playbooks/backup-infrastructure.yml', 'playbooks/backup-infrastructure.yaml', 'playbooks/backup.yml'] as const;
export const RESTORE_PLAYBOOKS = ['playbooks/restore-infrastructure.yml', 'playbooks/restore-infrastructure.yaml', 'playbooks/restore.yml'] as const;
export const SERVICES_DIR = 'services';
export const PLAYBOOKS_DIR = 'playbooks';
export const ROLES_DIR = 'roles';
export const SCRIPTS_DIR = 'scripts';
export const DOCS_DIR = 'docs';
/** Repo-level files validation reads as documentation or configuration. */
export const REPO_DOCS = ['README.md', 'ansible.cfg'] as const;
/** Role folders whose YAML Ansible loads. */
export const ROLE_YAML_FOLDERS = ['tasks', 'handlers', 'defaults', 'vars', 'meta'] as const;
export type RoleYamlFolder = (typeof ROLE_YAML_FOLDERS)[number];

const YAML = '\\.ya?ml';
const NAME = '[^/]+';
const DEFINITION = new RegExp(`^${SERVICES_DIR}/(${NAME})${YAML}$`);
const DEPLOY_PLAYBOOK = new RegExp(`^${PLAYBOOKS_DIR}/(${NAME})-deploy${YAML}$`);
const PLAYBOOK = new RegExp(`^${PLAYBOOKS_DIR}/${NAME}${YAML}$`);
const ROLE_YAML = new RegExp(`^${ROLES_DIR}/(${NAME})/(${ROLE_YAML_FOLDERS.join('|')})/${NAME}${YAML}$`);
const ROLE_DEFAULTS_MAIN = new RegExp(`^${ROLES_DIR}/(${NAME})/defaults/main${YAML}$`);
const ROLE_README = new RegExp(`^${ROLES_DIR}/${NAME}/README\\.md$`);
/** The restore role's task files: discovery reads from them whether it restores all a backup holds. */
const RESTORE_TASKS = new RegExp(`^${ROLES_DIR}/${RESTORE_ROLE}/tasks/${NAME}${YAML}$`);
const VARS_PREFIX = `(?:inventory/|playbooks/)?(?:group_vars|host_vars)/`;
/** A vars file: `group_vars/web.yml`, or one file in a group's folder (`group_vars/all/vault.yml`). */
const VARS_FILE = new RegExp(`^${VARS_PREFIX}${NAME}(?:/${NAME})?${YAML}$`);
/** Anything under a vars folder, examples included (`vault.yml.example` documents vault names). */
const VARS_ANY = new RegExp(`^${VARS_PREFIX}${NAME}(?:/${NAME})?$`);
const GROUP_VARS_ALL = new RegExp(`^(?:inventory/|playbooks/)?group_vars/all(?:${YAML}|/${NAME}${YAML})$`);
/** Every YAML file in inventory/ is an inventory source to Ansible; so is a root hosts file. */
const INVENTORY = new RegExp(`^(?:inventory/${NAME}|hosts)${YAML}$`);
/** Ansible's ini plugin reads any other file as an inventory: in inventory/, those without an extension or with `.ini`. */
const INI_INVENTORY = /^(?:inventory\/(?:[^/.]+|[^/]+\.ini)|hosts|hosts\.ini)$/;
const DOC = new RegExp(`^${DOCS_DIR}/(?:${NAME}/)?${NAME}\\.md$`);
const RECORD = new RegExp(`^\\${STORE_DIR}/(${NAME})/record\\.json$`);
/** A service's folder in the store: created with its record, or deleted with it. */
const RECORD_DIR = new RegExp(`^\\${STORE_DIR}/(${NAME})$`);
/** Files that document rather than configure: never linted, read only as documentation. */
const DOCUMENTATION_ONLY = /\.(example|sample|md|txt|j2)$/i;

/** What a repo path is to Certify. */
export type RepoFileKind =
  | 'settings' // certify.yml
  | 'definition' // services/<name>.yml
  | 'playbook' // playbooks/*.yml (deploy playbooks included)
  | 'role-yaml' // roles/<role>/{tasks,handlers,defaults,vars,meta}/*.yml
  | 'role-readme'
  | 'inventory'
  | 'vars' // group_vars / host_vars YAML
  | 'vars-doc' // group_vars / host_vars files that are not YAML (vault examples)
  | 'doc' // README.md, docs/*.md, ansible.cfg
  | 'record'; // .certify/<service>/record.json

export function repoFileKind(relative: string): RepoFileKind | undefined {
  if (isSettingsFile(relative)) return 'settings';
  if (DEFINITION.test(relative)) return 'definition';
  if (PLAYBOOK.test(relative)) return 'playbook';
  if (ROLE_YAML.test(relative)) return 'role-yaml';
  if (ROLE_README.test(relative)) return 'role-readme';
  if (INVENTORY.test(relative) || INI_INVENTORY.test(relative)) return 'inventory';
  if (VARS_FILE.test(relative) && !DOCUMENTATION_ONLY.test(relative)) return 'vars';
  if (VARS_ANY.test(relative)) return 'vars-doc';
  if ((REPO_DOCS as readonly string[]).includes(relative) || DOC.test(relative)) return 'doc';
  if (RECORD.test(relative)) return 'record';
  return undefined;
}

export function isSettingsFile(relative: string): boolean {
  return (SETTINGS_FILES as readonly string[]).includes(relative);
}

/** The settings file the repo uses among those it has (certify.yml wins). */
export function settingsFileOf(has: (relative: string) => boolean): string | undefined {
  return SETTINGS_FILES.find(has);
}

/** An inventory in INI form: read by repo/iniInventory.ts, never parsed, linted or schema-checked as YAML. */
export const isIniInventory = (relative: string): boolean => INI_INVENTORY.test(relative);

/** The inventory discovery reads among those the repo has. */
export function inventoryFileOf(has: (relative: string) => boolean): string | undefined {
  return INVENTORY_FILES.find(has);
}

/** Certify's own files are YAML 1.2 (JSON-schema checked); Ansible's files are YAML 1.1, as PyYAML reads them. */
export function yamlDialectOf(relative: string): '1.1' | '1.2' {
  return isSettingsFile(relative) || DEFINITION.test(relative) ? '1.2' : '1.1';
}

/** The service a definition file names (`services/<name>.yml` → name). */
export function definitionService(relative: string): string | undefined {
  return DEFINITION.exec(relative)?.[1];
}

/** The service a deploy playbook deploys (`playbooks/<name>-deploy.yml` → name). */
export function deployPlaybookService(relative: string): string | undefined {
  return DEPLOY_PLAYBOOK.exec(relative)?.[1];
}

export const isDeployPlaybook = (relative: string): boolean => DEPLOY_PLAYBOOK.test(relative);
export const isPlaybook = (relative: string): boolean => PLAYBOOK.test(relative);
export const isGroupVarsAll = (relative: string): boolean => GROUP_VARS_ALL.test(relative);
export const isRoleDefaultsMain = (relative: string): boolean => ROLE_DEFAULTS_MAIN.test(relative);
export const isRestoreTaskFile = (relative: string): boolean => RESTORE_TASKS.test(relative);
/** Where the restore role's task files are listed. */
export const RESTORE_TASKS_DIR = `${ROLES_DIR}/${RESTORE_ROLE}/tasks`;

/** The role and folder of a role YAML file (`roles/web/tasks/main.yml` → web, tasks). */
export function roleYamlOf(relative: string): { role: string; folder: RoleYamlFolder } | undefined {
  const match = ROLE_YAML.exec(relative);
  return match ? { role: match[1], folder: match[2] as RoleYamlFolder } : undefined;
}

/** The role a path lies in (`roles/<role>/…`). */
export function roleOf(relative: string): string | undefined {
  return new RegExp(`^${ROLES_DIR}/(${NAME})/`).exec(relative)?.[1];
}

/** A role's defaults file, main.yml first: discovery reads main.yaml only where main.yml is missing. */
export function roleDefaultsFiles(role: string): [string, string] {
  return [`${ROLES_DIR}/${role}/defaults/main.yml`, `${ROLES_DIR}/${role}/defaults/main.yaml`];
}

/** The record file of a service (`.certify/<service>/record.json`). */
export function recordPath(service: string): string {
  return `${STORE_DIR}/${service}/record.json`;
}

/**
 * The service whose record a path is, for watchers: its record.json, or its folder in the store
 * (a folder made and its record written at once, or a folder deleted, may reach a watcher as
 * the folder's event alone).
 */
export function recordService(relative: string): string | undefined {
  return (RECORD.exec(relative) ?? RECORD_DIR.exec(relative))?.[1];
}

export const definitionPath = (service: string): string => `${SERVICES_DIR}/${service}.yml`;
export const deployPlaybookPath = (service: string): string => `${PLAYBOOKS_DIR}/${service}-deploy.yml`;

/** Files discovery reads: each change to one of them can change the services Certify knows. */
export function isDiscoveryFile(relative: string): boolean {
  return (
    isSettingsFile(relative) ||
    DEFINITION.test(relative) ||
    DEPLOY_PLAYBOOK.test(relative) ||
    ROLE_DEFAULTS_MAIN.test(relative) ||
    RESTORE_TASKS.test(relative) ||
    (INVENTORY_FILES as readonly string[]).includes(relative) ||
    GROUP_VARS_ALL.test(relative)
  );
}

/** Files validation reads (discovery's included): what it checks, and where vault names are documented. */
export function isValidationFile(relative: string): boolean {
  const kind = repoFileKind(relative);
  return kind !== undefined && kind !== 'record';
}

/** Which check applies: Certify's files get their JSON schema, Ansible's files syntax checks and lint. */
export type CheckKind = 'service-definition' | 'settings' | 'ansible' | 'other';

export function checkKindOf(relative: string): CheckKind {
  switch (repoFileKind(relative)) {
    case 'definition':
      return 'service-definition';
    case 'settings':
      return 'settings';
    case 'inventory':
      return isIniInventory(relative) ? 'other' : 'ansible';
    case 'playbook':
    case 'role-yaml':
    case 'vars':
      return 'ansible';
    default:
      return 'other';
  }
}

/** The kind of Ansible file lint sees, or undefined when lint has nothing to say about a path. */
export type LintFileKind = RoleYamlFolder | 'playbook' | 'inventory';

export function lintKindOf(relative: string): { kind: LintFileKind; role?: string } | undefined {
  if (DOCUMENTATION_ONLY.test(relative)) return undefined;
  const role = roleYamlOf(relative);
  if (role) return { kind: role.folder, role: role.role };
  if (PLAYBOOK.test(relative)) return { kind: 'playbook' };
  if (INVENTORY.test(relative) || VARS_FILE.test(relative)) return { kind: 'inventory' };
  return undefined;
}

/** Whether a folder is an infrastructure repo: it has one of these (the CLI's repo finder). */
export const REPO_MARKERS = [...SETTINGS_FILES, SERVICES_DIR, PLAYBOOKS_DIR] as const;

/**
 * What the extension watches (a VS Code glob relative to the repo folder): every file whose
 * kind is known above, its folders (a deleted folder reports only itself), and scripts/
 * (discovery lists the populate and verify scripts).
 */
export const WATCH_GLOB = `{${[
  ...SETTINGS_FILES,
  ...REPO_DOCS,
  ...INVENTORY_FILES.filter((file) => !file.includes('/')),
  ...[SERVICES_DIR, PLAYBOOKS_DIR, ROLES_DIR, 'inventory', 'group_vars', 'host_vars', DOCS_DIR, SCRIPTS_DIR].map((dir) => `${dir}/**`),
].join(',')}}`;

/** The record files the extension watches, and the services' folders that hold them. */
export const RECORD_WATCH_GLOB = `${STORE_DIR}/{*,*/record.json}`;

/** `workspaceContains:` globs that make a folder a Certify repo (package.json's activationEvents). */
export const ACTIVATION_GLOBS = [
  ...[`${PLAYBOOKS_DIR}/*-deploy.yml`, `${PLAYBOOKS_DIR}/*-deploy.yaml`],
  ...[`${SERVICES_DIR}/*.yml`, `${SERVICES_DIR}/*.yaml`],
  ...SETTINGS_FILES,
] as const;

/** The manifest's `yamlValidation` file patterns, per schema. */
export const SCHEMA_FILE_MATCH = {
  service: [`${SERVICES_DIR}/*.yml`, `${SERVICES_DIR}/*.yaml`],
  certify: [...SETTINGS_FILES],
} as const;
