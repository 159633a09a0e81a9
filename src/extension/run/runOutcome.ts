// How a run ended, in the words a notification and the terminal's last line use, and its exit
// code: those of `certify run` (src/core/exitCodes.ts), so a task bound to a key and a CI
// pipeline read the same number the same way.

import { EXIT } from '../../core/exitCodes';
import type { StepId } from '../../core/steps';
import { stepLabel } from '../../core/steps';

/** The same numbers as `certify run` (one table, src/core/exitCodes.ts). */
export const RUN_EXIT = EXIT;

export type RunExitCode = (typeof RUN_EXIT)[keyof typeof RUN_EXIT];

export type StepStatusAfterRun = 'passed' | 'failed' | 'interrupted' | 'refused';

export interface StepResult {
  readonly step: StepId;
  readonly status: StepStatusAfterRun;
  readonly reason?: string;
}

export interface RunSummary {
  readonly level: 'info' | 'warning' | 'error';
  /** One line: "notes: Step 2 (Test) is locked: pass Step 1 (Implement) first." */
  readonly message: string;
  readonly exitCode: RunExitCode;
  /** The step whose transcript tells the most: the last that ran. */
  readonly lastStep?: StepId;
}

/** The outcome of the steps that ran (in order; the run stops at the first that does not pass). */
export function summarize(service: string, results: readonly StepResult[]): RunSummary {
  const last = results[results.length - 1];
  if (!last) return { level: 'warning', message: `${service}: no step ran.`, exitCode: RUN_EXIT.stopped };
  const passed = results.filter((result) => result.status === 'passed');
  if (last.status === 'passed') {
    const what = passed.length === 1 ? `${stepLabel(last.step)} passed` : `${passed.length} steps passed (${stepLabel(results[0].step)} to ${stepLabel(last.step)})`;
    return { level: 'info', message: `${service}: ${what}.`, exitCode: RUN_EXIT.ok, lastStep: last.step };
  }
  const reason = last.reason ?? '';
  // A gate's refusal names the step itself ("Step 2 (Test) is locked: …"): said once.
  const said = reason.startsWith(stepLabel(last.step)) ? reason : `${stepLabel(last.step)} ${WORDS[last.status]}${reason ? `: ${reason}` : ''}`;
  const before = passed.length === 0 ? '' : ` ${passed.length} ${passed.length === 1 ? 'step' : 'steps'} passed before it.`;
  return {
    level: last.status === 'failed' ? 'error' : 'warning',
    message: `${service}: ${sentence(said)}${before}`,
    exitCode: last.status === 'failed' ? RUN_EXIT.failed : RUN_EXIT.stopped,
    lastStep: last.step,
  };
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const WORDS: Record<Exclude<StepStatusAfterRun, 'passed'>, string> = {
  failed: 'failed',
  interrupted: 'was interrupted',
  refused: 'was refused',
};
