// The lab's keys and secrets, made once and kept across `up` runs (a second `up` must not
// change what a client already holds): ssh keys, the API token, Ansible's extra vars. Every
// secret is random, made at run time, and written 0600.

import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { LabLayout } from '../labLayout';
import { runCommand } from '../net/runCommand';
import { API_TOKEN_ID, labFiles, type LabFiles } from './labFiles';

export async function ensureSshKey(file: string, comment: string): Promise<void> {
  if (existsSync(file) && existsSync(`${file}.pub`)) return;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await runCommand(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { allowFailure: false });
}

export async function ensureLabKeys(layout: LabLayout): Promise<void> {
  const files = labFiles(layout);
  await ensureSshKey(files.operatorKey, `certify-lab-operator@${layout.name}`);
  await ensureSshKey(files.nodeHostKey, `${layout.node.name}@${layout.name}`);
  await ensureSshKey(files.vantageHostKey, `vantage@${layout.name}`);
  await writeFile(files.authorizedKeys, await readFile(`${files.operatorKey}.pub`, 'utf8'), { mode: 0o600 });
  await writeKnownHosts(layout);
  await writeFile(files.sshConfig, sshClientConfig(files), { mode: 0o600 });
}

/** Every ssh run in the lab (Ansible's included) uses the lab's key and known_hosts, strictly. */
export function sshClientConfig(files: LabFiles): string {
  return [
    '# Written by `certify lab up`: ssh in the lab uses the lab operator key and known_hosts.',
    'Host *',
    `  IdentityFile ${files.operatorKey}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${files.knownHosts}`,
    '  StrictHostKeyChecking yes',
    '',
  ].join('\n');
}

/**
 * The node's and the vantage host's keys under every name a client uses for them. Lines for
 * other hosts (the containers, added by the repo's roles) are kept.
 */
async function writeKnownHosts(layout: LabLayout): Promise<void> {
  const files = labFiles(layout);
  const nodeKey = publicKeyOf(await readFile(`${files.nodeHostKey}.pub`, 'utf8'));
  const vantageKey = publicKeyOf(await readFile(`${files.vantageHostKey}.pub`, 'utf8'));
  const ours: [string, string][] = [
    [layout.node.management.address, nodeKey],
    [layout.node.name, nodeKey],
    [`[127.0.0.1]:${layout.forwards.sshPort}`, nodeKey],
    [layout.vantage.address, vantageKey],
  ];
  const names = new Set(ours.map(([host]) => host));
  const existing = existsSync(files.knownHosts) ? (await readFile(files.knownHosts, 'utf8')).split('\n') : [];
  const kept = existing.filter((line) => line.trim() !== '' && !names.has(line.split(' ')[0]));
  await writeFile(files.knownHosts, [...ours.map(([host, key]) => `${host} ${key}`), ...kept].join('\n') + '\n', { mode: 0o600 });
}

/** `ssh-ed25519 AAAA… comment` → `ssh-ed25519 AAAA…`. */
function publicKeyOf(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(' ');
}

/** The API token's secret: kept when the token file exists, else a new random UUID. */
export async function ensureApiToken(layout: LabLayout): Promise<string> {
  const files = labFiles(layout);
  let secret: string | undefined;
  try {
    const parsed = JSON.parse(await readFile(files.apiTokens, 'utf8')) as { tokens?: { tokenid?: string; secret?: string }[] };
    secret = parsed.tokens?.find((token) => token.tokenid === API_TOKEN_ID)?.secret;
  } catch {
    secret = undefined;
  }
  secret ??= randomUUID();
  await writeFile(files.apiTokens, `${JSON.stringify({ tokens: [{ tokenid: API_TOKEN_ID, secret }] }, null, 2)}\n`, { mode: 0o600 });
  await writeFile(files.apiTokenSecret, `${secret}\n`, { mode: 0o600 });
  await chmod(files.apiTokens, 0o600);
  return secret;
}

/**
 * Ansible's extra vars for the lab (`-e @lab-vars.yml`): the vault variables the example repo
 * references (kept across runs once made), where the lab's certificates are, and the node's
 * backup folder.
 */
export async function ensureExtraVars(layout: LabLayout, tokenSecret: string): Promise<void> {
  const files = labFiles(layout);
  let previous: Record<string, unknown> = {};
  try {
    const value: unknown = parse(await readFile(files.extraVars, 'utf8'));
    if (value !== null && typeof value === 'object') previous = value as Record<string, unknown>;
  } catch {
    previous = {};
  }
  const kept = (key: string): string => (typeof previous[key] === 'string' && previous[key] !== '' ? (previous[key] as string) : randomSecret());
  const vars = {
    vault_proxmox_api_token_secret: tokenSecret,
    vault_container_root_password: kept('vault_container_root_password'),
    vault_notes_db_password: kept('vault_notes_db_password'),
    tls_certificate_dir: layout.paths.pki,
    tls_ca_file: files.caCert,
    // The backup and restore roles run on the node: in the lab, its folders live in the lab's.
    backup_root_dir: layout.paths.backups,
    restore_root_dir: layout.paths.backups,
    restore_report_dir: path.join(layout.paths.logs, 'restore-reports'),
  };
  const header = '# Written by `certify lab up`: the lab\'s secrets and paths, for ansible-playbook -e @<this file>.\n';
  await writeFile(files.extraVars, header + stringify(vars), { mode: 0o600 });
  await chmod(files.extraVars, 0o600);
}

function randomSecret(): string {
  return randomBytes(18).toString('base64url');
}
