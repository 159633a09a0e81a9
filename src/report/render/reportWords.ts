// The words and marks every format uses for the same facts, so a status reads alike in the
// text report, the Markdown, the HTML and the JUnit messages. Marks come with words: the state
// never rests on a glyph or a colour alone.

import type { Grade } from '../../core/grading';
import type { CriterionState, StepStatus } from '../../core/record';
import type { StepId } from '../../core/steps';
import type { MatchState } from '../model/reportTypes';

/** The workflow's completion-report line for a passed step. */
export const COMPLETION_LINES: Readonly<Record<StepId, string>> = {
  implement: 'Service implemented and deployed',
  'test-external': 'External testing passed',
  recreate: 'Delete/recreate validation passed',
  'backup-plan': 'Data backup plan integrated',
  populate: 'Test data populated',
  'test-backup': 'Backup script tested',
  'execute-backup': 'Baseline backup created',
  wipe: 'Service wiped',
  'restore-verify': 'Service restored and verified',
};

/** The workflow's "Next Steps" once a service is PRODUCTION READY. */
export const NEXT_STEPS: readonly string[] = [
  'Remove test data (if desired)',
  'Configure for production use',
  'Add monitoring',
  'Add to regular backup schedule',
  'Document in architecture docs',
];

export const STEP_MARKS: Readonly<Record<StepStatus, string>> = {
  passed: '✅',
  'not-started': '⬜',
  running: '⏳',
  failed: '❌',
  interrupted: '❌',
  skipped: '❌',
};

/** The same in glyphs every text font has (emoji fonts are not everywhere a page is opened). */
export const STEP_GLYPHS: Readonly<Record<StepStatus, string>> = {
  passed: '✔',
  'not-started': '○',
  running: '…',
  failed: '✘',
  interrupted: '✘',
  skipped: '⊘',
};

export const STATE_MARKS: Readonly<Record<CriterionState, string>> = { met: '✓', 'not-met': '✗', unknown: '?' };

export const STATE_WORDS: Readonly<Record<CriterionState, string>> = { met: 'met', 'not-met': 'not met', unknown: 'not yet known' };

export const GRADE_WORDS: Readonly<Record<Grade, string>> = { target: 'TARGET', acceptable: 'ACCEPTABLE', warning: 'WARNING' };

export const MATCH_WORDS: Readonly<Record<MatchState, string>> = {
  matches: '✓ matches after restore',
  differs: '✗ differs after restore',
  'not-compared': 'not yet compared after a restore',
};

export const READY_TEXT = 'PRODUCTION READY';

/** A step's state after its title: "" for a pass, " — failed: why" otherwise. */
export function stepSuffix(status: StepStatus, reason: string | undefined): string {
  return status === 'passed' ? '' : ` — ${status}${reason ? `: ${reason}` : ''}`;
}

/** "Steps 1, 3 and 9" from step numbers, for the steps a change puts in doubt. */
export function stepNumbers(numbers: readonly number[]): string {
  if (numbers.length === 0) return 'no steps';
  const list = numbers.length === 1 ? String(numbers[0]) : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
  return `${numbers.length === 1 ? 'Step' : 'Steps'} ${list}`;
}
