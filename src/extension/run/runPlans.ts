// Plans as a person reads them before anything runs (the engine's describePlan): for the Show
// Plan document and the step tooltips. The repo's run facts are read once per service and kept
// until the repo, the record or the target setting changes; the plan itself follows the record.

import { vscode } from '../vscodeApi';
import { createEmptyRecord } from '../../core/record';
import type { StepId } from '../../core/steps';
import type { OpenRepos } from '../openRepos';
import type { RepoWatcher } from '../repoWatcher';
import type { Engines, RunEngine } from '../engines/engines';
import type { ServiceRun } from '../engines/runEngine';
import { SETTING_KEYS, runSettings } from './runSettings';
import { targetEnvironment } from './runTargetEnv';

export class RunPlans implements vscode.Disposable {
  private readonly prepared = new Map<string, Promise<ServiceRun>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly engines: Engines,
    repos: OpenRepos,
  ) {
    this.subscriptions = [
      repos.onDidChange(() => this.prepared.clear()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTING_KEYS.target)) this.prepared.clear();
      }),
    ];
  }

  /**
   * The plans of `steps` as text: a header naming the targets, the controller prefix said once,
   * then each step's actions with their commands (secrets redacted).
   */
  async text(repo: RepoWatcher, service: string, steps: readonly StepId[]): Promise<string> {
    const engine = this.engines.run();
    const run = await this.prepare(engine, repo, service);
    const record = repo.recordOf(service) ?? createEmptyRecord(service, new Date());
    const prefix = run.targets.controller.prefix;
    const plans = steps.map((step) => engine.describePlan(engine.stepPlan(step, engine.planContext(run, record)), run.redactor, false, prefix));
    const header = [`Certify run plan for ${service} against ${run.targets.description}`];
    if (prefix.length > 0) header.push(`[local] commands run as: ${run.redactor.redact(engine.shellCommand(prefix))} <command>`);
    return [...header, '', ...plans].join('\n');
  }

  /** One step's actions (the tooltip's part): where they run, then the describePlan text. */
  async stepText(repo: RepoWatcher, service: string, step: StepId): Promise<string> {
    const engine = this.engines.run();
    const run = await this.prepare(engine, repo, service);
    const record = repo.recordOf(service) ?? createEmptyRecord(service, new Date());
    const plan = engine.describePlan(engine.stepPlan(step, engine.planContext(run, record)), run.redactor, false, run.targets.controller.prefix);
    return `Against ${run.targets.description}\n${plan}`;
  }

  private prepare(engine: RunEngine, repo: RepoWatcher, service: string): Promise<ServiceRun> {
    const key = `${repo.folder.uri.toString()}#${service}`;
    let prepared = this.prepared.get(key);
    if (!prepared) {
      prepared = (async () => {
        // Plans show no secret: the run's own secrets are read only when it starts.
        const targets = await targetEnvironment(runSettings(repo.folder.uri).target, repo.engine);
        return engine.prepareRun(repo.folder.uri.fsPath, service, targets.env);
      })();
      // A failure is not kept: the next ask tries again (the lab may be up by then).
      prepared.catch(() => this.prepared.delete(key));
      this.prepared.set(key, prepared);
    }
    return prepared;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.prepared.clear();
  }
}
