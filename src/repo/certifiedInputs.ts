// What a certification of one service certifies, as digests: every file of the roles its deploy
// playbook and definition apply, the playbook, the definition, its test-data scripts, and the
// service's own entries in the backup and restore roles (its defaults, its own task files). Freshness (core/freshness) compares these with a later
// repo. Files are read as the rest of the repo room reads them (repo/repoPaths): no link out of
// the repo, no FIFO or device opened, no read past a size limit.
//
// Which roles count: those the deploy playbook applies (`roles:`, include_role, import_role in
// the playbook) and those the definition names, shared or not — what the playbook applies is what
// the service deploys. Roles those roles pull in from their own tasks (a container-creation or
// Docker role every service includes) are building blocks of the whole repo: hashing them would
// make every certification stale at once on any edit to them, so they are left out. So are the
// backup and restore roles as a whole: only the service's entries in them count, so editing
// another service's entry leaves this one fresh.

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { recertifyAfterDays, TEST_DATA_INPUT, type CertifiedInputs } from '../core/freshness';
import type { RepoModel, Service } from '../core/service';
import { parseYaml, type YamlEntry } from '../yaml/parse';
import { OPEN_FLAGS, readChecked } from './checkedRead';
import { asContainerId } from './dataMapKeys';
import { problemFinding } from './fileProblems';
import { BACKUP_ROLE, isRestoreTaskFile, RESTORE_ROLE, roleDefaultsFiles, ROLES_DIR } from './layout';
import { readSettings } from './mappingFile';
import { RepoPaths } from './repoPaths';
import { choosePrefix } from './roleFacts';

/** A role file larger than this is not hashed (and said so): role files are text and small assets. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** Folders nested deeper than this under a role are not walked (a link loop inside the repo ends here). */
const MAX_DEPTH = 16;
/** Files per service beyond which the walk stops and says so. */
const MAX_FILES = 20_000;
/** Files hashed at once. */
const READERS = 8;
/** How deep a value is searched for what names the service. */
const MAX_VALUE_DEPTH = 8;
/** How deep a value is written out to be hashed. */
const MAX_CANONICAL_DEPTH = 200;

/**
 * What editors, operating systems and interpreters leave beside a role's files (swap and backup
 * files, Finder and Explorer caches, compiled Python): never part of what the role deploys, and
 * an open editor must not make a certification stale.
 */
