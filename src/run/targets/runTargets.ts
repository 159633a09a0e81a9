// Where a certification runs: the Proxmox host (over SSH, and its API over HTTPS), the vantage
// host outside the infrastructure (over SSH, the workflow's external VPS), and the controller —
// this machine, where ansible-playbook, the test-data scripts and health checks run. Read from the
// environment (`certify lab env` output points all of it at the local lab) and the repo
// (inventory group proxmox_admin, certify.yml), never from a guess.

import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RepoModel } from '../../core/service';
import { DEFAULT_BACKUP_ROOT } from '../../repo/layout';
import certifySchema from '../../../schemas/certify.schema.json';
import type { ProxmoxApiEndpoint } from '../exec/proxmoxApiEndpoint';
import type { SshEndpoint } from '../exec/sshEndpoint';

export interface ControllerTarget {
  /**
   * argv put before every controller command that talks to the infrastructure (ansible-playbook,
   * scripts, curl). Empty on a real network; the lab's `ip netns exec … env …` in the lab.
   */
  readonly prefix: readonly string[];
  /** `-e @file` for every playbook run (the lab's vault variables and paths). */
  readonly extraVarsFiles: readonly string[];
}

export interface VantageTarget {
  readonly ssh: SshEndpoint;
  /** CA file on the vantage host to trust for the service's certificate; absent = the host's own trust store. */
  readonly caFile?: string;
}

export interface ApiTarget extends ProxmoxApiEndpoint {
  /** The node's name in API paths (/nodes/<node>/lxc/…). */
  readonly node: string;
}

export interface RunTargets {
  /** "the local lab certify" or "pve01 (inventory)": said in every run header. */
  readonly description: string;
  readonly proxmox: SshEndpoint;
  /** The Proxmox API with a token; absent when no URL, token id or secret is given. */
  readonly api?: ApiTarget;
  /** Absent: Step 2's external probes cannot run, and say so. */
  readonly vantage?: VantageTarget;
  /** The public resolvers Step 2 asks (the workflow: "DNS resolves correctly from external resolvers"). */
  readonly resolvers: readonly string[];
  readonly controller: ControllerTarget;
  /** Where the backup role writes: <root>/<timestamp>/, on the host `backupHost` names. */
  readonly backupRoot: string;
  /**
   * Which machine keeps the backups: the Proxmox host (the workflow's /var/backups/infrastructure)
   * or the controller (a NAS or admin machine that runs Ansible and keeps them itself).
   */
  readonly backupHost: BackupHost;
}

export const BACKUP_HOSTS = ['proxmox', 'controller'] as const;
export type BackupHost = (typeof BACKUP_HOSTS)[number];

/** What certify.yml says under `backup:` (root and host), as far as the run needs it. */
export interface BackupSettings {
  readonly root?: string;
  readonly host?: BackupHost;
}

/** What certify.schema.json accepts as backup.root: an absolute path, no `..`, no shell characters. */
const BACKUP_ROOT = new RegExp(certifySchema.properties.backup.properties.root.pattern);

/**
 * certify.yml's `backup:` as the run uses it. A value the schema refuses is left out here (the
 * default stands) and reported by validation where it is written.
 */
export function backupSettingsOf(settings: Record<string, unknown>): BackupSettings {
  const backup = settings.backup;
  if (typeof backup !== 'object' || backup === null || Array.isArray(backup)) return {};
  const { root, host } = backup as Record<string, unknown>;
  return {
    ...(typeof root === 'string' && BACKUP_ROOT.test(root) ? { root: root.replace(/\/$/, '') } : {}),
    ...(typeof host === 'string' && (BACKUP_HOSTS as readonly string[]).includes(host) ? { host: host as BackupHost } : {}),
  };
}

/**
 * Where backups are kept, as the run looks for them: certify.yml's backup.root, else the backup
 * role's own variable, else the workflow's folder; on the host certify.yml names (the Proxmox host).
 */
export function backupLocation(repo: RepoModel, backup: BackupSettings): { root: string; host: BackupHost } {
  return {
    root: backup.root ?? (repo.backupRoot?.kind === 'known' ? repo.backupRoot.value : DEFAULT_BACKUP_ROOT),
    host: backup.host ?? 'proxmox',
  };
}

