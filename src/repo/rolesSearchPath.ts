// Where Ansible looks for a role a play names, besides the repo's roles/: the folders of
// ansible.cfg's roles_path (`roles_path = roles:vendor/roles`, taken from the repo root, where
// the file sits) and roles/ next to the playbooks (playbooks/roles/, which Ansible searches first
// for a playbook in playbooks/). Only folders inside the repo count: a role installed elsewhere
// (~/.ansible/roles, /etc/ansible/roles) cannot be seen from here, and a folder named through a
// variable or ~ is not guessed at.

import * as path from 'node:path';
import { iniValue, parseIni } from './iniFile';
import { PLAYBOOKS_DIR, ROLES_DIR } from './layout';

/** The repo's ansible.cfg (Certify reads the one at the root, where Ansible finds it when run from there). */
export const ANSIBLE_CFG = 'ansible.cfg';

/** Repo-relative folders beyond roles/ that hold roles, in search order, each once. */
export function extraRoleFolders(ansibleCfg: string | undefined): string[] {
  const configured = ansibleCfg === undefined ? undefined : iniValue(parseIni(ansibleCfg), 'defaults', 'roles_path');
  const folders = [`${PLAYBOOKS_DIR}/${ROLES_DIR}`, ...(configured ?? '').split(':').map(inRepo)];
  return [...new Set(folders.filter((folder): folder is string => folder !== undefined && folder !== ROLES_DIR))];
}

/** `vendor/roles/` or `./vendor/roles` → vendor/roles; nothing for a folder outside the repo or named through ~, $ or {{ }}. */
function inRepo(entry: string): string | undefined {
  const trimmed = entry.trim();
  if (trimmed === '' || /[~$]|\{\{/.test(trimmed) || path.posix.isAbsolute(trimmed)) return undefined;
  const normal = path.posix.normalize(trimmed).replace(/\/+$/, '');
  return normal === '.' || normal === '..' || normal.startsWith('../') ? undefined : normal;
}
