// The `certify` task type (package.json contributes.taskDefinitions): a service and which of its
// steps to run. Read strictly: a tasks.json entry that says two things, or nothing Certify
// knows, is refused with what to write instead.

import { stepById, type StepId } from '../../core/steps';
import { stepArgument, type StepChoice } from './stepChoice';

export const TASK_TYPE = 'certify';

export interface CertifyTaskDefinition {
  readonly type: typeof TASK_TYPE;
  readonly service: string;
  /** 1-9, or "all" for the nine from Step 1. */
  readonly step?: number | 'all';
  /** 1-9: from this step to the last, stopping at the first that does not pass. */
  readonly from?: number;
}

export function taskDefinitionFor(service: string, choice: StepChoice): CertifyTaskDefinition {
  switch (choice.kind) {
    case 'step':
      return { type: TASK_TYPE, service, step: stepById(choice.step).number };
    case 'from':
      return { type: TASK_TYPE, service, from: stepById(choice.step).number };
    case 'all':
      return { type: TASK_TYPE, service, step: 'all' };
    case 'next':
      return { type: TASK_TYPE, service };
  }
}

/** What a task definition asks for, or why it cannot be run. */
export function choiceOfTask(definition: Readonly<Record<string, unknown>> | CertifyTaskDefinition): { service: string; choice: StepChoice } | { problem: string } {
  const { service, step, from } = definition as Readonly<Record<string, unknown>>;
  if (typeof service !== 'string' || service.trim() === '') return { problem: 'a certify task needs "service": the service\'s name.' };
  if (step !== undefined && from !== undefined) return { problem: `task for ${service}: give "step" or "from", not both.` };
  if (step === 'all') return { service, choice: { kind: 'all' } };
  if (step !== undefined) {
    const id = numbered(step);
    return id ? { service, choice: { kind: 'step', step: id } } : { problem: `task for ${service}: "step" is 1-9 or "all", not ${JSON.stringify(step)}.` };
  }
  if (from !== undefined) {
    const id = numbered(from);
    return id ? { service, choice: { kind: 'from', step: id } } : { problem: `task for ${service}: "from" is 1-9, not ${JSON.stringify(from)}.` };
  }
  return { service, choice: { kind: 'next' } };
}

/** Task definitions take step numbers; a number written as a string in tasks.json is taken too. */
function numbered(value: unknown): StepId | undefined {
  return typeof value === 'number' || (typeof value === 'string' && /^[1-9]$/.test(value)) ? stepArgument(value) : undefined;
}
