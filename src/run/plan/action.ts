// A step's plan: the actions it runs, in order, each with what it proves. Plans are data, so
// the same list is shown by a dry run (and the tree's tooltip) and executed by the session:
// what a person reviews is what runs.

import type { BackupInput } from '../../core/evidenceTransitions';
import type { ActionTarget, DataKindFingerprint } from '../../core/record';
import type { StepId } from '../../core/steps';
import type { MetricId } from '../../core/targets';
import type { CommandResult, CommandSpec } from '../exec/executor';
import type { AnsibleResultRead } from '../ansible/ansibleResult';

/**
 * Values actions hand to later ones ("backupDir", "deployMs"), as they are also recorded in the
 * run (figures): a resumed step rebuilds them from what finished before the interruption.
 */
export type Figures = Record<string, string | number>;

/** What a dry run shows where a value is known only once an earlier action ran. */
export function pending(name: string): string {
  return `<${name}>`;
}

export interface ActionOutcome {
  readonly result: CommandResult;
  /** For an Ansible action: its structured results (stats, changed and failed tasks). */
  readonly ansible?: AnsibleResultRead;
}

export interface CriterionVerdict {
  readonly id: string;
  readonly met: boolean;
  /** One line for the report: what was seen. */
  readonly evidence: string;
}

export interface Judgement {
  readonly criteria?: readonly CriterionVerdict[];
  readonly metrics?: ReadonlyArray<{ readonly id: MetricId; readonly value: number }>;
  readonly figures?: Figures;
  /** Step 5: the test data's fingerprint, for Step 9 to compare with. */
  readonly testData?: Record<string, DataKindFingerprint>;
  /** Step 7: the baseline backup the wipe guard and Step 9 rely on. */
  readonly backup?: BackupInput;
  /** A report the session writes to .certify/<service>/reports/<name>; `criterion` is met by it. */
  readonly report?: { readonly name: string; readonly text: string; readonly criterion: string };
  /** The step cannot go on: the step fails with this reason (a person can act on it). */
  readonly stop?: string;
}

export interface PlannedAction {
  /** Unique within its step; a resumed run skips actions whose id finished. */
  readonly id: string;
  readonly title: string;
  readonly target: ActionTarget;
  /** Built from the figures so far; a dry run passes placeholders (see pending()). */
  command(figures: Figures): CommandSpec;
  /** An ansible-playbook run: the session adds Certify's results callback and reads its results. */
  readonly ansible?: boolean;
  /** Deletes something: the session asks the front end to confirm before it runs. */
  readonly destructive?: { readonly containerId: number; readonly what: string };
  /** Skipped (and said so) when this returns a reason. */
  skipIf?(figures: Figures): string | undefined;
  judge(outcome: ActionOutcome, figures: Figures): Judgement;
}

export interface StepPlan {
  readonly step: StepId;
  readonly actions: readonly PlannedAction[];
  /** After every action ran: criteria that need the whole run (a metric over several actions). */
  finish?(figures: Figures): Judgement;
  /** Why this plan cannot run at all (no deploy playbook, no vantage host); the step fails with it. */
  readonly blocked?: string;
}
