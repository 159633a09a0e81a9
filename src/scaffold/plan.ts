// planScaffold: the files a new service needs in the seed's API-first layout, never one that
// exists, and the edits to shared files (backup/restore defaults, inventory, vault example) it
// proposes for review instead of applying. Pure: the caller reads the repo and writes the plan.

import { SERVICE_NAME_PATTERN } from '../core/record';
import type { FixEdit } from '../core/findings';
import type { RepoModel } from '../core/service';
import { backupSideEdits } from './backupEdits';
import { serviceNames } from './names';
import { readConventions } from './repoConventions';
import { inventoryEdit, vaultExampleEdit } from './siteEdits';
import { envTemplate, unitTemplate } from './templates/configTemplates';
import { serviceDefinition } from './templates/definition';
import { servicePaths, type TemplateInput } from './templates/input';
import { deployPlaybook } from './templates/playbook';
import { populateScript, verifyScript } from './templates/scripts';
import { roleDefaults } from './templates/roleDefaults';
import { roleHandlers } from './templates/roleHandlers';
import { roleReadme, siteVarsUsed } from './templates/roleReadme';
import { roleTasks } from './templates/roleTasks';
import type { PlannedFile, ScaffoldPlan, ScaffoldRequest } from './types';

export function planScaffold(
  request: ScaffoldRequest,
  repo: { model: RepoModel; texts: ReadonlyMap<string, string> },
  existing: (file: string) => boolean,
): ScaffoldPlan {
  // The name becomes paths: never plan files for a name checkRequest would refuse.
  if (!SERVICE_NAME_PATTERN.test(request.name)) throw new Error(`Cannot scaffold "${request.name}": not a service name (run checkRequest first).`);
  const input = templateInput(request, repo.model, repo.texts);
  const { names } = input;
  const files: PlannedFile[] = [
    { file: names.files.defaults, content: roleDefaults(input) },
    { file: names.files.tasks, content: roleTasks(input) },
    { file: names.files.handlers, content: roleHandlers(input) },
    { file: names.files.envTemplate, content: envTemplate(input) },
    ...(input.runtime === 'systemd' ? [{ file: names.files.unitTemplate, content: unitTemplate(input) }] : []),
    { file: names.files.readme, content: roleReadme(input) },
    { file: names.files.playbook, content: deployPlaybook(input) },
    { file: names.files.definition, content: serviceDefinition(input) },
    { file: names.files.populate, content: populateScript(input), executable: true },
    { file: names.files.verify, content: verifyScript(input), executable: true },
  ];
  const isThere = (file: string): boolean => existing(file) || repo.texts.has(file);
  const create = files.filter((planned) => !isThere(planned.file));
  const skipped = files.filter((planned) => isThere(planned.file)).map((planned) => planned.file);

  const proposed = [
    backupSideEdits('backup', input, repo.texts, isThere),
    backupSideEdits('restore', input, repo.texts, isThere),
    inventoryEdit(input, repo.texts),
    vaultExampleEdit(input, repo.texts),
  ];
  const proposedEdits: FixEdit[] = proposed.flatMap((part) => part.edits);
  return { create, skipped, proposedEdits, notes: [...notesFor(input, repo.texts, skipped), ...proposed.flatMap((part) => part.notes)] };
}

function templateInput(request: ScaffoldRequest, model: RepoModel, texts: ReadonlyMap<string, string>): TemplateInput {
  const names = serviceNames(request.name);
  const conventions = readConventions(model, texts);
  const runtime = request.backupType === 'files' ? 'docker' : 'systemd';
  return {
    request: { ...request, ipAddress: request.ipAddress.trim() },
    names,
    conventions,
    runtime,
    postgres: request.backupType === 'postgresql' ? conventions.postgres : undefined,
    paths: servicePaths(request.name, runtime),
  };
}

function notesFor(input: TemplateInput, texts: ReadonlyMap<string, string>, skipped: string[]): string[] {
  const { names, conventions, request } = input;
  const notes = [
    `Replace the TODOs (grep -rn TODO ${names.files.roleDir} ${names.files.definition} ${names.files.populate} ${names.files.verify}): until then the role deploys a placeholder and the test data scripts stop with an error.`,
  ];
  if (skipped.length > 0) notes.push(`Left alone because they exist: ${skipped.join(', ')}.`);
  const missing = siteVarsUsed(input).filter((name) => !conventions.siteVars.has(name));
  if (missing.length > 0) notes.push(`Define ${missing.join(', ')} in group_vars/all: the role creates the container with them.`);
  if (request.backupType === 'postgresql' && !input.postgres) {
    notes.push('No PostgreSQL server (a service named postgresql) was found: the role creates no database; add the database tasks and the backup entries by hand.');
  }
  if (request.backupType === 'redis') {
    const handles = (role: string, variable: string): boolean =>
      [...texts.keys()].some((file) => file.startsWith(`roles/${role}/tasks/`) && (texts.get(file) ?? '').includes(variable));
    const missingTasks = [
      ...(handles('backup_infrastructure', 'backup_redis_instances') ? [] : ['backup_infrastructure (redis-cli SAVE, then copy the RDB file)']),
      ...(handles('restore_infrastructure', 'restore_redis_instances') ? [] : ['restore_infrastructure (stop Redis, put the RDB file back, start it)']),
    ];
    if (missingTasks.length > 0) notes.push(`No tasks read the Redis entries yet: add them to ${missingTasks.join(' and ')}, or Step 6 finds no Redis backup.`);
  }
  if (request.backupType === 'none') notes.push('Backup type none: nothing is added to the backup and restore roles.');
  return notes;
}