/** "on the Proxmox host" / "on the controller": said wherever a backup is looked for. */
export function backupHostText(host: BackupHost): string {
  return host === 'controller' ? 'on the controller' : 'on the Proxmox host';
}

export class TargetsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetsUnavailableError';
  }
}

const DEFAULT_RESOLVERS = ['1.1.1.1', '8.8.8.8'];

/**
 * The lab when `certify lab env` was loaded into the environment; else the repo and CERTIFY_*
 * variables. certify.yml's `backup:` names where backups are kept; in the lab they are on its node.
 */
export function resolveTargets(repo: RepoModel, env: NodeJS.ProcessEnv = process.env, backup: BackupSettings = {}): RunTargets {
  return env.CERTIFY_LAB_DIR ? labTargets(env) : repoTargets(repo, env, backup);
}

function labTargets(env: NodeJS.ProcessEnv): RunTargets {
  const need = (key: string): string => {
    const value = env[key];
    if (!value) throw new TargetsUnavailableError(`${key} is not set: load the lab's settings with eval "$(certify lab env)".`);
    return value;
  };
  const knownHostsFile = need('CERTIFY_LAB_KNOWN_HOSTS');
  const identityFile = need('CERTIFY_LAB_SSH_IDENTITY');
  const proxmox: SshEndpoint = {
    name: need('CERTIFY_LAB_NODE_NAME'),
    host: need('CERTIFY_LAB_SSH_HOST'),
    port: Number(need('CERTIFY_LAB_SSH_PORT')),
    username: need('CERTIFY_LAB_SSH_USER'),
    identityFile,
    knownHostsFile,
  };
  const [vantageUser, vantageHost] = need('CERTIFY_LAB_VANTAGE').split('@');
  const api: ApiTarget = {
    url: need('PROXMOX_API_URL'),
    tokenId: need('PROXMOX_API_TOKEN_ID'),
    secret: readSecretFile(need('PROXMOX_API_TOKEN_SECRET_FILE')),
    // The lab's node certificate is signed by the lab's CA and names the forwarded address.
    caFile: need('CERTIFY_LAB_CA'),
    node: proxmox.name,
  };
  return {
    description: `the local lab "${need('CERTIFY_LAB_NAME')}" (${proxmox.name} at ${proxmox.host}:${proxmox.port})`,
    proxmox,
    api,
    // The lab's vantage host lives in the lab's outside world; the node reaches it, this machine does not.
    vantage: {
      ssh: { name: 'vantage', host: vantageHost, port: 22, username: vantageUser, identityFile, knownHostsFile, jump: proxmox },
      caFile: need('CERTIFY_LAB_CA'),
    },
    resolvers: (env.CERTIFY_LAB_RESOLVERS ?? '').split(/\s+/).filter(Boolean),
    controller: { prefix: splitPrefix(need('CERTIFY_LAB_RUN')), extraVarsFiles: [need('CERTIFY_LAB_EXTRA_VARS')] },
    backupRoot: need('CERTIFY_LAB_BACKUP_ROOT'),
    backupHost: 'proxmox',
  };
}

/**
 * A real Proxmox host: the inventory's proxmox_admin host (CERTIFY_PROXMOX_SSH=user@host:port
 * overrides it), ssh keys from CERTIFY_SSH_IDENTITY or the agent, ~/.ssh/known_hosts; the
 * vantage host from CERTIFY_VANTAGE_SSH (user@host:port); the API as repoApi reads it.
 */
