// The model of one service as Certify knows it from the repo, with every fact's origin,
// so front ends can say where a value came from and never present a guess as a fact.

import type { Finding, SourceRef } from './findings';

/** Where a fact was read: the service definition, a role's defaults/main.yml, or group_vars (which override role defaults, as in Ansible). */
export type FactOrigin = 'definition' | 'role-defaults' | 'group-vars';

export type Fact<T> =
  /** `template` keeps the Jinja text when the value came from resolving plain `{{ var }}` references. */
  | { kind: 'known'; value: T; origin: FactOrigin; source: SourceRef; template?: string }
  /** The repo states the value as a Jinja expression we cannot evaluate statically. */
  | { kind: 'unresolved'; expression: string; origin: FactOrigin; source: SourceRef };

export interface ServiceFacts {
  containerId?: Fact<number>;
  hostname?: Fact<string>;
  ipAddress?: Fact<string>;
  servicePort?: Fact<number>;
  /** https://<hostname>.<domain> or the definition's external URL. */
  externalUrl?: Fact<string>;
}

/** A role a deploy playbook applies, and how the playbook refers to it. */
export interface RoleRef {
  name: string;
  via: 'roles' | 'include_role' | 'import_role' | 'definition';
  source: SourceRef;
  /** Repo-relative role directory when it exists in the repo (roles/<name>). */
  dir?: string;
}

/** How the backup_infrastructure / restore_infrastructure roles cover a service. */
export interface Coverage {
  /** Variables in the role's defaults that name this service (by name, container id or database). */
  entries: { variable: string; detail: string; source: SourceRef }[];
  /** `backup_<service>_enabled` / `restore_<service>_enabled`, when the role has one. */
  toggle?: { variable: string; enabled: boolean | 'unresolved'; source: SourceRef };
}

/** Covered means: the role names the service somewhere and does not switch it off. */
export function isCovered(coverage: Coverage): boolean {
  return coverage.entries.length > 0 && coverage.toggle?.enabled !== false;
}

export interface Service {
  name: string;
  /** services/<name>.yml, when the repo has one. */
  definitionFile?: string;
  /** playbooks/<name>-deploy.yml, when the repo has one. */
  deployPlaybook?: string;
  roles: RoleRef[];
  facts: ServiceFacts;
  /**
   * What the deploy role's defaults (with group_vars) state, before the definition overrides
   * it in `facts`; consistency checks compare the two. Absent when no applied role states any.
   */
  roleFacts?: ServiceFacts;
  /** Databases the service owns: `<prefix>_db_name` in its role defaults, `database` of its definition's backup items. */
  databases?: string[];
  backup: Coverage;
  restore: Coverage;
  /** scripts/populate-<name>-testdata.sh and scripts/verify-<name>-testdata.sh when present. */
  scripts: { populate?: string; verify?: string };
}

/** The Proxmox admin host the deploy playbooks target (inventory group proxmox_admin). */
export interface ProxmoxHost {
  name: string;
  address?: string;
  user?: string;
  port?: number;
  source: SourceRef;
}

export interface RepoModel {
  /** Absolute path of the repo root. */
  root: string;
  services: Service[];
  proxmoxHost?: ProxmoxHost;
  /** backup_root_dir from the backup role (default /var/backups/infrastructure). */
  backupRoot?: Fact<string>;
  findings: Finding[];
}
