// Finds the roles a playbook applies, in every form Ansible accepts: `roles:` entries (plain
// names or `role:`/`name:` mappings) and include_role / import_role tasks, also inside blocks.

import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { RoleRef } from '../core/service';
import type { ParsedYaml } from './yamlText';

const TASK_LISTS = ['pre_tasks', 'tasks', 'post_tasks', 'handlers'];
const BLOCK_LISTS = ['block', 'rescue', 'always'];
const ROLE_TASKS: Record<string, RoleRef['via']> = {
  include_role: 'include_role',
  'ansible.builtin.include_role': 'include_role',
  'ansible.legacy.include_role': 'include_role',
  import_role: 'import_role',
  'ansible.builtin.import_role': 'import_role',
  'ansible.legacy.import_role': 'import_role',
};

export function rolesOfPlaybook(playbook: ParsedYaml): RoleRef[] {
  const refs: RoleRef[] = [];
  const plays = playbook.ast?.contents;
  if (!isSeq(plays)) return refs;
  for (const play of plays.items) {
    if (!isMap(play)) continue;
    const roles = play.get('roles', true);
    if (isSeq(roles)) {
      for (const entry of roles.items) {
        const nameNode = isMap(entry) ? (entry.get('role', true) ?? entry.get('name', true)) : entry;
        addRef(refs, playbook, nameNode as Node | undefined, 'roles');
      }
    }
    for (const key of TASK_LISTS) collectFromTasks(refs, playbook, play.get(key, true) as Node | undefined);
  }
  return refs;
}

function collectFromTasks(refs: RoleRef[], playbook: ParsedYaml, tasks: Node | undefined): void {
  if (!isSeq(tasks)) return;
  for (const task of tasks.items) {
    if (!isMap(task)) continue;
    for (const key of BLOCK_LISTS) collectFromTasks(refs, playbook, task.get(key, true) as Node | undefined);
    for (const pair of (task as YAMLMap).items) {
      if (!isScalar(pair.key)) continue;
      const via = ROLE_TASKS[String(pair.key.value)];
      if (!via) continue;
      // `include_role: { name: x }` is the documented form; `include_role: x` is not valid Ansible.
      const args = pair.value;
      if (isMap(args)) addRef(refs, playbook, args.get('name', true) as Node | undefined, via);
    }
  }
}

function addRef(refs: RoleRef[], playbook: ParsedYaml, nameNode: Node | undefined, via: RoleRef['via']): void {
  if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || nameNode.value.trim() === '') return;
  // A role given as a path (`role: ../roles/x`) is named by its last segment.
  const name = nameNode.value.trim().replace(/\/+$/, '').split('/').pop() as string;
  refs.push({ name, via, source: playbook.locate(nameNode) });
}
