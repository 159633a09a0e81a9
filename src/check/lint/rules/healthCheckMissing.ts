// Step 1 ends with a health check: a deploy role proves its service answers before it reports
// success. HTTP services use uri with status_code; services without HTTP (databases) may use a
// command or wait_for probe instead (pg_isready, redis-cli ping, or a task named "… ready/healthy").

import { isSeq } from 'yaml';
import type { Finding, Fix } from '../../../core/findings';
import { httpHealthCheckTask } from '../../../repo/healthCheckTask';
import { isDeployRole, topLevelVars } from '../context';
import { firstLineFinding, replaceEdit, type LintedFile } from '../lintedFile';
import type { FileRule, LintContext, LintRuleInfo } from '../rule';
import { commandTexts, isCommandModule, isModule, moduleArg, stringValue, getNode, tasksOf, type Task } from '../tasks';
import { isRoleDefaultsMain, roleDefaultsFiles } from '../../../repo/layout';

const info: LintRuleInfo = {
  id: 'health-check-missing',
  severity: 'warning',
  summary: 'A deploy role ends with a health check: a uri task with status_code (or, without HTTP, a pg_isready/redis-cli ping style probe).',
  category: 'lint',
  scope: 'file',
};

const MAIN_TASKS = /^roles\/([^/]+)\/tasks\/main\.ya?ml$/;
const TASK_FILE = /^roles\/[^/]+\/tasks\/[^/]+\.ya?ml$/;
const HEALTH_NAME = /\b(health|healthy|healthz|ready|readiness|alive|liveness|ping)\b/i;
const PROBE =
  /\b(pg_isready|(redis|valkey)-cli\b.*\bping|mysqladmin\b.*\bping|mongosh?\b.*\bping|healthcheck|curl\b.*\s(--fail|-[a-zA-Z]*f[a-zA-Z]*)\b|wget\b.*--spider)/i;
const URI = new Set(['uri']);
const WAIT_FOR = new Set(['wait_for']);
const PING_MODULES = new Set(['postgresql_ping']);

export const healthCheckMissing: FileRule = {
  info,
  check(file, context) {
    const role = MAIN_TASKS.exec(file.file)?.[1];
    if (role === undefined || !isDeployRole(context, role)) return [];
    if (hasHealthCheck(file)) return [];
    const others = (context.roleFiles.get(role) ?? []).filter((other) => TASK_FILE.test(other) && other !== file.file);
    if (others.some((other) => context.fileMemo(other, 'lint:has-health-check', () => fileHasHealthCheck(other, context)))) return [];
    const finding: Finding = firstLineFinding(
      file.file,
      file.text,
      info,
      `Role ${role} deploys a service but never checks that it answers: end tasks/main.yml with an ansible.builtin.uri task with status_code (a database: a pg_isready or redis-cli ping task).`,
      appendHealthCheck(file, role, context),
    );
    return [finding];
  },
};

function fileHasHealthCheck(file: string, context: LintContext): boolean {
  const linted = context.linted(file);
  return linted !== undefined && hasHealthCheck(linted);
}

export function hasHealthCheck(file: LintedFile): boolean {
  return tasksOf(file).some(isHealthCheck);
}

/** A uri task with status_code, a PostgreSQL ping, or a probe command / wait_for named as a health check. */
export function isHealthCheck(task: Task): boolean {
  const call = task.module;
  if (!call) return false;
  if (isModule(call.name, URI)) return moduleArg(call, 'status_code') !== undefined;
  if (isModule(call.name, PING_MODULES, ['community.postgresql'])) return true;
  const named = HEALTH_NAME.test(stringValue(getNode(task.node, 'name')) ?? '');
  if (isModule(call.name, WAIT_FOR)) return named;
  if (isCommandModule(call)) return named || commandTexts(call).some((command) => PROBE.test(command.text));
  return false;
}

/** Appends a uri check built from the role's `<prefix>_ip_address` and `<prefix>_service_port` defaults. */
function appendHealthCheck(file: LintedFile, role: string, context: LintContext): Fix[] {
  if (file.root !== null && !isSeq(file.root)) return [];
  const defaultsFile = (context.roleFiles.get(role) ?? []).find(isRoleDefaultsMain) ?? roleDefaultsFiles(role)[0];
  const names = topLevelVars(context.parsed(defaultsFile), context.texts.get(defaultsFile)).map((v) => v.name);
  const prefix = names
    .filter((name) => /_(ip_address|ip)$/.test(name))
    .map((name) => name.replace(/_(ip_address|ip)$/, ''))
    .find((candidate) => names.some((name) => name === `${candidate}_service_port` || name === `${candidate}_port`));
  if (prefix === undefined) return [];
  const ip = names.includes(`${prefix}_ip_address`) ? `${prefix}_ip_address` : `${prefix}_ip`;
  const port = names.includes(`${prefix}_service_port`) ? `${prefix}_service_port` : `${prefix}_port`;
  const nl = file.newline;
  const task = httpHealthCheckTask({ who: prefix, url: `http://{{ ${ip} }}:{{ ${port} }}/`, register: `${prefix}_health`, retries: 12 }).join(nl);
  const end = file.text.length;
  const lead = file.text.length === 0 || file.text.endsWith('\n') ? nl : `${nl}${nl}`;
  return [{ title: 'Add an HTTP health check task', edits: [replaceEdit(file, [end, end], `${lead}${task}${nl}`)] }];
}
