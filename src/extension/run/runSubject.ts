// Which service, and which step, a run command is about: a row of the Services view (menus),
// the arguments a CodeLens or a test passes (folder, service, step), or — from the palette —
// what the person picks. The picks show each step's state and why a blocked one waits.

import { vscode } from '../vscodeApi';
import { canStart } from '../../core/gates';
import { createEmptyRecord } from '../../core/record';
import { STEPS, stepLabel, type StepId } from '../../core/steps';
import { displayText } from '../../core/displayText';
import { progressLine, serviceNode, stepNodes } from '../../report/treeModel';
import type { CertifyContext } from '../context';
import type { RepoWatcher } from '../repoWatcher';
import type { ServicesNode } from '../servicesTree';
import { stepArgument } from './stepChoice';

export interface RunSubject {
  readonly repo: RepoWatcher;
  readonly service: string;
  /** Present when the command was given a step (a step row, an argument) or one was picked. */
  readonly step?: StepId;
}

/**
 * The subject of a command: from its arguments, else picked. `pickStep` asks for a step when none
 * came with the arguments; `pickVerb` words the pick ("Run", "Show the plan of").
 * Undefined when a pick was dismissed or the arguments name nothing open.
 */
export async function runSubject(ctx: CertifyContext, args: readonly unknown[], pickStep: boolean, pickVerb: string): Promise<RunSubject | undefined> {
  const given = fromArguments(ctx, args);
  if (given === 'unknown') return undefined;
  const subject = given ?? (await pickService(ctx, pickVerb, stepArgument(args[2])));
  if (!subject || subject.step || !pickStep) return subject;
  const step = await pickStepOf(subject, pickVerb);
  return step ? { ...subject, step } : undefined;
}

/** A tree row, or (folder, service, step?); 'unknown' when they name a repo or service not open. */
function fromArguments(ctx: CertifyContext, args: readonly unknown[]): RunSubject | 'unknown' | undefined {
  const [first, second, third] = args;
  if (isNode(first)) {
    if (first.kind === 'service') return { repo: first.repo, service: first.service.name };
    if (first.kind === 'step') return { repo: first.repo, service: first.service.name, step: first.step.id };
    if (first.kind === 'criterion') return { repo: first.repo, service: first.service.name, step: first.stepId };
    return undefined;
  }
  if (first === undefined || typeof second !== 'string') return undefined;
  const folder = first instanceof vscode.Uri ? first : typeof first === 'string' ? vscode.Uri.parse(first) : undefined;
  const repo = folder && ctx.repos.get(folder);
  if (!repo || !repo.model.services.some((service) => service.name === second)) {
    void vscode.window.showWarningMessage(`Certify: no service "${displayText(second)}" is open: refresh the Services view, or open its repo.`);
    return 'unknown';
  }
  const step = stepArgument(third);
  return { repo, service: second, ...(step ? { step } : {}) };
}

function isNode(value: unknown): value is ServicesNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'repo' in value;
}

interface ServicePick extends vscode.QuickPickItem {
  subject: RunSubject;
}

/** Every service of every open repo; with `step`, each says whether that step can start. */
async function pickService(ctx: CertifyContext, verb: string, step: StepId | undefined): Promise<RunSubject | undefined> {
  const repos = ctx.repos.all().filter((repo) => repo.model.services.length > 0);
  const items: ServicePick[] = repos.flatMap((repo) =>
    repo.model.services.map((service): ServicePick => {
      const record = repo.recordOf(service.name);
      const blocked = step ? canStart(record ?? createEmptyRecord(service.name, new Date()), step) : undefined;
      return {
        label: displayText(service.name),
        description: repos.length > 1 ? repo.folder.name : undefined,
        detail: blocked ? `$(lock) ${displayText(blocked)}` : progressLine(serviceNode(service, repo.record(service.name)), stepNodes(service, record)),
        subject: { repo, service: service.name, ...(step ? { step } : {}) },
      };
    }),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Certify: no service in the open folders yet.');
    return undefined;
  }
  const title = step ? `Certify: ${verb} ${stepLabel(step)} of which service?` : `Certify: ${verb} which service?`;
  return (await vscode.window.showQuickPick(items, { title, matchOnDetail: true }))?.subject;
}

interface StepPick extends vscode.QuickPickItem {
  step: StepId;
}

async function pickStepOf(subject: RunSubject, verb: string): Promise<StepId | undefined> {
  const service = subject.repo.model.services.find((candidate) => candidate.name === subject.service);
  if (!service) return undefined;
  const nodes = stepNodes(service, subject.repo.recordOf(subject.service));
  const items = STEPS.map((step, i): StepPick => {
    const node = nodes[i];
    return {
      label: `${node.state === 'blocked' ? '$(lock) ' : ''}${step.number} ${step.title}`,
      description: node.description,
      detail: node.reason,
      step: step.id,
    };
  });
  return (await vscode.window.showQuickPick(items, { title: `Certify: ${verb} which step of ${displayText(subject.service)}?` }))?.step;
}
