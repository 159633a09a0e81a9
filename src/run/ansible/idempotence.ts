// Judges a second ansible-playbook run from Ansible's own results: it is idempotent when the
// play recap counts no changes (or no more than allowed). A run without results, on no host,
// or with failed or unreachable hosts proves nothing, so it never passes.

import type { AnsibleResultRead } from './ansibleResult';
import type { ChangedTask, FailedTask, HostStats } from './resultDocument';

export interface IdempotenceOptions {
  /** Judge this inventory host only (the recap may list others, e.g. localhost for API tasks). */
  readonly host?: string;
  /** Changes tolerated before the run counts as not idempotent (default 0). */
  readonly allowedChanges?: number;
}

export interface IdempotenceVerdict {
  readonly passed: boolean;
  /** Ansible's count of changed tasks (the recap's changed=). */
  readonly changed: number;
  /** "role : task name" of each task that changed, once each; handlers end in " (handler)". */
  readonly changedTasks: string[];
  /** One line for a person. */
  readonly summary: string;
  /** Why it did not pass, when it did not. */
  readonly problem?: string;
}

export interface PlaybookSummary {
  readonly ok: number;
  readonly changed: number;
  readonly failed: number;
  readonly unreachable: number;
  readonly hosts: string[];
}

const NAMED_IN_SUMMARY = 5;

export function judgeIdempotence(read: AnsibleResultRead, options: IdempotenceOptions = {}): IdempotenceVerdict {
  if (read.kind !== 'ok') return notPassed(0, [], read.problem);
  const { result } = read;
  const hosts = Object.keys(result.stats);
  if (options.host !== undefined && !hosts.includes(options.host)) {
    return notPassed(0, [], `${options.host} took no part in the run: the play recap names ${hosts.length > 0 ? hosts.join(', ') : 'no host'}`);
  }
  const scope = options.host !== undefined ? [options.host] : hosts;
  if (scope.length === 0) return notPassed(0, [], "the play ran on no host: check the inventory and the play's hosts: pattern");

  const totals = sumStats(scope.map((host) => result.stats[host] as HostStats));
  const inScope = <T extends { host: string }>(entries: readonly T[]): T[] => entries.filter((entry) => scope.includes(entry.host));
  const changedTasks = unique(inScope(result.changed).map(changedLabel));
  if (totals.unreachable > 0) {
    const first = inScope(result.failed).find((entry) => entry.unreachable);
    return notPassed(totals.changed, changedTasks, `unreachable=${totals.unreachable}${first ? ` — ${first.host}: ${firstLine(first.msg)}` : ''}`);
  }
  if (totals.failures > 0) {
    const first = inScope(result.failed).find((entry) => !entry.ignored && !entry.unreachable);
    return notPassed(totals.changed, changedTasks, `failed=${totals.failures}${first ? ` — ${failedLabel(first)}: ${firstLine(first.msg)}` : ''}`);
  }

  const allowed = options.allowedChanges ?? 0;
  if (totals.changed === 0) return { passed: true, changed: 0, changedTasks, summary: `no changes (ok=${totals.ok} on ${scope.join(', ')})` };
  const named = `changed=${totals.changed}: ${nameSome(changedTasks)}`;
  if (totals.changed <= allowed) return { passed: true, changed: totals.changed, changedTasks, summary: `${named} (up to ${allowed} allowed)` };
  return notPassed(totals.changed, changedTasks, named);
}

/** The recap of any run, summed over its hosts; undefined when the run left no results. */
export function summarisePlaybook(read: AnsibleResultRead): PlaybookSummary | undefined {
  if (read.kind !== 'ok') return undefined;
  const hosts = Object.keys(read.result.stats);
  const totals = sumStats(hosts.map((host) => read.result.stats[host] as HostStats));
  return { ok: totals.ok, changed: totals.changed, failed: totals.failures, unreachable: totals.unreachable, hosts };
}

/** "role : task" as Ansible's TASK banner shows it. */
export function taskLabel(entry: { task: string; role: string | null }): string {
  return entry.role === null ? entry.task : `${entry.role} : ${entry.task}`;
}

function changedLabel(entry: ChangedTask): string {
  return entry.handler ? `${taskLabel(entry)} (handler)` : taskLabel(entry);
}

function failedLabel(entry: FailedTask): string {
  return `${taskLabel(entry)} on ${entry.host}`;
}

function nameSome(names: readonly string[]): string {
  if (names.length === 0) return 'no task named';
  const shown = names.slice(0, NAMED_IN_SUMMARY).join(', ');
  return names.length > NAMED_IN_SUMMARY ? `${shown} and ${names.length - NAMED_IN_SUMMARY} more` : shown;
}

function notPassed(changed: number, changedTasks: string[], problem: string): IdempotenceVerdict {
  return { passed: false, changed, changedTasks, summary: problem, problem };
}

function sumStats(all: readonly HostStats[]): HostStats {
  const total = { ok: 0, changed: 0, failures: 0, unreachable: 0, skipped: 0, rescued: 0, ignored: 0 };
  for (const stats of all) for (const key of Object.keys(total) as (keyof HostStats)[]) total[key] += stats[key];
  return total;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '')?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
