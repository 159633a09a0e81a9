// Reads the files validation needs beyond discovery's: every role task/handler/vars file,
// every playbook, READMEs and docs (where vault variables get documented), vars examples and
// ansible.cfg. Discovery's own texts are reused, not read twice.

import type { Finding } from '../core/findings';
import { readRepoFiles } from './files';
import { listDir, listRoleFilesOnce, type RepoSnapshot } from './snapshot';

const YAML_FILE = /\.ya?ml$/;
/** Role sub-folders whose YAML Ansible loads. */
const ROLE_YAML = /^roles\/[^/]+\/(tasks|handlers|defaults|vars|meta)\/[^/]+\.ya?ml$/;
const ROLE_README = /^roles\/[^/]+\/README\.md$/;
const VARS_BASES = ['group_vars', 'inventory/group_vars', 'playbooks/group_vars', 'host_vars', 'inventory/host_vars'];

export interface ValidationTexts {
  texts: Map<string, string>;
  findings: Finding[];
}

/** Is this repo-relative path one that validation reads? Watchers use it to skip unrelated files. */
export function isValidationFile(relative: string): boolean {
  return (
    ROLE_YAML.test(relative) ||
    ROLE_README.test(relative) ||
    /^playbooks\/[^/]+\.ya?ml$/.test(relative) ||
    /^(README\.md|ansible\.cfg|certify\.yml)$/.test(relative) ||
    /^docs\/([^/]+\/)?[^/]+\.md$/.test(relative) ||
    /^services\/[^/]+\.ya?ml$/.test(relative) ||
    /^(inventory\/)?hosts\.ya?ml$/.test(relative) ||
    /^(inventory\/|playbooks\/)?(group_vars|host_vars)\//.test(relative)
  );
}

export async function readValidationTexts(snapshot: RepoSnapshot): Promise<ValidationTexts> {
  const texts = new Map(snapshot.texts);
  const findings: Finding[] = [];
  const lister = { root: snapshot.root, readFindings: findings };
  await listRoleFilesOnce(snapshot, findings);
  const wanted = new Set<string>(['README.md', 'ansible.cfg']);
  for (const file of snapshot.roleFiles) if (ROLE_YAML.test(file) || ROLE_README.test(file)) wanted.add(file);
  for (const name of await listDir(lister, 'playbooks')) if (YAML_FILE.test(name)) wanted.add(`playbooks/${name}`);
  for (const name of await listDir(lister, 'docs')) if (name.endsWith('.md')) wanted.add(`docs/${name}`);
  for (const dir of await listDir(lister, 'docs', 'directories')) {
    for (const name of await listDir(lister, `docs/${dir}`)) if (name.endsWith('.md')) wanted.add(`docs/${dir}/${name}`);
  }
  for (const base of VARS_BASES) {
    for (const name of await listDir(lister, base)) wanted.add(`${base}/${name}`);
    for (const dir of await listDir(lister, base, 'directories')) {
      for (const name of await listDir(lister, `${base}/${dir}`)) wanted.add(`${base}/${dir}/${name}`);
    }
  }
  await readRepoFiles(snapshot.root, [...wanted].filter((file) => !texts.has(file)), texts, findings);
  return { texts, findings };
}
