// The run's secrets from VS Code's secret storage, never from a file in the repo: the Proxmox
// API token secret goes to the run as PROXMOX_API_TOKEN_SECRET, the Ansible vault password as a
// temporary 0600 file named by ANSIBLE_VAULT_PASSWORD_FILE, removed when the run ends. The
// engine reads both to redact them from every transcript and record.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { vscode } from '../vscodeApi';
import { notify } from '../notify';

const KEYS = {
  apiToken: 'certify.proxmoxApiTokenSecret',
  vaultPassword: 'certify.ansibleVaultPassword',
} as const;

type SecretName = keyof typeof KEYS;

const PROMPTS: Record<SecretName, { title: string; prompt: string; stored: string; removed: string }> = {
  apiToken: {
    title: 'Certify: Proxmox API Token Secret',
    prompt: "The secret of the Proxmox API token (PROXMOX_API_TOKEN_ID names the token). Kept in VS Code's secret storage; leave empty to remove it.",
    stored: 'The Proxmox API token secret is saved in secret storage: runs get it as PROXMOX_API_TOKEN_SECRET.',
    removed: 'The Proxmox API token secret was removed from secret storage.',
  },
  vaultPassword: {
    title: 'Certify: Ansible Vault Password',
    prompt: "The password of the repo's ansible-vault files. Kept in VS Code's secret storage; leave empty to remove it.",
    stored: 'The Ansible vault password is saved in secret storage: runs get it through a temporary ANSIBLE_VAULT_PASSWORD_FILE.',
    removed: 'The Ansible vault password was removed from secret storage.',
  },
};

/** "Set Proxmox API Token…" / "Set Ansible Vault Password…": Escape changes nothing, empty removes. */
export function setSecret(secrets: vscode.SecretStorage, name: SecretName) {
  return async (): Promise<void> => {
    const text = PROMPTS[name];
    const value = await vscode.window.showInputBox({ title: text.title, prompt: text.prompt, password: true, ignoreFocusOut: true });
    if (value === undefined) return;
    if (value === '') {
      await secrets.delete(KEYS[name]);
      notify('info', text.removed);
      return;
    }
    await secrets.store(KEYS[name], value);
    notify('info', text.stored);
  };
}

export interface RunSecrets {
  readonly env: Record<string, string>;
  /** Removes the temporary vault password file; safe to call twice. */
  dispose(): Promise<void>;
}

export async function runSecrets(secrets: vscode.SecretStorage): Promise<RunSecrets> {
  const [token, vault] = await Promise.all([secrets.get(KEYS.apiToken), secrets.get(KEYS.vaultPassword)]);
  const env: Record<string, string> = {};
  if (token) env.PROXMOX_API_TOKEN_SECRET = token;
  if (!vault) return { env, dispose: async () => {} };
  // A folder of its own (0700 from mkdtemp) holding one 0600 file, written before anyone can open it.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-vault-'));
  const file = path.join(dir, 'vault-password');
  try {
    await fs.writeFile(file, `${vault}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  env.ANSIBLE_VAULT_PASSWORD_FILE = file;
  return { env, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
}
