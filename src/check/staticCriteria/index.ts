// Static criteria: what the repo's files alone say about a service's static acceptance criteria
// (and the static prerequisites of automatic ones), before anything runs. Pure: reads the texts,
// parses and lint context of a RepoContext; every check answers met, not-met or unknown.

import type { Service } from '../../core/service';
import type { StaticCheckId } from '../../core/steps';
import type { RepoContext } from '../validateRepo';
import { runNow, type Work } from '../work';
import { roleCoverage, sideDefaults, toggles } from './backupChecks';
import { deployPlaybook, healthCheck, proxmoxApiModule } from './deployChecks';
import { portsDocumented, urlsDocumented } from './publishedChecks';
import { unknown, type StaticResult, type StaticResults, type Verdict } from './result';
import { roleFiles, roleReadme } from './roleChecks';
import { StaticScope } from './scope';
import { testDataScript } from './scriptChecks';
import { targetsDocumented } from './targetsCheck';
import { vaultDocumented } from './vaultCheck';

export type { StaticResult, StaticResults, StaticStatus } from './result';
export { problemWords, staticSummary } from './summary';
export { touchedServices } from './touched';

/** One evaluator per check; a Record, so a check added to core's StaticCheckId cannot be forgotten here. */
const CHECKS: Readonly<Record<StaticCheckId, (scope: StaticScope) => Verdict>> = {
  'role-files': roleFiles,
  'deploy-playbook': deployPlaybook,
  'proxmox-api-module': proxmoxApiModule,
  'health-check': healthCheck,
  'role-readme': roleReadme,
  'vault-documented': vaultDocumented,
  'ports-documented': portsDocumented,
  'urls-documented': urlsDocumented,
  'backup-role-coverage': (scope) => roleCoverage(scope, 'backup'),
  'restore-role-coverage': (scope) => roleCoverage(scope, 'restore'),
  'backup-defaults': (scope) => sideDefaults(scope, 'backup'),
  'restore-defaults': (scope) => sideDefaults(scope, 'restore'),
  'backup-toggles': toggles,
  'targets-documented': targetsDocumented,
  'populate-script': (scope) => testDataScript(scope, 'populate'),
  'verify-script': (scope) => testDataScript(scope, 'verify'),
};

/** Every static check, in the order of the steps that use them. */
export const STATIC_CHECK_IDS = Object.keys(CHECKS) as StaticCheckId[];

/** All static checks for one service. Cheap: reuses parses in repo.cache and the lint context. */
export function evaluateStaticChecks(service: Service, repo: RepoContext): StaticResults {
  const scope = new StaticScope(service, repo);
  const results = new Map<StaticCheckId, StaticResult>();
  for (const check of STATIC_CHECK_IDS) results.set(check, { check, ...guarded(check, () => CHECKS[check](scope)) });
  return results;
}

/** For every service of the repo, by name. */
export function evaluateRepoStaticChecks(repo: RepoContext): ReadonlyMap<string, StaticResults> {
  return runNow(staticChecksWork(repo));
}

/** evaluateRepoStaticChecks one service per step (see check/work). */
export function* staticChecksWork(repo: RepoContext): Work<ReadonlyMap<string, StaticResults>> {
  const results = new Map<string, StaticResults>();
  for (const service of repo.model.services) {
    results.set(service.name, evaluateStaticChecks(service, repo));
    yield;
  }
  return results;
}

/** A check that throws is a bug in Certify, not a fact about the repo: it answers 'unknown' and says so. */
function guarded(check: StaticCheckId, run: () => Verdict): Verdict {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return unknown(`Certify could not evaluate ${check} (${reason}); please report this`);
  }
}
