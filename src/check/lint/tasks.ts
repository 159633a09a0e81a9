// Walking Ansible YAML: the tasks of task files, handler files and playbooks (blocks included),
// which module each task calls with which arguments, and every key/value pair of a file.

import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { LintedFile } from './lintedFile';

/** Keywords a task may carry besides its module (Ansible's Task and Block keywords). */
const TASK_KEYWORDS = new Set([
  'action', 'any_errors_fatal', 'args', 'async', 'become', 'become_exe', 'become_flags', 'become_method',
  'become_user', 'changed_when', 'check_mode', 'collections', 'connection', 'debugger', 'delay',
  'delegate_facts', 'delegate_to', 'diff', 'environment', 'failed_when', 'ignore_errors',
  'ignore_unreachable', 'listen', 'local_action', 'loop', 'loop_control', 'module_defaults', 'name',
  'no_log', 'notify', 'poll', 'port', 'register', 'remote_user', 'retries', 'run_once', 'tags',
  'throttle', 'timeout', 'until', 'vars', 'when', 'block', 'rescue', 'always',
]);
const PLAY_TASK_LISTS = ['pre_tasks', 'tasks', 'post_tasks', 'handlers'];
const BLOCK_LISTS = ['block', 'rescue', 'always'];
/** Collections that hold Ansible's own modules under their short names. */
const CORE_COLLECTIONS = ['ansible.builtin', 'ansible.legacy'];

export interface ModuleCall {
  /** As written: `command`, `ansible.builtin.command`, `community.general.proxmox`. */
  name: string;
  /** The key naming the module (or the `action:` value). */
  keyNode: Node;
  /** The module's arguments: a mapping, a free-form string, or null. */
  value: Node | null;
  /** The task's `args:` mapping, which Ansible merges into the module's arguments. */
  args?: YAMLMap;
}

export interface Task {
  node: YAMLMap;
  module?: ModuleCall;
}

export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number') ? String(pair.key.value) : undefined;
}

export function getPair(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((pair) => keyName(pair) === key);
}

export function getNode(map: YAMLMap, key: string): Node | null | undefined {
  return getPair(map, key)?.value as Node | null | undefined;
}

export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Each file's tasks, worked out once for all the rules that walk them. */
const tasksOfFile = new WeakMap<LintedFile, Task[]>();

/** Every task of the file (nested block tasks included, the block wrappers themselves not). */
export function tasksOf(file: LintedFile): readonly Task[] {
  let tasks = tasksOfFile.get(file);
  if (!tasks) {
    tasks = collectFileTasks(file);
    tasksOfFile.set(file, tasks);
  }
  return tasks;
}

function collectFileTasks(file: LintedFile): Task[] {
  const tasks: Task[] = [];
  if (!isSeq(file.root)) return tasks;
  if (file.kind === 'tasks' || file.kind === 'handlers') {
    collectTasks(file.root.items as Node[], tasks);
  } else if (file.kind === 'playbook') {
    for (const play of file.root.items) {
      if (!isMap(play)) continue;
      for (const list of PLAY_TASK_LISTS) {
        const node = getNode(play, list);
        if (isSeq(node)) collectTasks(node.items as Node[], tasks);
      }
    }
  }
  return tasks;
}

function collectTasks(items: readonly Node[], into: Task[], depth = 0): void {
  if (depth > 50) return;
  for (const item of items) {
    if (!isMap(item)) continue;
    const lists = BLOCK_LISTS.map((key) => getNode(item, key)).filter((node) => node !== undefined);
    if (lists.length > 0) {
      for (const list of lists) if (isSeq(list)) collectTasks(list.items as Node[], into, depth + 1);
      continue;
    }
    into.push({ node: item, module: moduleCall(item) });
  }
}

function moduleCall(task: YAMLMap): ModuleCall | undefined {
  const argsNode = getNode(task, 'args');
  const args = isMap(argsNode) ? argsNode : undefined;
  for (const pair of task.items as Pair[]) {
    const key = keyName(pair);
    if (key === undefined || key.startsWith('with_') || key === '<<') continue;
    if (key === 'action' || key === 'local_action') {
      // `action: module args` or `action: { module: x, … }`: the old spelling, still valid.
      const value = pair.value as Node | null;
      if (isScalar(value) && typeof value.value === 'string') {
        const name = value.value.trim().split(/\s+/)[0] ?? '';
        return { name, keyNode: value, value, args };
      }
      if (isMap(value)) {
        const moduleNode = getNode(value, 'module');
        const name = stringValue(moduleNode);
        if (name) return { name, keyNode: moduleNode as Node, value, args };
      }
      continue;
    }
    if (TASK_KEYWORDS.has(key)) continue;
    return { name: key, keyNode: pair.key as Node, value: (pair.value as Node | null) ?? null, args };
  }
  return undefined;
}

