// Reads, in one pass, every repo file discovery needs. Keeping I/O here lets discovery be a
// pure function of the snapshot, so one changed file can be re-read without a full rescan.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../core/findings';
import { readRepoFiles, type ReadOptions } from './files';
import { INVENTORY_FILES, isDeployPlaybook, isRoleDefaultsMain, PLAYBOOKS_DIR, roleDefaultsFiles, roleOf, ROLES_DIR, SCRIPTS_DIR, SERVICES_DIR, SETTINGS_FILES, VARS_BASES } from './layout';

export interface RepoSnapshot {
  /** Absolute repo root. */
  root: string;
  /** Repo-relative path (forward slashes) → file text, for every YAML file discovery reads. */
  texts: Map<string, string>;
  /** Directory names under roles/. */
  roleDirs: string[];
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
  // One settings file and one inventory: the first of each that exists (see layout).
  const wanted: (string | string[])[] = [[...SETTINGS_FILES], [...INVENTORY_FILES]];
  const [services, playbooks, roleDirs] = await Promise.all([
    listDir(snapshot, SERVICES_DIR),
    listDir(snapshot, PLAYBOOKS_DIR),
    listDir(snapshot, ROLES_DIR, 'directories'),
    relistScripts(snapshot),
    ...GROUP_VARS_BASES.map(async (base) => {
      wanted.push(`${base}/all.yml`, `${base}/all.yaml`);
      for (const name of await listDir(snapshot, `${base}/all`)) if (YAML_FILE.test(name)) wanted.push(`${base}/all/${name}`);
    }),
  ]);
  for (const name of services) if (YAML_FILE.test(name)) wanted.push(`${SERVICES_DIR}/${name}`);
  for (const name of playbooks) if (isDeployPlaybook(`${PLAYBOOKS_DIR}/${name}`)) wanted.push(`${PLAYBOOKS_DIR}/${name}`);
  snapshot.roleDirs = roleDirs.sort();
  // Discovery reads each role's defaults directly (main.yaml only where main.yml is missing);
  // listing every role's folders (thousands of readdirs in a large repo) is left to
  // listRoleFilesOnce, for validation.
  for (const role of snapshot.roleDirs) wanted.push(roleDefaultsFiles(role));
  snapshot.roleFilesPending = true;
  await readRepoFiles(root, wanted, snapshot.texts, snapshot.readFindings, options);
  return snapshot;
}

/**
 * Lists every role's files into snapshot.roleFiles unless that was done already. Folders that
 * cannot be listed become findings in `findings` (validation's read findings).
 */
export async function listRoleFilesOnce(snapshot: RepoSnapshot, findings: Finding[] = snapshot.readFindings): Promise<void> {
  if (!snapshot.roleFilesPending) return;
  const lister = { root: snapshot.root, readFindings: findings };
  const perRole = await Promise.all(snapshot.roleDirs.map((role) => listRoleFiles(lister, role)));
  // Listed while a role was being re-listed: that one stays as its own listing left it.
  if (!snapshot.roleFilesPending) return;
  snapshot.roleFiles = perRole.flat().sort();
  snapshot.roleFilesPending = false;
}

/** A role's top-level files and the files one folder down (tasks/main.yml, templates/x.j2). */
async function listRoleFiles(snapshot: Pick<RepoSnapshot, 'root' | 'readFindings'>, role: string): Promise<string[]> {
  const prefix = `roles/${role}/`;
  const { files, dirs } = await listEntries(snapshot, `roles/${role}`);
  const nested = await Promise.all(dirs.map(async (sub) => (await listEntries(snapshot, `${prefix}${sub}`)).files.map((file) => `${prefix}${sub}/${file}`)));
  return [...nested.flat(), ...files.map((file) => `${prefix}${file}`)];
}

/** Re-lists one role's files (after a file in it was created or deleted). */
export async function relistRole(snapshot: RepoSnapshot, role: string): Promise<void> {
  await listRoleFilesOnce(snapshot);
  const prefix = `roles/${role}/`;
  const files = await listRoleFiles(snapshot, role);
  snapshot.roleFiles = [...snapshot.roleFiles.filter((file) => !file.startsWith(prefix)), ...files].sort();
  const exists = files.length > 0 || (await listDir(snapshot, 'roles', 'directories')).includes(role);
  snapshot.roleDirs = exists ? [...new Set([...snapshot.roleDirs, role])].sort() : snapshot.roleDirs.filter((dir) => dir !== role);
}

export async function relistScripts(snapshot: RepoSnapshot): Promise<void> {
  snapshot.scripts = (await listDir(snapshot, SCRIPTS_DIR)).map((name) => `${SCRIPTS_DIR}/${name}`).sort();
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

/** Files and folders of a repo folder in one readdir; a missing folder is empty. */
export async function listEntries(
  snapshot: Pick<RepoSnapshot, 'root' | 'readFindings'>,
  relative: string,
): Promise<{ files: string[]; dirs: string[] }> {
  const files: string[] = [];
  const dirs: string[] = [];
  try {
    for (const entry of await fs.readdir(path.join(snapshot.root, relative), { withFileTypes: true })) {
      if (entry.isFile()) files.push(entry.name);
      else if (entry.isDirectory()) dirs.push(entry.name);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing folder is normal: not every repo has services/ or scripts/.
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      snapshot.readFindings.push({
        file: relative,
        line: 1,
        ruleId: 'file-unreadable',
        severity: 'error',
        message: `Cannot list this folder (${code ?? String(error)}); check its permissions.`,
      });
    }
  }
  return { files, dirs };
}

export async function listDir(
  snapshot: Pick<RepoSnapshot, 'root' | 'readFindings'>,
  relative: string,
  kind: 'files' | 'directories' = 'files',
): Promise<string[]> {
  const entries = await listEntries(snapshot, relative);
  return kind === 'files' ? entries.files : entries.dirs;
}
