// The `certify` task type: every service's nine steps and "all steps" in Run Task, and tasks
// written in tasks.json ({ "type": "certify", "service": "notes", "step": 3 }), so a step can be
// bound to a key. Each runs in the same terminal as the commands' runs, and ends with its exit code.

import { vscode } from '../vscodeApi';
import { STEPS, stepLabel } from '../../core/steps';
import type { CertifyContext } from '../context';
import type { RepoWatcher } from '../repoWatcher';
import { RUN_EXIT } from './runOutcome';
import { RunTerminal } from './runTerminal';
import type { StepChoice } from './stepChoice';
import { taskTerminal } from './startRun';
import { choiceOfTask, taskDefinitionFor, type CertifyTaskDefinition } from './taskDefinition';

/** A run's findings are in its record and transcript: no output to scan (and Run Task does not ask for a matcher). */
const NO_PROBLEM_MATCHERS: string[] = [];

export class CertifyTasks implements vscode.TaskProvider {
  constructor(private readonly ctx: CertifyContext) {}

  provideTasks(): vscode.Task[] {
    // VS Code runs no task in an untrusted workspace; none is offered either.
    if (!vscode.workspace.isTrusted) return [];
    return this.ctx.repos.all().flatMap((repo) =>
      repo.model.services.flatMap((service) => [
        ...STEPS.map((step) => this.task(repo, service.name, { kind: 'step', step: step.id }, `${service.name} — ${stepLabel(step.id)}`)),
        this.task(repo, service.name, { kind: 'all' }, `${service.name} — all steps`),
      ]),
    );
  }

  /** A certify task from tasks.json: checked here; one that cannot run says why in its terminal. */
  resolveTask(task: vscode.Task): vscode.Task {
    const definition = task.definition as CertifyTaskDefinition;
    const scope = task.scope ?? vscode.TaskScope.Workspace;
    return new vscode.Task(definition, scope, task.name, task.source, this.execution(definition, scope), NO_PROBLEM_MATCHERS);
  }

  private task(repo: RepoWatcher, service: string, choice: StepChoice, name: string): vscode.Task {
    const definition = taskDefinitionFor(service, choice);
    const task = new vscode.Task(definition, repo.folder, name, 'Certify', this.execution(definition, repo.folder), NO_PROBLEM_MATCHERS);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, echo: false };
    task.detail = choice.kind === 'all' ? `Runs the nine steps of ${service} from Step 1, stopping at the first that does not pass.` : undefined;
    return task;
  }

  private execution(definition: CertifyTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope): vscode.CustomExecution {
    return new vscode.CustomExecution(async (resolved) => {
      const asked = choiceOfTask({ ...definition, ...resolved });
      if ('problem' in asked) return refusedTerminal(`Certify: ${asked.problem}`);
      const repo = this.repoOf(scope, asked.service);
      if (typeof repo === 'string') return refusedTerminal(`Certify: ${repo}`);
      return taskTerminal(this.ctx, { repo, service: asked.service, choice: asked.choice });
    });
  }

  /** The task's folder; a workspace-wide task names a service one open repo has. A string says why none. */
  private repoOf(scope: vscode.WorkspaceFolder | vscode.TaskScope, service: string): RepoWatcher | string {
    const has = (repo: RepoWatcher): boolean => repo.model.services.some((candidate) => candidate.name === service);
    if (typeof scope === 'object') {
      const repo = this.ctx.repos.get(scope.uri);
      return repo && has(repo) ? repo : `the folder ${scope.name} has no service "${service}".`;
    }
    const repos = this.ctx.repos.all().filter(has);
    if (repos.length === 1) return repos[0];
    return repos.length === 0
      ? `no open folder has a service "${service}".`
      : `${repos.length} open folders have a service "${service}": define the task in the tasks.json of the folder meant.`;
  }
}

/** A task terminal that only says why nothing runs, and ends as a usage error would. */
function refusedTerminal(message: string): vscode.Pseudoterminal {
  const pty = new RunTerminal(true);
  pty.attach({
    onOpen: () => {
      pty.say(`${message}\n`);
      pty.finish(RUN_EXIT.notFound);
    },
    onCancel: () => {},
  });
  return pty;
}
