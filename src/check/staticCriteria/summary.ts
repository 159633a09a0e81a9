// The short form of a service's static results for a CodeLens or a tree item: how many are met,
// and the failing ones in a few words, most important first (what blocks a deploy, then what
// loses data, then what a person rebuilding the service would miss).

import type { StaticCheckId } from '../../core/steps';
import type { StaticResults } from './result';

/** Most important first; each with the words a tree shows. */
const PROBLEMS: readonly (readonly [StaticCheckId, string])[] = [
  ['deploy-playbook', 'no usable deploy playbook'],
  ['role-files', 'role incomplete'],
  ['proxmox-api-module', 'no Proxmox API'],
  ['health-check', 'no health check'],
  ['backup-role-coverage', 'backup not covered'],
  ['restore-role-coverage', 'restore not covered'],
  ['backup-toggles', 'no backup/restore toggles'],
  ['backup-defaults', 'no backup variables'],
  ['restore-defaults', 'no restore variables'],
  ['verify-script', 'no verify script'],
  ['populate-script', 'no populate script'],
  ['vault-documented', 'vault vars undocumented'],
  ['role-readme', 'no README'],
  ['ports-documented', 'ports undocumented'],
  ['urls-documented', 'URL undocumented'],
  ['targets-documented', 'no RPO/RTO targets'],
];

export function staticSummary(results: StaticResults): { met: number; total: number; problems: string[] } {
  const all = [...results.values()];
  const problems = PROBLEMS.filter(([check]) => results.get(check)?.status === 'not-met').map(([, words]) => words);
  return { met: all.filter((result) => result.status === 'met').length, total: all.length, problems };
}

/** The words staticSummary uses for a failing check (for front ends that list results one by one). */
export function problemWords(check: StaticCheckId): string {
  return PROBLEMS.find(([id]) => id === check)?.[1] ?? check;
}
