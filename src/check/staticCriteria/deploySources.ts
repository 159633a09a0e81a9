// The task files that run when a service is deployed: every task file of its roles (and of the
// roles they pull in by a literal include_role/import_role or meta dependency), then the deploy
// playbook's own tasks. What cannot be followed statically is listed, so a check that finds
// nothing says 'unknown' instead of 'not-met'.

import { isModule, moduleArg, stringValue, tasksOf, freeForm } from '../lint/tasks';
import { metaDependencies } from '../lint/readmeTemplate';
import type { StaticScope } from './scope';

export interface DeploySources {
  /** Lintable task files in the order Certify reads them: role tasks (main first), then the playbook. */
  taskFiles: string[];
  /** Every role reached, local to the repo. */
  roles: string[];
  /** Why the files may not be all that runs: "role x.y.z is outside the repo", "roles/a/tasks/b.yml does not parse". */
  blind: string[];
}

const ROLE_INCLUDES = new Set(['include_role', 'import_role']);
const TASK_INCLUDES = new Set(['include_tasks', 'import_tasks', 'include']);
const TASK_FILE = /^roles\/[^/]+\/tasks\/[^/]+\.ya?ml$/;
const MAX_ROLES = 50;

export function deploySources(scope: StaticScope): DeploySources {
  return scope.memo('deploy-sources', () => collect(scope));
}

function collect(scope: StaticScope): DeploySources {
  const sources: DeploySources = { taskFiles: [], roles: [], blind: [] };
  const roles = scope.roles();
  // One at a time: a playbook may name more roles than a call can take arguments.
  for (const name of roles.outside) sources.blind.push(`role ${name} is outside the repo`);
  const queue = [...roles.local];
  const seenFiles = new Set<string>();

  const visitTasks = (file: string): void => {
    if (seenFiles.has(file)) return;
    seenFiles.add(file);
    const linted = scope.linted(file);
    if (!linted) {
      if (scope.text(file) !== undefined) sources.blind.push(`${file} does not parse`);
      return;
    }
    sources.taskFiles.push(file);
    const base = file.slice(0, file.lastIndexOf('/') + 1);
    for (const task of tasksOf(linted)) {
      const call = task.module;
      if (!call) continue;
      if (isModule(call.name, ROLE_INCLUDES)) {
        const name = stringValue(moduleArg(call, 'name')?.value);
        if (name === undefined || name.includes('{{')) sources.blind.push(`${file} includes a role by a template`);
        else followRole(name);
      } else if (isModule(call.name, TASK_INCLUDES)) {
        const target = stringValue(moduleArg(call, 'file')?.value) ?? (freeForm(call)?.value as string | undefined);
        if (target === undefined || target.includes('{{')) sources.blind.push(`${file} includes tasks by a template`);
        else if (scope.text(`${base}${target}`) !== undefined) visitTasks(`${base}${target}`);
        // A literal file inside the role's tasks/ is read anyway; one elsewhere Certify does not read.
        else if (!TASK_FILE.test(`${base}${target}`)) sources.blind.push(`${file} includes ${target}, which Certify does not read`);
      }
    }
  };

  const followRole = (name: string): void => {
    if (sources.roles.includes(name) || queue.includes(name)) return;
    if (scope.repo.snapshot.roleDirs.includes(name)) queue.push(name);
    else if (name.includes('.')) sources.blind.push(`role ${name} is outside the repo`);
  };

  const drain = (): void => {
    while (queue.length > 0 && sources.roles.length < MAX_ROLES) {
      const role = queue.shift() as string;
      if (sources.roles.includes(role)) continue;
      sources.roles.push(role);
      const files = scope.roleFiles(role);
      const meta = files.find((file) => /\/meta\/main\.ya?ml$/.test(file));
      if (meta) for (const dependency of metaDependencies(scope.parsed(meta))) followRole(dependency);
      const tasks = files.filter((file) => TASK_FILE.test(file));
      // main.yml first: it is what Ansible runs, so its tasks are the evidence people expect.
      tasks.sort((a, b) => Number(!/\/main\.ya?ml$/.test(a)) - Number(!/\/main\.ya?ml$/.test(b)) || a.localeCompare(b));
      for (const file of tasks) visitTasks(file);
    }
  };
  drain();
  // The playbook's own tasks run too; a role it includes there is followed like any other.
  if (scope.service.deployPlaybook) visitTasks(scope.service.deployPlaybook);
  drain();
  sources.blind = [...new Set(sources.blind)];
  return sources;
}