function repoTargets(repo: RepoModel, env: NodeJS.ProcessEnv, backup: BackupSettings): RunTargets {
  const knownHostsFile = env.CERTIFY_KNOWN_HOSTS ?? path.join(os.homedir(), '.ssh', 'known_hosts');
  const identityFile = env.CERTIFY_SSH_IDENTITY || undefined;
  const host = repo.proxmoxHost;
  const fromEnv = env.CERTIFY_PROXMOX_SSH ? parseSshTarget(env.CERTIFY_PROXMOX_SSH, 'CERTIFY_PROXMOX_SSH') : undefined;
  const address = fromEnv?.host ?? host?.address ?? host?.name;
  if (!address) {
    throw new TargetsUnavailableError(
      'No Proxmox host: the inventory has no proxmox_admin host. Add one, set CERTIFY_PROXMOX_SSH=user@host[:port], or use the local lab (certify lab up; eval "$(certify lab env)").',
    );
  }
  const proxmox: SshEndpoint = {
    name: host?.name ?? address,
    host: address,
    port: fromEnv?.port ?? host?.port ?? 22,
    username: fromEnv?.user ?? host?.user ?? 'root',
    ...(identityFile ? { identityFile } : {}),
    knownHostsFile,
  };
  const api = repoApi(env, env.CERTIFY_PROXMOX_NODE || proxmox.name);
  const vantageSsh = env.CERTIFY_VANTAGE_SSH ? parseSshTarget(env.CERTIFY_VANTAGE_SSH, 'CERTIFY_VANTAGE_SSH') : undefined;
  const stored = backupLocation(repo, backup);
  return {
    description: `${proxmox.name} (${proxmox.username}@${proxmox.host}:${proxmox.port})`,
    proxmox,
    ...(api ? { api } : {}),
    ...(vantageSsh
      ? {
          vantage: {
            ssh: { name: 'vantage', host: vantageSsh.host, port: vantageSsh.port ?? 22, username: vantageSsh.user ?? 'root', ...(identityFile ? { identityFile } : {}), knownHostsFile },
            ...(env.CERTIFY_VANTAGE_CA ? { caFile: env.CERTIFY_VANTAGE_CA } : {}),
          },
        }
      : {}),
    resolvers: env.CERTIFY_RESOLVERS ? env.CERTIFY_RESOLVERS.split(/[\s,]+/).filter(Boolean) : DEFAULT_RESOLVERS,
    controller: { prefix: [], extraVarsFiles: (env.CERTIFY_EXTRA_VARS ?? '').split(path.delimiter).filter(Boolean) },
    backupRoot: stored.root,
    backupHost: stored.host,
  };
}

/**
 * The API of a real node from PROXMOX_API_URL (or CERTIFY_PROXMOX_API_URL), PROXMOX_API_TOKEN_ID
 * and PROXMOX_API_TOKEN_SECRET; its certificate pinned by CERTIFY_PROXMOX_FINGERPRINT or trusted
 * through CERTIFY_PROXMOX_CA (else the system store). Absent unless all three are set.
 */
function repoApi(env: NodeJS.ProcessEnv, node: string): ApiTarget | undefined {
  const url = env.PROXMOX_API_URL || env.CERTIFY_PROXMOX_API_URL;
  const tokenId = env.PROXMOX_API_TOKEN_ID;
  const secret = env.PROXMOX_API_TOKEN_SECRET;
  if (!url || !tokenId || !secret) return undefined;
  return {
    url,
    tokenId,
    secret,
    ...(env.CERTIFY_PROXMOX_FINGERPRINT ? { fingerprint: env.CERTIFY_PROXMOX_FINGERPRINT } : {}),
    ...(env.CERTIFY_PROXMOX_CA ? { caFile: env.CERTIFY_PROXMOX_CA } : {}),
    node,
  };
}

/** The lab's token secret, written by `certify lab up`. */
function readSecretFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new TargetsUnavailableError(`Cannot read the lab's API token secret ${file} (${(error as Error).message}): is the lab up? Start it with certify lab up.`);
  }
}

/** "user@host:port", "host", "[v6::addr]:port". */
export function parseSshTarget(text: string, variable: string): { user?: string; host: string; port?: number } {
  const match = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!match) throw new TargetsUnavailableError(`${variable}="${text}" is not user@host[:port].`);
  const [, user, rawHost, port] = match;
  return { ...(user ? { user } : {}), host: rawHost.replace(/^\[|\]$/g, ''), ...(port ? { port: Number(port) } : {}) };
}

/**
 * CERTIFY_LAB_RUN is a shell-quoted command prefix (`certify lab env` writes it with
 * core/shellQuote): split it back into its words.
 */
export function splitPrefix(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new TargetsUnavailableError('CERTIFY_LAB_RUN has an unclosed quote.');
      current += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
