// A certification run of one service: read the repo, resolve the targets, hold the service's
// run lock (one run per service at a time, across windows and the CLI), mark a run that died
// mid-step as interrupted, then run the asked steps in order, stopping at the first that does
// not pass. The CLI, the extension and the tests all start runs here.

import * as path from 'node:path';
import { evaluateStaticChecks, type StaticResults } from '../../check/staticCriteria';
import { validateRepo } from '../../check/validateRepo';
import type { CertificationRecord } from '../../core/record';
import type { RepoModel, Service } from '../../core/service';
import { completedAt } from '../../core/freshness';
import { runningStep } from '../../core/gates';
import { STEP_IDS, stepLabel, type StepId } from '../../core/steps';
import { interruptStep } from '../../core/transitions';
import { certifiedInputs } from '../../repo/certifiedInputs';
import { discoverRepo, loadRepoForValidation } from '../../repo/loadRepo';
import { completionReportText } from '../../report/completionReport';
import { saveCertification } from '../../store/history';
import { withServiceLock } from '../../store/lock';
import { loadRecord, serviceDir, updateRecord } from '../../store/records';
import { stepPlan } from '../plan/plans';
import type { PlanContext } from '../plan/planContext';
import { readSettings } from '../../repo/mappingFile';
import { serviceRunFacts, type ServiceRunFacts } from '../plan/serviceRunFacts';
import { knownSecrets } from '../secrets';
import { Redactor } from '../redact';
import { backupSettingsOf, resolveTargets, type RunTargets } from '../targets/runTargets';
import { RunExecutors } from './executors';
import type { RunFrontEnd } from './frontEnd';
import { defaultOwner, runStep, type StepOutcome } from './stepSession';

export interface ServiceRun {
  readonly root: string;
  readonly model: RepoModel;
  readonly service: Service;
  readonly facts: ServiceRunFacts;
  readonly targets: RunTargets;
  readonly statics: StaticResults;
  readonly redactor: Redactor;
  /** The environment the run was prepared with: local commands run in it. */
  readonly env: NodeJS.ProcessEnv;
}

export class ServiceNotFoundError extends Error {
  constructor(
    readonly service: string,
    readonly known: readonly string[],
  ) {
    super(`No service "${service}" in this repo. Services: ${known.join(', ') || 'none'}.`);
    this.name = 'ServiceNotFoundError';
  }
}

/** Everything a run (or a dry run) of `name` needs, read once. */
export async function prepareRun(root: string, name: string, env: NodeJS.ProcessEnv = process.env): Promise<ServiceRun> {
  const loaded = await loadRepoForValidation(root);
  const service = loaded.model.services.find((candidate) => candidate.name === name);
  if (!service) throw new ServiceNotFoundError(name, loaded.model.services.map((s) => s.name));
  const context = validateRepo(loaded, loaded.cache);
  const statics = evaluateStaticChecks(service, context);
  const settings = await readSettings(loaded.model.root);
  const targets = resolveTargets(loaded.model, env, backupSettingsOf(settings));
  const facts = await serviceRunFacts(loaded.model, service, settings);
  const redactor = new Redactor(await knownSecrets(env, targets.controller.extraVarsFiles));
  return { root: loaded.model.root, model: loaded.model, service, facts, targets, statics, redactor, env };
}

export function planContext(run: ServiceRun, record: CertificationRecord): PlanContext {
  return { root: run.root, facts: run.facts, targets: run.targets, record };
}

export interface CertifyOptions {
  readonly steps: readonly StepId[];
  readonly frontEnd: RunFrontEnd;
  readonly signal?: AbortSignal;
  readonly owner?: string;
  readonly now?: () => Date;
}

export interface CertifyResult {
  readonly outcomes: ReadonlyArray<{ readonly step: StepId } & StepOutcome>;
  readonly record?: CertificationRecord;
}

/**
 * Runs `steps` in order under the service's run lock; stops at the first step that does not
 * pass. Throws LockBusyError when another run holds the lock (nothing is changed then).
 */
export async function certify(run: ServiceRun, options: CertifyOptions): Promise<CertifyResult> {
  const owner = options.owner ?? defaultOwner();
  const now = options.now ?? (() => new Date());
  const lockDir = path.join(serviceDir(run.root, run.service.name), 'run');
  return withServiceLock(lockDir, { owner: `certify run (${owner})`, waitMs: 0 }, async () => {
    await interruptDeadRun(run, owner, now);
    const executors = new RunExecutors(run.targets, options.frontEnd.hostKeyPrompt, run.env);
    const outcomes: Array<{ step: StepId } & StepOutcome> = [];
    let record: CertificationRecord | undefined;
    try {
      for (const step of options.steps) {
        const outcome = await runStep(
          {
            root: run.root,
            service: run.service.name,
            executors,
            redactor: run.redactor,
            frontEnd: options.frontEnd,
            statics: run.statics,
            owner,
            ...(options.signal ? { signal: options.signal } : {}),
            now,
            plan: (id, current) => stepPlan(id, planContext(run, current), now),
            completionReport: (current) => completionReportText(current, run.facts.containerId, run.facts.targets),
            targets: run.facts.targets,
          },
          step,
        );
        outcomes.push({ step, ...outcome });
        if (outcome.record) record = outcome.record;
        if (outcome.status !== 'passed') break;
      }
      const last = outcomes[outcomes.length - 1];
      if (record && last?.step === 'restore-verify' && last.status === 'passed') await keepCertification(run, record);
    } finally {
      await executors.close();
    }
    return { outcomes, ...(record ? { record } : {}) };
  });
}

/**
 * Keeps a certification that has just completed (store/history) with what it certified, read
 * from the repo as it is at that moment. Step 9 passing with a step skipped is no
 * certification: nothing is kept then. Returns the history file written.
 */
export async function keepCertification(run: Pick<ServiceRun, 'root' | 'service'>, record: CertificationRecord): Promise<string | undefined> {
  if (completedAt(record) === undefined) return undefined;
  const model = await discoverRepo(run.root);
  // A service renamed or removed during the run is hashed as the run knew it.
  const service = model.services.find((candidate) => candidate.name === run.service.name) ?? run.service;
  return saveCertification(run.root, record, await certifiedInputs(model, service));
}

/**
 * We hold the run lock, so a step the record says is running belongs to a run that is gone
 * (the window closed, the machine slept, the process was killed): it was interrupted, and
 * starting it again resumes it.
 */
export async function interruptDeadRun(run: Pick<ServiceRun, 'root' | 'service'>, owner: string, now: () => Date): Promise<void> {
  const stored = await loadRecord(run.root, run.service.name);
  if (stored.kind !== 'ok' || !runningStep(stored.record)) return;
  await updateRecord(run.root, run.service.name, { owner, waitMs: 10_000 }, (record) => {
    const step = runningStep(record);
    if (!step) return record;
    const result = interruptStep(record, step, now(), `The run of ${stepLabel(step)} stopped before it finished (its process ended); it resumes from the action that did not finish.`);
    return result.ok ? result.record : record;
  });
}

/** Steps from `from` (inclusive) to the last: `certify run --from N`. */
export function stepsFrom(from: StepId): StepId[] {
  return STEP_IDS.slice(STEP_IDS.indexOf(from));
}
