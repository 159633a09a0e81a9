// Does the restore role restore whatever the backup directory holds? Many real restore roles
// list no databases at all: they find the dumps (`ansible.builtin.find` + a loop over the
// registered files, `with_fileglob`, a `fileglob` lookup) or loop over the directory in a
// shell, and restore each. Then every backed-up database and volume is restored. Recognised
// conservatively: only a loop whose path starts at a backup-directory variable counts.
// Discovery (a service's restore coverage) and the consistency rules read it the same way. Pure.

import type { ParsedYaml } from '../yaml/parse';

/** Where the loop is, for messages. */
export interface DirectoryLoop {
  file: string;
  line: number;
}

/** One task file of the restore role: its path, text and parse. */
export interface TaskFile {
  file: string;
  text: string;
  parsed: ParsedYaml;
}

const FIND_MODULES = ['ansible.builtin.find', 'ansible.legacy.find', 'find'];
const SHELL_MODULES = ['ansible.builtin.shell', 'ansible.builtin.command', 'ansible.legacy.shell', 'ansible.legacy.command', 'shell', 'command'];
const LOOP_KEYS = ['loop', 'with_items', 'with_list', 'with_fileglob'];
const NESTED = ['block', 'rescue', 'always'];
const MAX_DEPTH = 16;

/** A restore role's task file (`roles/<role>/tasks/<name>.yml`), the files a loop is looked for in. */
export function isTaskFileOf(role: string, relative: string): boolean {
  return relative.startsWith(`roles/${role}/tasks/`) && /^[^/]+\.ya?ml$/.test(relative.slice(`roles/${role}/tasks/`.length));
}

/**
 * A variable that holds the backup directory: named for backups, restores or dumps and for a
 * directory (`backup_root_dir`, `restore_dir`, `dump_path`, `restore_backup_root`).
 */
export function isBackupDirVariable(name: string): boolean {
  const lower = name.toLowerCase();
  return /(backup|restore|dump)/.test(lower) && /(dir|directory|root|path|folder|location)$/.test(lower);
}

/** `{{ var }}` or `{{ var }}/…` at the start of a path: does it start at a backup directory? */
export function startsAtBackupDir(text: string): boolean {
  const match = /^\s*["']?\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\|[^}]*)?\}\}/.exec(text);
  return match !== null && isBackupDirVariable(match[1]);
}

/** The first directory loop in the task files (in the order given), or undefined when none is recognised. */
export function findDirectoryLoop(files: readonly TaskFile[]): DirectoryLoop | undefined {
  for (const { file, text, parsed } of files) {
    if (parsed.findings.some((finding) => finding.severity === 'error')) continue;
    const tasks: Record<string, unknown>[] = [];
    collectTasks(parsed.documents[0], tasks, 0);
    // A find registers its result; a later loop over `<register>.files` restores each file found.
    const found = new Set<string>();
    for (const task of tasks) {
      const args = FIND_MODULES.map((module) => task[module]).find(isRecord);
      if (args && typeof task.register === 'string' && /^\w+$/.test(task.register) && texts(args.paths ?? args.path).some(startsAtBackupDir)) found.add(task.register);
    }
    for (const task of tasks) {
      if (loops(task, found)) return { file, line: lineOf(text, task) };
    }
  }
  return undefined;
}

/** A fileglob (lookup, query, or the with_ form's pattern) whose pattern starts at a backup directory. */
function globsBackupDir(text: string): boolean {
  const lookup = /(?:lookup|query|q)\(\s*['"](?:ansible\.builtin\.)?fileglob['"]\s*,\s*([^)]*)\)/g;
  for (let match = lookup.exec(text); match; match = lookup.exec(text)) {
    // The pattern is a Jinja expression: `restore_dir ~ '/*.dump'` or `restore_dir + '/x'`.
    const first = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(match[1]);
    if (first && isBackupDirVariable(first[1])) return true;
  }
  return false;
}

/** A shell loop over the backup directory: `for f in {{ dir }}/*.dump`, or `find {{ dir }} … -exec/| while/| xargs`. */
function shellLoopsBackupDir(command: string): boolean {
  const forLoop = /\bfor\s+\w+\s+in\s+["']?\{\{\s*([A-Za-z_][A-Za-z0-9_]*)/g;
  for (let match = forLoop.exec(command); match; match = forLoop.exec(command)) if (isBackupDirVariable(match[1])) return true;
  const find = /\b(?:find|ls)\s+["']?\{\{\s*([A-Za-z_][A-Za-z0-9_]*)[^;\n]*?(?:-exec\b|\|\s*(?:while|xargs)\b)/g;
  for (let match = find.exec(command); match; match = find.exec(command)) if (isBackupDirVariable(match[1])) return true;
  return false;
}

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function loops(task: Record<string, unknown>, found: Set<string>): boolean {
  for (const key of LOOP_KEYS) {
    for (const text of texts(task[key])) {
      if (key === 'with_fileglob' && startsAtBackupDir(text)) return true;
      if (globsBackupDir(text)) return true;
      for (const register of found) if (new RegExp(`\\b${register}\\.files\\b|\\b${register}\\[['"]files['"]\\]`).test(text)) return true;
    }
  }
  for (const module of SHELL_MODULES) {
    const args = task[module];
    const command = typeof args === 'string' ? args : isRecord(args) && typeof args.cmd === 'string' ? args.cmd : undefined;
    if (command !== undefined && shellLoopsBackupDir(command)) return true;
  }
  return false;
}

/** Tasks of a task file, those inside block/rescue/always included. */
function collectTasks(value: unknown, into: Record<string, unknown>[], depth: number): void {
  if (!Array.isArray(value) || depth > MAX_DEPTH) return;
  for (const task of value) {
    if (!isRecord(task)) continue;
    into.push(task);
    for (const key of NESTED) collectTasks(task[key], into, depth + 1);
  }
}

/** The line of the task's name in the file (1 when it cannot be found: the file is still named). */
function lineOf(text: string, task: Record<string, unknown>): number {
  if (typeof task.name !== 'string') return 1;
  const index = text.indexOf(task.name);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