const NOISE = /^(?:\.DS_Store|Thumbs\.db|desktop\.ini|\.#.*|.*\.sw[op]|.*~|.*\.pyc)$/;
const NOISE_DIRS = new Set(['__pycache__', '.git']);

/** The restore role's loop over the backup directory, as a restore entry: `<task file>#restore-loop`. */
export const RESTORE_LOOP = 'restore-loop';
/** The service's own task file in the backup or restore role, as an entry: `<task file>#tasks`. */
export const SERVICE_TASKS = 'tasks';
const SERVICE_TASK_EXTENSIONS = ['.yml', '.yaml'];

/** What the service is certified on, read from the repo now. `model` is the repo's discovery. */
export async function certifiedInputs(model: RepoModel, service: Service): Promise<CertifiedInputs> {
  const paths = new RepoPaths(model.root);
  const files: Record<string, string> = {};
  const unreadable: Record<string, string> = {};

  const own = [...new Set(service.roles.flatMap((role) => (role.dir && role.name !== BACKUP_ROLE && role.name !== RESTORE_ROLE ? [role.dir] : [])))];
  const listed: string[] = [];
  for (const dir of own) await walk(paths, dir, 0, listed, unreadable, new Set());
  for (const file of [service.definitionFile, service.deployPlaybook]) if (file !== undefined) listed.push(file);
  const hashes = await hashAll(paths, [...new Set(listed)]);
  for (const [file, hashed] of hashes) {
    if ('sha256' in hashed) files[file] = hashed.sha256;
    else if (hashed.problem !== undefined) unreadable[file] = hashed.problem;
  }

  // The test-data scripts make and check Step 5's data: what Steps 5–9 prove rests on them.
  const scripts = [service.scripts.populate, service.scripts.verify].filter((file): file is string => file !== undefined);
  for (const [file, hashed] of await hashAll(paths, scripts)) {
    if ('sha256' in hashed) files[`${file}#${TEST_DATA_INPUT}`] = hashed.sha256;
    else if (hashed.problem !== undefined) unreadable[`${file}#${TEST_DATA_INPUT}`] = hashed.problem;
  }

  const keys = await serviceKeys(paths, service);
  for (const [role, coverage] of [
    [BACKUP_ROLE, service.backup],
    [RESTORE_ROLE, service.restore],
  ] as const) {
    const covered = new Set(coverage.entries.map((entry) => entry.variable));
    if (coverage.toggle) covered.add(coverage.toggle.variable);
    const defaults = await sharedDefaults(model, paths, role);
    if (defaults && 'problem' in defaults) unreadable[defaults.file] = defaults.problem;
    else if (defaults) {
      for (const [variable, entry] of defaults.entries) {
        for (const part of servicePart(variable, entry.value, keys, covered.has(variable))) files[`${defaults.file}#${part.what}`] = digestOf(part.value);
      }
    }
    // The service's own task file in the shared role (roles/backup_infrastructure/tasks/notes.yml):
    // how its data is backed up or restored, an entry of its own like its defaults.
    const taskFiles = SERVICE_TASK_EXTENSIONS.map((extension) => `${ROLES_DIR}/${role}/tasks/${service.name}${extension}`);
    for (const [file, hashed] of await hashAll(paths, taskFiles)) {
      if ('sha256' in hashed) files[`${file}#${SERVICE_TASKS}`] = hashed.sha256;
      else if (hashed.problem !== undefined) unreadable[`${file}#${SERVICE_TASKS}`] = hashed.problem;
    }
    // A restore role that loops over the backup directory restores this service by that task
    // file: discovery names the file as the entry (repo/restoreLoop).
    for (const entry of coverage.entries) {
      if (!isRestoreTaskFile(entry.variable)) continue;
      const [[file, hashed]] = await hashAll(paths, [entry.variable]);
      if ('sha256' in hashed) files[`${file}#${RESTORE_LOOP}`] = hashed.sha256;
      else if (hashed.problem !== undefined) unreadable[`${file}#${RESTORE_LOOP}`] = hashed.problem;
    }
  }

  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { digest: inputsDigest(sorted), files: sorted, ...(Object.keys(unreadable).length > 0 ? { unreadable } : {}) };
}

/**
 * The re-certification interval the repo's certify.yml sets (`recertify_after_days`), or
 * undefined: none set, or a file or value validation reports (it is not guessed at here).
 */
export async function recertifyInterval(root: string): Promise<number | undefined> {
  return recertifyAfterDays(await readSettings(root));
}

/** The one digest over all inputs: each name and its digest, in name order. */
export function inputsDigest(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\n`);
  return hash.digest('hex');
}

/** Every file under `dir`, links followed only while they stay inside the repo. */
async function walk(paths: RepoPaths, dir: string, depth: number, into: string[], unreadable: Record<string, string>, seen: Set<string>): Promise<void> {
  const resolved = await paths.dir(dir);
  if (resolved.kind === 'refused') unreadable[resolved.file] = problemFinding(resolved.file, resolved.problem).message;
  if (resolved.kind !== 'dir' || seen.has(resolved.real)) return;
  seen.add(resolved.real);
  const { files, dirs, refusals } = await paths.list(dir);
  for (const refusal of refusals) unreadable[refusal.file] = problemFinding(refusal.file, refusal.problem).message;
  for (const file of files.sort()) {
    if (NOISE.test(file)) continue;
    if (into.length >= MAX_FILES) {
      unreadable[dir] = `holds more than ${MAX_FILES} files; Certify stopped hashing there. Move what the role does not need out of it.`;
      return;
    }
    into.push(`${dir}/${file}`);
  }
  for (const sub of dirs.sort()) {
    if (NOISE_DIRS.has(sub)) continue;
    if (depth + 1 > MAX_DEPTH) {
      unreadable[`${dir}/${sub}`] = `is nested more than ${MAX_DEPTH} folders deep under ${ROLES_DIR}/; Certify did not look inside.`;
      continue;
    }
    await walk(paths, `${dir}/${sub}`, depth + 1, into, unreadable, seen);
  }
}

type Hashed = { sha256: string } | { problem?: string };

async function hashAll(paths: RepoPaths, files: readonly string[]): Promise<[string, Hashed][]> {
  const results: [string, Hashed][] = files.map((file) => [file, {}]);
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      results[i][1] = await hashFile(paths, files[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READERS, files.length) }, reader));
  return results;
}

/**
 * The SHA-256 of a repo file's bytes (any file: a template, a binary asset), read as
 * checkedRead reads: opened without following a link or waiting on a FIFO, checked on the open
 * descriptor, never read past the limit. A file gone meanwhile has no problem and no digest.
 */
async function hashFile(paths: RepoPaths, relative: string): Promise<Hashed> {
  const verdict = await paths.file(relative);
  if (verdict.kind === 'absent') return {};
  if (verdict.kind === 'refused') return { problem: problemFinding(verdict.file, verdict.problem).message };
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(verdict.real, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? {} : { problem: `Cannot read this file (${code ?? String(error)}); check its permissions.` };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { problem: 'This is not a regular file, so Certify did not read it; put a regular file here.' };
    if (stats.size > MAX_INPUT_BYTES) return { problem: tooLarge() };
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(Math.min(1024 * 1024, Math.max(1, stats.size + 1)));
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      // A file still growing is read only up to the limit.
      if (total > MAX_INPUT_BYTES) return { problem: tooLarge() };
      hash.update(buffer.subarray(0, bytesRead));
    }
    return { sha256: hash.digest('hex') };
  } catch (error) {
    return { problem: `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? String(error)}); check its permissions.` };
  } finally {
    await handle.close();
  }
}

const tooLarge = (): string => `File is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB and was not hashed; keep large artefacts out of the role.`;

type Defaults = { file: string; entries: Map<string, YamlEntry> } | { file: string; problem: string } | undefined;

/** A role's defaults, parsed as Ansible reads them, or why they cannot be read. */
async function readDefaults(paths: RepoPaths, role: string): Promise<Defaults> {
  for (const file of roleDefaultsFiles(role)) {
    const read = await readChecked(paths, file);
    if (read.kind === 'absent') continue;
    if (read.kind === 'refused') return { file, problem: problemFinding(read.file, read.problem).message };
    return { file, entries: parseYaml(file, read.text, '1.1').entries };
  }
  return undefined;
}

/**
 * The backup and restore roles' defaults are shared by every service: read and parsed once per
 * discovery of the repo (`certify list` judges every service against one). Defaults are files
 * discovery reads, so a new discovery follows any edit of them.
 */
const defaultsByModel = new WeakMap<RepoModel, Map<string, Promise<Defaults>>>();

function sharedDefaults(model: RepoModel, paths: RepoPaths, role: string): Promise<Defaults> {
  let byRole = defaultsByModel.get(model);
  if (!byRole) defaultsByModel.set(model, (byRole = new Map()));
  let defaults = byRole.get(role);
  if (!defaults) byRole.set(role, (defaults = readDefaults(paths, role)));
  return defaults;
}

/** What names the service in the backup and restore roles, as discovery's coverage matches it. */
interface ServiceKeys {
  /** Its name and its variable prefix, lower case with '-' as '_'. */
  tokens: Set<string>;
  containerId?: number;
  databases: Set<string>;
}

async function serviceKeys(paths: RepoPaths, service: Service): Promise<ServiceKeys> {
  const tokens = new Set([normal(service.name)]);
  // The prefix is the first applied role's that has one, as discovery chose it.
  for (const role of service.roles) {
    if (!role.dir) continue;
    const defaults = await readDefaults(paths, role.name);
    const prefix = defaults && 'entries' in defaults && choosePrefix(service.name, role.name, [...defaults.entries.keys()]);
    if (prefix) {
      tokens.add(normal(prefix));
      break;
    }
  }
  const id = service.facts.containerId;
  return { tokens, ...(id?.kind === 'known' ? { containerId: id.value } : {}), databases: new Set(service.databases ?? []) };
}

const normal = (name: string): string => name.replace(/-/g, '_').toLowerCase();

/**
 * The parts of one defaults variable that belong to the service, each named for its key:
 * - a variable named after it (`backup_notes_enabled`, `restore_notes_host`): the whole value;
 * - a map: the entries whose key names it (`backup_containers: {152: …}` → `backup_containers.152`,
 *   `restore_health_checks.notes`), or, for a variable coverage counts, whose value names it;
 * - a list coverage counts: the items that name it (one database among several);
 * - any other value coverage counts: the whole value.
 * A variable that neither coverage counts nor keys by the service has no part of it.
 */
function servicePart(variable: string, value: unknown, keys: ServiceKeys, covered: boolean): { what: string; value: unknown }[] {
  if (namedAfter(variable, keys)) return [{ what: variable, value }];
  if (isMapping(value)) {
    const picked = Object.keys(value).filter((key) => keyNames(key, keys) || (covered && mentions(value[key], keys, 0)));
    if (picked.length > 0) return picked.map((key) => ({ what: `${variable}.${key}`, value: value[key] }));
  } else if (Array.isArray(value) && covered) {
    const items = value.filter((item) => mentions(item, keys, 0));
    if (items.length > 0) return [{ what: variable, value: items }];
  }
  return covered ? [{ what: variable, value }] : [];
}

function namedAfter(variable: string, keys: ServiceKeys): boolean {
  const segments = `_${variable.toLowerCase()}_`;
  return [...keys.tokens].some((token) => segments.includes(`_${token}_`));
}

function keyNames(key: string, keys: ServiceKeys): boolean {
  return (keys.containerId !== undefined && asContainerId(key) === keys.containerId) || keys.tokens.has(normal(key));
}

/** Whether a value names the service: its name, container id, a database of it, or a path through a folder named for it. */
function mentions(value: unknown, keys: ServiceKeys, depth: number): boolean {
  if (depth > MAX_VALUE_DEPTH || value === null || value === undefined) return false;
  if (typeof value === 'number') return value === keys.containerId;
  if (typeof value === 'string') {
    if (keys.tokens.has(normal(value)) || keys.databases.has(value)) return true;
    if (!value.includes('/')) return false;
    return value
      .toLowerCase()
      .split('/')
      .slice(1)
      .some((segment) => keys.tokens.has(normal(segment)) || keys.tokens.has(normal(segment.split('.')[0])));
  }
  if (Array.isArray(value)) return value.some((item) => mentions(item, keys, depth + 1));
  if (isMapping(value)) {
    const id = asContainerId(value.container_id ?? value.vmid);
    if (id !== undefined && id === keys.containerId) return true;
    return Object.entries(value).some(([key, item]) => keyNames(key, keys) || mentions(item, keys, depth + 1));
  }
  return false;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The SHA-256 of a value as canonical JSON (keys sorted), so a reordered map is the same value. */
function digestOf(value: unknown): string {
  return createHash('sha256').update(canonical(value, 0)).digest('hex');
}

function canonical(value: unknown, depth: number): string {
  // YAML aliases can make a value refer to itself; nothing Ansible reads nests this deep.
  if (depth > MAX_CANONICAL_DEPTH) return '"…"';
  if (value instanceof Date) return JSON.stringify(Number.isNaN(value.getTime()) ? String(value) : value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(',')}]`;
  if (isMapping(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key], depth + 1)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value) ?? 'null';
}
