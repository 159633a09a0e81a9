// The secret values a run must never write down: the Proxmox API token, the Ansible vault
// password, and vault or password-like variables in the extra-vars files the run passes to
// Ansible (the lab's vault values live there). Read where they are kept, at run start.

import { promises as fs } from 'node:fs';
import { parse } from 'yaml';

/** Variable names whose values are secrets: vault_*, and anything naming a password, secret, token or key. */
const SECRET_NAME = /^vault_|pass(word|wd|phrase)?|secret|token|private_key|api_key/i;

export async function knownSecrets(env: NodeJS.ProcessEnv, extraVarsFiles: readonly string[]): Promise<string[]> {
  const secrets: string[] = [];
  for (const key of ['PROXMOX_API_TOKEN_SECRET', 'CERTIFY_VAULT_PASSWORD', 'ANSIBLE_VAULT_PASSWORD']) {
    if (env[key]) secrets.push(env[key] as string);
  }
  for (const key of ['PROXMOX_API_TOKEN_SECRET_FILE', 'ANSIBLE_VAULT_PASSWORD_FILE']) {
    const text = env[key] ? await readSmall(env[key] as string) : undefined;
    if (text) secrets.push(text.trim());
  }
  // One secret per line, for values Certify cannot find by itself.
  if (env.CERTIFY_SECRETS) secrets.push(...env.CERTIFY_SECRETS.split('\n'));
  for (const file of extraVarsFiles) {
    const text = await readSmall(file);
    if (text) secrets.push(...secretValues(safeParse(text)));
  }
  return secrets.map((s) => s.trim()).filter(Boolean);
}

/** String values under secret-looking names, at any depth. */
export function secretValues(value: unknown, underSecret = false): string[] {
  if (typeof value === 'string') return underSecret ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => secretValues(item, underSecret));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => secretValues(item, underSecret || SECRET_NAME.test(key)));
  }
  return [];
}

async function readSmall(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    // An executable vault password file is a script that prints the password: never run here.
    if (!stat.isFile() || stat.size > 1024 * 1024 || (stat.mode & 0o111) !== 0) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function safeParse(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}
