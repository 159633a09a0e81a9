// What every step plan is built from, and the command shapes they share: controller commands
// (with the lab's prefix when there is one), ansible-playbook runs, `pct` on the Proxmox host.

import type { CertificationRecord } from '../../core/record';
import type { CommandSpec } from '../exec/executor';
import type { RunTargets } from '../targets/runTargets';
import type { ServiceRunFacts } from './serviceRunFacts';

export interface PlanContext {
  readonly root: string;
  readonly facts: ServiceRunFacts;
  readonly targets: RunTargets;
  /** The record as the step starts: Step 9 reads Step 5's fingerprint and Step 7's backup from it. */
  readonly record: CertificationRecord;
}

const MINUTE = 60_000;
/** A deploy or restore of one service: the workflow's "acceptable" is under 10 minutes; give it room to fail by itself. */
export const PLAYBOOK_TIMEOUT_MS = 30 * MINUTE;
export const SCRIPT_TIMEOUT_MS = 15 * MINUTE;
export const PROBE_TIMEOUT_MS = 60_000;

/**
 * A command where the backups are kept (certify.yml's backup.host): over SSH on the Proxmox host,
 * or on the controller. The same shell argv either way.
 */
export function onBackupHost(context: PlanContext, argv: readonly string[], timeoutMs: number): { target: 'proxmox' | 'local'; command: CommandSpec } {
  return context.targets.backupHost === 'controller'
    ? { target: 'local', command: controller(context, argv, timeoutMs) }
    : { target: 'proxmox', command: { argv: [...argv], timeoutMs } };
}

/** A command on the controller (this machine), inside the lab's namespace when running against the lab. */
export function controller(context: PlanContext, argv: readonly string[], timeoutMs = SCRIPT_TIMEOUT_MS, env?: Record<string, string>): CommandSpec {
  return { argv: [...context.targets.controller.prefix, ...argv], cwd: context.root, timeoutMs, ...(env ? { env } : {}) };
}

/** ansible-playbook with the targets' extra-vars files first, then `extraVars` (later -e wins in Ansible). */
export function playbook(context: PlanContext, file: string, extraVars: readonly string[] = []): CommandSpec {
  const argv = [
    'ansible-playbook',
    ...context.targets.controller.extraVarsFiles.flatMap((f) => ['-e', `@${f}`]),
    ...extraVars.flatMap((v) => ['-e', v]),
    file,
  ];
  return controller(context, argv, PLAYBOOK_TIMEOUT_MS);
}

/** `curl` for a status code: prints "<code> <remote ip>" and never fails on an HTTP error status. */
export function curlStatusArgv(url: string, caFile?: string): string[] {
  return ['curl', '-sS', '-o', '/dev/null', '--max-time', '20', '-w', '%{http_code} %{remote_ip}\\n', ...(caFile ? ['--cacert', caFile] : []), url];
}

/** Extra vars that switch every other service's backup and restore off: the run is about this service. */
export function othersOff(context: PlanContext, side: 'backup' | 'restore'): string[] {
  return context.facts.otherServices.map((name) => `${side}_${name}_enabled=false`);
}

export function pct(...args: Array<string | number>): CommandSpec {
  return { argv: ['pct', ...args.map(String)], timeoutMs: 5 * MINUTE };
}
