// Reads the files validation needs beyond discovery's: every role task/handler/vars file,
// every playbook, READMEs and docs (where vault variables get documented), vars examples and
// ansible.cfg. Discovery's own texts are reused, not read twice, and so are its read findings:
// a file discovery could not read (too large, not a regular file, a link out of the repo) is
// one validation reports too, or `certify validate` would pass a repo `certify list` faults.

import type { Finding } from '../core/findings';
import { readRepoFiles } from './files';
import { DOCS_DIR, INVENTORY_FILES, isValidationFile, PLAYBOOKS_DIR, REPO_DOCS, repoFileKind, VARS_BASES } from './layout';
import { RepoPaths } from './repoPaths';
import { listDir, listRoleFilesOnce, type RepoSnapshot, type RepoWalk } from './snapshot';

export interface ValidationTexts {
  texts: Map<string, string>;
  findings: Finding[];
}

export async function readValidationTexts(snapshot: RepoSnapshot): Promise<ValidationTexts> {
  const texts = new Map(snapshot.texts);
  // Validation reads discovery's texts as they are; discovery's refusals come with them.
  const findings: Finding[] = [...snapshot.readFindings];
  const lister: RepoWalk = { paths: new RepoPaths(snapshot.root), findings };
  await listRoleFilesOnce(snapshot, findings);
  // Candidates are listed by folder; the layout decides which of them validation reads.
  const candidates = new Set<string>([...REPO_DOCS, ...INVENTORY_FILES, ...snapshot.roleFiles]);
  for (const name of await listDir(lister, PLAYBOOKS_DIR)) candidates.add(`${PLAYBOOKS_DIR}/${name}`);
  for (const name of await listDir(lister, 'inventory')) candidates.add(`inventory/${name}`);
  for (const base of [DOCS_DIR, ...VARS_BASES]) {
    for (const name of await listDir(lister, base)) candidates.add(`${base}/${name}`);
    for (const dir of await listDir(lister, base, 'directories')) {
      for (const name of await listDir(lister, `${base}/${dir}`)) candidates.add(`${base}/${dir}/${name}`);
    }
  }
  const wanted = [...candidates].filter((file) => isValidationFile(file) && repoFileKind(file) !== 'settings');
  await readRepoFiles(snapshot.root, wanted.filter((file) => !texts.has(file)), texts, findings, { paths: lister.paths });
  return { texts, findings };
}
