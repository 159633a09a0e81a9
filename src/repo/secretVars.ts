// Which Ansible variables hold secrets: those named `vault_*` (the convention Ansible's docs
// teach), every variable a vault file defines (`group_vars/all/vault.yml`, `*vault*.yml` under
// group_vars or host_vars) and any whose value is an Ansible-vault blob (`!vault |`,
// `$ANSIBLE_VAULT;…`). Their values are never resolved into facts nor shown, even when the repo
// (wrongly) keeps them in plain text: a plaintext vault value is still a password. Pure.

import type { YamlEntry } from '../yaml/parse';

const VAULT_NAME = /^vault_/i;
const VAULT_FILE = /^(?:inventory\/|playbooks\/)?(?:group_vars|host_vars)\/(?:[^/]+\/)?[^/]*vault[^/]*\.ya?ml$/i;
const VAULT_BLOB = /^\s*\$ANSIBLE_VAULT;/;

/** A vars file that holds the vault's variables. */
export function isVaultFile(relative: string): boolean {
  return VAULT_FILE.test(relative);
}

/** An encrypted value: `!vault |` reads as the text `$ANSIBLE_VAULT;1.1;AES256…`. */
export function isVaultBlob(value: unknown): boolean {
  return typeof value === 'string' && VAULT_BLOB.test(value);
}

export function isSecretVar(name: string, entry: YamlEntry): boolean {
  return VAULT_NAME.test(name) || isVaultFile(entry.source.file) || isVaultBlob(entry.value);
}
