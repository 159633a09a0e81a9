// Step 1's automation checks: a deploy playbook that can run (deploy-playbook), the container
// created through the Proxmox API module (proxmox-api-module) and a health check task
// (health-check, detected exactly as lint's health-check-missing rule does).

import { isScalar } from 'yaml';
import type { SourceRef } from '../../core/findings';
import { isHealthCheck } from '../lint/rules/healthCheckMissing';
import { proxmoxViaPct } from '../lint/rules/proxmoxViaPct';
import { moduleArg, tasksOf, type ModuleCall } from '../lint/tasks';
import { deploySources } from './deploySources';
import { listText, met, notMet, ref, refText, unknown, type Verdict } from './result';
import { definitionOrPlaybook, noRole } from './roleChecks';
import type { StaticScope } from './scope';

/** The LXC module under its collection names (community.proxmox took it over from community.general). */
const PROXMOX_MODULES = new Set(['community.general.proxmox', 'community.proxmox.proxmox', 'proxmox']);

/**
 * A static prerequisite of "Deployment playbook runs without errors": the playbook exists,
 * parses, and every role it applies is in roles/. Whether it runs is for Step 1 to show; a
 * collection role is taken as installed, since that is the control node's business.
 */
export function deployPlaybook(scope: StaticScope): Verdict {
  const { service } = scope;
  const file = service.deployPlaybook;
  if (file === undefined) {
    const stated = scope.field(service.definitionFile, ['deploy_playbook']);
    if (stated && isScalar(stated.value)) return notMet(`${String(stated.value.value)} does not exist (named in ${refText(stated.source)})`, [stated.source]);
    return notMet(`no playbooks/${service.name}-deploy.yml`, service.definitionFile ? [ref(service.definitionFile)] : []);
  }
  if (scope.text(file) === undefined) return unknown(`${file} could not be read`, [ref(file)]);
  if (scope.broken(file)) return notMet(`${file} is not valid YAML`, [scope.brokenAt(file)]);
  const roles = scope.roles();
  if (roles.missing.length > 0) {
    return notMet(`${file} applies ${listText(roles.missing.map((role) => role.name))}, not in roles/`, roles.missing.map((role) => role.source));
  }
  const templated = roles.outside.filter((name) => name.includes('{{'));
  if (templated.length > 0) return unknown(`${file} names a role by a template (${templated[0]}); Certify cannot tell which`, [ref(file)]);
  const applied = service.roles.filter((role) => role.source.file === file);
  const linted = scope.linted(file);
  const ownTasks = linted ? tasksOf(linted).length : 0;
  if (applied.length === 0 && ownTasks === 0) return notMet(`${file} applies no role and runs no task`, [ref(file)]);
  const what = applied.length > 0 ? `applies ${listText([...new Set(applied.map((role) => role.name))])}` : `runs ${ownTasks} task${ownTasks === 1 ? '' : 's'}`;
  return met(`${file} ${what}`, applied.length > 0 ? applied.map((role) => role.source) : [ref(file)]);
}

export function proxmoxApiModule(scope: StaticScope): Verdict {
  const sources = deploySources(scope);
  const starts: SourceRef[] = [];
  const templated: SourceRef[] = [];
  const pct: SourceRef[] = [];
  for (const file of sources.taskFiles) {
    const linted = scope.linted(file);
    if (!linted) continue;
    for (const task of tasksOf(linted)) {
      const call = task.module;
      if (!call || !PROXMOX_MODULES.has(call.name)) continue;
      const at = scope.at(linted, call.keyNode);
      const state = creates(call);
      if (state === true) return met(`${call.name} creates the container (${refText(at)})`, [at]);
      (state === 'templated' ? templated : starts).push(at);
    }
    for (const finding of proxmoxViaPct.check(linted, scope.repo.lintContext)) pct.push({ file: finding.file, line: finding.line });
  }
  // A templated `state:` may well be present: the task is there, but not provably a creation.
  if (templated.length > 0) return unknown(`the Proxmox API task's state is a template (${refText(templated[0])})`, templated);
  if (sources.blind.length > 0) return unknown(`no Proxmox API task found, but ${sources.blind[0]}`, [...pct, ...starts]);
  if (sources.roles.length === 0 && sources.taskFiles.length === 0) return notMet(noRole(scope), definitionOrPlaybook(scope));
  const where = firstTaskFile(scope, sources.taskFiles);
  if (pct.length > 0) return notMet(`container managed with pct (${refText(pct[0])}), not the Proxmox API`, [...pct, ...where]);
  if (starts.length > 0) return notMet(`the Proxmox API only starts or stops the container (${refText(starts[0])}); nothing creates it`, [...starts, ...where]);
  return notMet(`no community.general.proxmox task creates the container`, where);
}

export function healthCheck(scope: StaticScope): Verdict {
  const sources = deploySources(scope);
  for (const file of sources.taskFiles) {
    const linted = scope.linted(file);
    if (!linted) continue;
    const task = tasksOf(linted).find(isHealthCheck);
    if (task?.module) {
      const at = scope.at(linted, task.module.keyNode);
      return met(`${shortModule(task.module.name)} health check at ${refText(at)}`, [at]);
    }
  }
  if (sources.blind.length > 0) return unknown(`no health check task found, but ${sources.blind[0]}`);
  if (sources.roles.length === 0 && sources.taskFiles.length === 0) return notMet(noRole(scope), definitionOrPlaybook(scope));
  // Lint's health-check-missing finding, whose fix appends a uri task, stands on the role's tasks/main.yml.
  return notMet('no health check task (uri with status_code, or pg_isready-style probe)', firstTaskFile(scope, sources.taskFiles));
}

/** true: creates (state present or left at its default); false: starts/stops/removes; or a template. */
function creates(call: ModuleCall): boolean | 'templated' {
  const state = moduleArg(call, 'state')?.value;
  if (state === undefined || state === null) return true;
  if (!isScalar(state) || typeof state.value !== 'string') return false;
  if (state.value.includes('{{')) return 'templated';
  return state.value.trim() === 'present';
}

function shortModule(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The first role's tasks/main.yml (where a missing task belongs), else the first file read. */
function firstTaskFile(scope: StaticScope, files: readonly string[]): SourceRef[] {
  const main = files.find((file) => /^roles\/[^/]+\/tasks\/main\.ya?ml$/.test(file)) ?? files[0];
  return main ? [ref(main)] : definitionOrPlaybook(scope);
}
