// Reads, in one pass, every repo file discovery needs. Keeping I/O here lets discovery be a
// pure function of the snapshot, so one changed file can be re-read without a full rescan.

import type { Finding } from '../core/findings';
import { readRepoFiles, type ReadOptions } from './files';
import { reportRefusal } from './fileProblems';
import { INVENTORY_FILES, isDeployPlaybook, isRestoreTaskFile, isRoleDefaultsMain, PLAYBOOKS_DIR, RESTORE_ROLE, RESTORE_TASKS_DIR, roleDefaultsFiles, roleOf, ROLES_DIR, SCRIPTS_DIR, SERVICES_DIR, SETTINGS_FILES, VARS_BASES } from './layout';
import { readChecked } from './checkedRead';
import { RepoPaths } from './repoPaths';
import { ANSIBLE_CFG, extraRoleFolders } from './rolesSearchPath';

export interface RepoSnapshot {
  /** Absolute repo root. */
  root: string;
  /** Repo-relative path (forward slashes) → file text, for every YAML file discovery reads. */
  texts: Map<string, string>;
  /** Directory names under roles/. */
  roleDirs: string[];
  /**
   * Role names in the other folders Ansible searches (roles_path, playbooks/roles: see
   * rolesSearchPath): known to exist, though Certify reads only the roles in roles/. Listed when
   * the snapshot is made; a role added there later is seen at the next full read.
   */
  rolesElsewhere?: string[];
  /**
   * Repo-relative paths of every file under roles/<role>/ (one level of subfolders), for static
   * checks. Discovery does not need it: readRepoSnapshot leaves it unlisted (roleFilesPending)
   * and listRoleFilesOnce fills it, as readValidationTexts does before anything validates.
   */
  roleFiles: string[];
  /** True while roleFiles has not been listed yet. */
  roleFilesPending?: boolean;
  /** Repo-relative paths of files under scripts/. */
  scripts: string[];
  /** Files that exist but could not be read. */
  readFindings: Finding[];
}

const YAML_FILE = /\.ya?ml$/;
const GROUP_VARS_BASES = VARS_BASES.filter((base) => base.endsWith('group_vars'));

/** options.onText: discovery parses each text as it is read, while the rest is still being read. */
export async function readRepoSnapshot(root: string, options: ReadOptions = {}): Promise<RepoSnapshot> {
  const snapshot: RepoSnapshot = { root, texts: new Map(), roleDirs: [], roleFiles: [], scripts: [], readFindings: [] };
  // One walk for the listings and the reads: each folder is resolved once.
  const walk: RepoWalk = { paths: new RepoPaths(root), findings: snapshot.readFindings };
  // One settings file and one inventory: the first of each that exists (see layout).
  const wanted: (string | string[])[] = [[...SETTINGS_FILES], [...INVENTORY_FILES]];
  const [services, playbooks, roleDirs, rolesElsewhere] = await Promise.all([
    listEntries(walk, SERVICES_DIR),
    listEntries(walk, PLAYBOOKS_DIR),
    listDir(walk, ROLES_DIR, 'directories'),
    listRolesElsewhere(walk),
    relistScripts(snapshot, walk),
    ...GROUP_VARS_BASES.map(async (base) => {
      wanted.push(`${base}/all.yml`, `${base}/all.yaml`);
      for (const name of await listDir(walk, `${base}/all`)) if (YAML_FILE.test(name)) wanted.push(`${base}/all/${name}`);
    }),
  ]);
  // A folder named like a definition or playbook is read too: the read reports it, once, instead of passing over it.
  for (const name of [...services.files, ...services.dirs]) if (YAML_FILE.test(name)) wanted.push(`${SERVICES_DIR}/${name}`);
  for (const name of [...playbooks.files, ...playbooks.dirs]) if (isDeployPlaybook(`${PLAYBOOKS_DIR}/${name}`)) wanted.push(`${PLAYBOOKS_DIR}/${name}`);
  snapshot.roleDirs = roleDirs.sort();
  snapshot.rolesElsewhere = rolesElsewhere;
  // Discovery reads each role's defaults directly (main.yaml only where main.yml is missing);
  // listing every role's folders (thousands of readdirs in a large repo) is left to
  // listRoleFilesOnce, for validation.
  for (const role of snapshot.roleDirs) wanted.push(roleDefaultsFiles(role));
  // How the restore role restores is often only in its tasks (a loop over the backup directory).
  if (snapshot.roleDirs.includes(RESTORE_ROLE)) {
    for (const name of await listDir(walk, RESTORE_TASKS_DIR)) if (isRestoreTaskFile(`${RESTORE_TASKS_DIR}/${name}`)) wanted.push(`${RESTORE_TASKS_DIR}/${name}`);
  }
  snapshot.roleFilesPending = true;
  await readRepoFiles(root, wanted, snapshot.texts, snapshot.readFindings, { ...options, paths: walk.paths });
  return snapshot;
}