/** Is `name` one of these modules, written short, as ansible.builtin./ansible.legacy. or from `collections`? */
export function isModule(name: string, shortNames: ReadonlySet<string>, collections: readonly string[] = []): boolean {
  const dot = name.lastIndexOf('.');
  const short = dot < 0 ? name : name.slice(dot + 1);
  const collection = dot < 0 ? '' : name.slice(0, dot);
  return shortNames.has(short) && (collection === '' || CORE_COLLECTIONS.includes(collection) || collections.includes(collection));
}

const COMMAND_MODULES = new Set(['command', 'shell', 'raw']);

export function isCommandModule(call: ModuleCall | undefined): call is ModuleCall {
  return call !== undefined && isModule(call.name, COMMAND_MODULES);
}

/** An argument of the module call: from its mapping, else from the task's `args:`. */
export function moduleArg(call: ModuleCall, key: string): Pair | undefined {
  return (isMap(call.value) ? getPair(call.value, key) : undefined) ?? (call.args ? getPair(call.args, key) : undefined);
}

/** The free-form string of `module: <string>` (for `action: module <string>`, the part after the name). */
export function freeForm(call: ModuleCall): Scalar | undefined {
  return isScalar(call.value) && typeof call.value.value === 'string' ? call.value : undefined;
}

/** Does a free-form string set `key=`? (`apt: name=x state=latest`, `command: x creates=/y`) */
export function freeFormOption(text: string, key: string): RegExpExecArray | null {
  let option = freeFormOptions.get(key);
  if (!option) {
    option = new RegExp(`(?:^|\\s)${key}=("[^"]*"|'[^']*'|\\S+)`);
    freeFormOptions.set(key, option);
  }
  return option.exec(text);
}

/** One expression per option name (a handful), not one per task. */
const freeFormOptions = new Map<string, RegExp>();

export interface CommandText {
  /** The node to mark: the free-form string, `cmd:`'s value or the `argv:` list. */
  node: Node;
  text: string;
}

/** The command lines a command/shell/raw task runs, in every spelling. */
export function commandTexts(call: ModuleCall): CommandText[] {
  const texts: CommandText[] = [];
  const free = freeForm(call);
  if (free) {
    // `action: shell pct start 101`: the command follows the module name.
    const text = free === call.keyNode ? (free.value as string).trim().replace(/^\S+\s*/, '') : (free.value as string);
    texts.push({ node: free, text });
  }
  for (const key of ['cmd', '_raw_params']) {
    const value = moduleArg(call, key)?.value;
    const text = stringValue(value);
    if (text !== undefined) texts.push({ node: value as Node, text });
  }
  const argv = moduleArg(call, 'argv')?.value;
  if (isSeq(argv)) {
    const words = argv.items.map((item) => (isScalar(item) ? String(item.value ?? '') : ''));
    texts.push({ node: argv as Node, text: words.join(' ') });
  }
  return texts;
}

export interface PairVisit {
  pair: Pair;
  key: string;
  /** Keys from the root down to this pair's parent mapping (list positions skipped). */
  path: readonly string[];
}

/** Every key/value pair of a node tree, depth first, in document order. */
export function forEachPair(root: Node | null, visit: (entry: PairVisit) => void): void {
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (depth > 100) return;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = keyName(pair);
        if (key !== undefined) visit({ pair, key, path });
        walk(pair.value, key === undefined ? path : [...path, key], depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, path, depth + 1);
    }
  };
  walk(root, [], 0);
}

export interface ScalarVisit {
  node: Scalar;
  value: string;
  /** The key this string is the value of (for list items: the list's key). */
  key?: string;
}

/** Every string scalar that is a value (never a key) in the tree. */
export function forEachStringValue(root: Node | null, visit: (entry: ScalarVisit) => void): void {
  const walk = (node: unknown, key: string | undefined, depth: number): void => {
    if (depth > 100) return;
    if (isScalar(node)) {
      if (typeof node.value === 'string') visit({ node, value: node.value, key });
    } else if (isMap(node)) {
      for (const pair of node.items as Pair[]) walk(pair.value, keyName(pair), depth + 1);
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, key, depth + 1);
    }
  };
  walk(root, undefined, 0);
}
