// Which steps a run takes: one step, from a step to the last, all nine, or the next one the
// record has not passed (as `certify run` without --step). Read from command arguments, task
// definitions and quick picks alike.

import { isStepId, STEP_IDS, stepById, stepByNumber, stepLabel, type StepId } from '../../core/steps';
import type { CertificationRecord } from '../../core/record';

export type StepChoice =
  | { readonly kind: 'step'; readonly step: StepId }
  | { readonly kind: 'from'; readonly step: StepId }
  | { readonly kind: 'all' }
  | { readonly kind: 'next' };

/** A step named by its number (3, "3") or id ("recreate"); undefined for anything else. */
export function stepArgument(value: unknown): StepId | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? stepByNumber(value)?.id : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^[1-9]$/.test(value)) return stepByNumber(Number(value))?.id;
  return isStepId(value) ? value : undefined;
}

/**
 * The steps in run order. `next` reads the record: the first step not passed, or a reason when
 * every step has passed.
 */
export function stepsOf(choice: StepChoice, record: CertificationRecord | undefined): StepId[] | { problem: string } {
  switch (choice.kind) {
    case 'step':
      return [choice.step];
    case 'from':
      return STEP_IDS.slice(STEP_IDS.indexOf(choice.step));
    case 'all':
      return [...STEP_IDS];
    case 'next': {
      const next = STEP_IDS.find((id) => record?.steps[id].status !== 'passed');
      return next ? [next] : { problem: 'every step has passed already: choose a step to run again.' };
    }
  }
}

/** "Step 3 (Recreate)", "Steps 3–9 (from Recreate)", "all steps", "the next step". */
export function choiceLabel(choice: StepChoice): string {
  switch (choice.kind) {
    case 'step':
      return stepLabel(choice.step);
    case 'from': {
      const { number, shortTitle } = stepById(choice.step);
      return number === 9 ? stepLabel(choice.step) : `Steps ${number}–9 (from ${shortTitle})`;
    }
    case 'all':
      return 'all steps';
    case 'next':
      return 'the next step';
  }
}