/** The roles in the folders beyond roles/ that ansible.cfg's roles_path and playbooks/roles name. */
async function listRolesElsewhere(walk: RepoWalk): Promise<string[]> {
  const cfg = await readChecked(walk.paths, ANSIBLE_CFG);
  const folders = extraRoleFolders(cfg.kind === 'text' ? cfg.text : undefined);
  const listed = await Promise.all(folders.map((folder) => listDir(walk, folder, 'directories')));
  return [...new Set(listed.flat())].sort();
}

/**
 * Lists every role's files into snapshot.roleFiles unless that was done already. Folders that
 * cannot be listed become findings in `findings` (validation's read findings).
 */
export async function listRoleFilesOnce(snapshot: RepoSnapshot, findings: Finding[] = snapshot.readFindings): Promise<void> {
  if (!snapshot.roleFilesPending) return;
  const walk: RepoWalk = { paths: new RepoPaths(snapshot.root), findings };
  const perRole = await Promise.all(snapshot.roleDirs.map((role) => listRoleFiles(walk, role)));
  // Listed while a role was being re-listed: that one stays as its own listing left it.
  if (!snapshot.roleFilesPending) return;
  snapshot.roleFiles = perRole.flat().sort();
  snapshot.roleFilesPending = false;
}

/** A role's top-level files and the files one folder down (tasks/main.yml, templates/x.j2). */
async function listRoleFiles(walk: RepoWalk, role: string): Promise<string[]> {
  const prefix = `${ROLES_DIR}/${role}/`;
  const { files, dirs } = await listEntries(walk, `${ROLES_DIR}/${role}`);
  const nested = await Promise.all(dirs.map(async (sub) => (await listEntries(walk, `${prefix}${sub}`)).files.map((file) => `${prefix}${sub}/${file}`)));
  return [...nested.flat(), ...files.map((file) => `${prefix}${file}`)];
}

/** Re-lists one role's files (after a file in it was created or deleted). */
export async function relistRole(snapshot: RepoSnapshot, role: string): Promise<void> {
  await listRoleFilesOnce(snapshot);
  const walk: RepoWalk = { paths: new RepoPaths(snapshot.root), findings: snapshot.readFindings };
  const prefix = `${ROLES_DIR}/${role}/`;
  const files = await listRoleFiles(walk, role);
  snapshot.roleFiles = [...snapshot.roleFiles.filter((file) => !file.startsWith(prefix)), ...files].sort();
  const exists = files.length > 0 || (await listDir(walk, ROLES_DIR, 'directories')).includes(role);
  snapshot.roleDirs = exists ? [...new Set([...snapshot.roleDirs, role])].sort() : snapshot.roleDirs.filter((dir) => dir !== role);
}

export async function relistScripts(snapshot: RepoSnapshot, walk: RepoWalk = { paths: new RepoPaths(snapshot.root), findings: snapshot.readFindings }): Promise<void> {
  snapshot.scripts = (await listDir(walk, SCRIPTS_DIR)).map((name) => `${SCRIPTS_DIR}/${name}`).sort();
}

/**
 * Reads one file into the snapshot (or removes it when it is gone). Used for incremental updates.
 * A file that is one of a choice (certify.yml or certify.yaml, an inventory, a role's defaults)
 * re-reads its whole choice: deleting the first may bring the next into play.
 */
export async function readInto(snapshot: RepoSnapshot, relative: string): Promise<void> {
  const group = choiceOf(relative);
  snapshot.readFindings = snapshot.readFindings.filter((finding) => !group.includes(finding.file));
  for (const file of group) snapshot.texts.delete(file);
  await readRepoFiles(snapshot.root, [group], snapshot.texts, snapshot.readFindings, { mode: 'async' });
}

function choiceOf(relative: string): readonly string[] {
  const role = isRoleDefaultsMain(relative) ? roleOf(relative) : undefined;
  if (role !== undefined) return roleDefaultsFiles(role);
  return [SETTINGS_FILES, INVENTORY_FILES].find((group) => (group as readonly string[]).includes(relative)) ?? [relative];
}

/** One pass over the repo: the folders it resolved (shared by its listings and reads) and where its findings go. */
export interface RepoWalk {
  paths: RepoPaths;
  findings: Finding[];
}

/**
 * Files and folders of a repo folder in one readdir, links inside the repo counted as what
 * they lead to; a missing folder is empty. A folder that cannot be listed, and each link that
 * leads out of the repo, nowhere or in a loop, is reported once and left out.
 */
export async function listEntries(walk: RepoWalk, relative: string): Promise<{ files: string[]; dirs: string[] }> {
  const { files, dirs, refusals } = await walk.paths.list(relative);
  for (const refusal of refusals) reportRefusal(walk.findings, refusal.file, refusal.problem);
  return { files, dirs };
}

export async function listDir(walk: RepoWalk, relative: string, kind: 'files' | 'directories' = 'files'): Promise<string[]> {
  const entries = await listEntries(walk, relative);
  return kind === 'files' ? entries.files : entries.dirs;
}
