// Finds the roles a playbook applies, in every form Ansible accepts: `roles:` entries (plain
// names or `role:`/`name:` mappings) and include_role / import_role tasks, also inside blocks.

import type { RoleRef } from '../core/service';
import { astTree, lightTree, type Tree } from '../yaml/tree';
import type { ParsedYaml } from '../yaml/parse';

const TASK_LISTS = ['pre_tasks', 'tasks', 'post_tasks', 'handlers'];
const BLOCK_LISTS = ['block', 'rescue', 'always'];
/** Blocks nested deeper are not searched (the readers already refuse texts nested past MAX_NESTING_DEPTH). */
const MAX_BLOCK_DEPTH = 50;
const ROLE_TASKS: Record<string, RoleRef['via']> = {
  include_role: 'include_role',
  'ansible.builtin.include_role': 'include_role',
  'ansible.legacy.include_role': 'include_role',
  import_role: 'import_role',
  'ansible.builtin.import_role': 'import_role',
  'ansible.legacy.import_role': 'import_role',
};

export function rolesOfPlaybook(playbook: ParsedYaml): RoleRef[] {
  // The fast reader's nodes give the same roles at the same positions, without building the AST.
  if (playbook.light) return collectRoles(lightTree(playbook.light), playbook.light.root);
  return collectRoles(astTree(playbook), playbook.ast?.contents ?? undefined);
}

function collectRoles<N>(tree: Tree<N>, plays: N | undefined): RoleRef[] {
  const refs: RoleRef[] = [];
  if (plays === undefined || !tree.isSeq(plays)) return refs;
  for (const play of tree.items(plays)) {
    if (!tree.isMap(play)) continue;
    const roles = tree.get(play, 'roles');
    if (roles !== undefined && tree.isSeq(roles)) {
      for (const entry of tree.items(roles)) {
        const nameNode = tree.isMap(entry) ? (tree.get(entry, 'role') ?? tree.get(entry, 'name')) : entry;
        addRef(tree, refs, nameNode, 'roles');
      }
    }
    for (const key of TASK_LISTS) collectFromTasks(tree, refs, tree.get(play, key));
  }
  return refs;
}

function collectFromTasks<N>(tree: Tree<N>, refs: RoleRef[], tasks: N | undefined, depth = 0): void {
  if (tasks === undefined || !tree.isSeq(tasks) || depth > MAX_BLOCK_DEPTH) return;
  for (const task of tree.items(tasks)) {
    if (!tree.isMap(task)) continue;
    for (const key of BLOCK_LISTS) collectFromTasks(tree, refs, tree.get(task, key), depth + 1);
    for (const [key, args] of tree.pairs(task)) {
      const scalar = tree.scalar(key);
      if (!scalar) continue;
      const via = ROLE_TASKS[String(scalar.value)];
      if (!via) continue;
      // `include_role: { name: x }` is the documented form; `include_role: x` is not valid Ansible.
      if (args !== undefined && tree.isMap(args)) addRef(tree, refs, tree.get(args, 'name'), via);
    }
  }
}

function addRef<N>(tree: Tree<N>, refs: RoleRef[], nameNode: N | undefined, via: RoleRef['via']): void {
  const value = tree.scalar(nameNode)?.value;
  if (nameNode === undefined || typeof value !== 'string' || value.trim() === '') return;
  // A role given as a path (`role: ../roles/x`) is named by its last segment.
  const name = value.trim().replace(/\/+$/, '').split('/').pop() as string;
  refs.push({ name, via, source: tree.locate(nameNode) });
}
