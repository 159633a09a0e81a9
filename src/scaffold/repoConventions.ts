// What the new role should follow from the repo it lands in: the site variables group_vars
// define (so the role uses them instead of inventing its own), the Proxmox module the other roles
// call, the shared PostgreSQL server, and where vault variables are documented.

import type { RepoModel } from '../core/service';
import { BACKUP_ROLE, roleDefaultsFiles, yamlDialectOf } from '../repo/layout';
import { collectGroupVars } from '../repo/discovery';
import { parseYaml, type ParsedYaml, type YamlEntry } from '../yaml/parse';

export interface PostgresServer {
  name: string;
  containerId: number;
  /** Inventory host the database tasks delegate to. */
  host: string;
}

export interface RepoConventions {
  /** Names defined in inventory all.vars and group_vars/all. */
  siteVars: ReadonlySet<string>;
  /** The value of `domain` when the repo defines one (resolved only when it is plain text). */
  domain?: string;
  proxmoxModule: 'community.general.proxmox' | 'community.proxmox.proxmox';
  /** API token (proxmox_api_token_id/secret) or password (proxmox_api_password) authentication. */
  proxmoxAuth: 'token' | 'password';
  postgres?: PostgresServer;
  /** The vault example file (…/vault.yml.example), when the repo has one. */
  vaultExample?: string;
}

const POSTGRES_NAMES = ['postgresql', 'postgres'];
const VAULT_EXAMPLE = /(^|\/)[^/]*vault[^/]*\.example$/i;

export function readConventions(model: RepoModel, texts: ReadonlyMap<string, string>): RepoConventions {
  const files = [...texts.keys()].sort();
  const parsed = (file: string): ParsedYaml | undefined => {
    const text = texts.get(file);
    return text === undefined ? undefined : parseYaml(file, text, yamlDialectOf(file));
  };
  const { groupVars } = collectGroupVars(files, parsed, (file) => texts.get(file));
  const domain = plainString(groupVars.get('domain'));
  const usesNewModule = files.some((file) => /^roles\/[^/]+\/tasks\//.test(file) && /\bcommunity\.proxmox\.proxmox\s*:/.test(texts.get(file) ?? ''));
  const password = groupVars.has('proxmox_api_password') && !groupVars.has('proxmox_api_token_id');
  const vaultPreferred = ['inventory/group_vars/all/vault.yml.example', 'group_vars/all/vault.yml.example'];
  const vaultCandidates = files.filter((file) => VAULT_EXAMPLE.test(file));
  return {
    siteVars: new Set(groupVars.keys()),
    domain,
    proxmoxModule: usesNewModule ? 'community.proxmox.proxmox' : 'community.general.proxmox',
    proxmoxAuth: password ? 'password' : 'token',
    postgres: postgresServer(model, parsed(roleDefaultsFiles(BACKUP_ROLE)[0]) ?? parsed(roleDefaultsFiles(BACKUP_ROLE)[1])),
    vaultExample: vaultPreferred.find((file) => vaultCandidates.includes(file)) ?? vaultCandidates[0],
  };
}

/** The repo's PostgreSQL service (named postgresql or postgres) with a known container id. */
export function postgresServer(model: RepoModel, backupDefaults?: ParsedYaml): PostgresServer | undefined {
  const service = model.services.find((candidate) => POSTGRES_NAMES.includes(candidate.name));
  const id = service?.facts.containerId;
  if (!service || id?.kind !== 'known') return undefined;
  const stated = plainString(backupDefaults?.entries.get('backup_postgresql_host'));
  return { name: service.name, containerId: id.value, host: stated ?? `${service.name.replace(/-/g, '_')}_container` };
}

function plainString(entry: YamlEntry | undefined): string | undefined {
  const value = entry?.value;
  return typeof value === 'string' && !/\{\{|\{%/.test(value) && value.trim() !== '' ? value.trim() : undefined;
}
