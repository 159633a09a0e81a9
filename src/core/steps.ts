// The seed's nine steps as data: objective, acceptance criteria, documentation, gates and
// failure policy. Texts are the seed's wording (markdown stripped) so reports quote it exactly.

import { deepFreeze } from './deepFreeze';
import { DEFINITIONS } from './stepDefinitions';
import type { MetricId } from './targets';

export const STEP_IDS = [
  'implement',
  'test-external',
  'recreate',
  'backup-plan',
  'populate',
  'test-backup',
  'execute-backup',
  'wipe',
  'restore-verify',
] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * static: knowable from repo files alone; automatic: measurable by running something;
 * manual: needs a person's word (and a name in the record).
 */
export type CriterionKind = 'automatic' | 'static' | 'manual';

/** Ids of the static checks (src/check) that read the repo on a criterion's behalf. */
export type StaticCheckId =
  | 'role-files'
  | 'deploy-playbook'
  | 'proxmox-api-module'
  | 'health-check'
  | 'role-readme'
  | 'vault-documented'
  | 'ports-documented'
  | 'urls-documented'
  | 'backup-role-coverage'
  | 'restore-role-coverage'
  | 'backup-defaults'
  | 'restore-defaults'
  | 'backup-toggles'
  | 'targets-documented'
  | 'populate-script'
  | 'verify-script';

export interface CriterionDefinition {
  /** Stable within its step; the record keys criterion state by it. */
  readonly id: string;
  readonly text: string;
  readonly kind: CriterionKind;
  /**
   * For a static criterion, the check that decides it. For an automatic one, a static
   * prerequisite: the check can show the criterion cannot be met, never that it is.
   */
  readonly check?: StaticCheckId;
  /** The metric this criterion measures. Whether it is met follows the criterion's own words. */
  readonly metric?: MetricId;
  /** Applies only under this condition; it may stay 'unknown' when the step passes. */
  readonly condition?: string;
}

export interface StepGate {
  /** Steps that must be passed first; everything they require is required too. */
  readonly requires: readonly StepId[];
  /** Whether a skipped (rather than passed) required step opens this gate. */
  readonly acceptsSkipped: boolean;
  /** The wipe guard: the record's baseline backup must be verified as well. */
  readonly needsVerifiedBackup: boolean;
}

/** The seed's "Failure Scenarios", one policy per step. */
export type FailurePolicy =
  | 'do-not-proceed'
  | 'can-proceed-with-manual-backup'
  | 'can-proceed-after-manual-cleanup'
  | 'do-not-deploy-to-production';

export interface FailureHandling {
  readonly policy: FailurePolicy;
  /** The seed's "Action". */
  readonly action: string;
  /** The seed's rule for what may happen next. */
  readonly rule: string;
  /** A documented fallback procedure, when the seed gives one. */
  readonly fallback?: string;
}

export interface StepDefinition {
  readonly id: StepId;
  readonly number: StepNumber;
  /** The seed's heading. */
  readonly title: string;
  /** The seed's overview name, used in messages: "Step 8 (Wipe)". */
  readonly shortTitle: string;
  /** The seed's overview line. */
  readonly summary: string;
  readonly objective: string;
  readonly criteria: readonly CriterionDefinition[];
  readonly documentation: readonly CriterionDefinition[];
  /** Checklist items verified before the step acts (beyond its gate); not kept in the record. */
  readonly preconditions: readonly CriterionDefinition[];
  readonly gate: StepGate;
  readonly failure: FailureHandling;
  /** Only steps whose failure policy lets work go on with a manual backup may be skipped. */
  readonly skippable: boolean;
  /** Deletes the service's container; the front end must confirm first. */
  readonly destructive: boolean;
  readonly warning?: string;
}

export const STEPS: readonly StepDefinition[] = deepFreeze(DEFINITIONS);

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value);
}

export function stepById(id: StepId): StepDefinition;
export function stepById(id: string): StepDefinition | undefined;
export function stepById(id: string): StepDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(STEPS_BY_ID, id) ? STEPS_BY_ID[id] : undefined;
}

/** Steps by id: stepById is on the path of every tree node drawn. */
const STEPS_BY_ID: Readonly<Record<string, StepDefinition>> = Object.fromEntries(STEPS.map((step) => [step.id, step]));

export function stepByNumber(n: StepNumber): StepDefinition;
export function stepByNumber(n: number): StepDefinition | undefined;
export function stepByNumber(n: number): StepDefinition | undefined {
  return STEPS.find((s) => s.number === n);
}

/** "Step 8 (Wipe)": how messages name a step. */
export function stepLabel(id: StepId): string {
  const def = stepById(id);
  return `Step ${def.number} (${def.shortTitle})`;
}

/** Acceptance criteria and documentation items: everything a step must meet to pass. */
export function allCriteria(id: StepId): readonly CriterionDefinition[] {
  const def = stepById(id);
  return [...def.criteria, ...def.documentation];
}

export function criterionById(stepId: StepId, criterionId: string): CriterionDefinition | undefined {
  return allCriteria(stepId).find((c) => c.id === criterionId);
}

/** Every step the gate of `id` requires, directly or through another step, in step order. */
export function requiredSteps(id: StepId): readonly StepId[] {
  return REQUIRED_STEPS[id];
}

/** The gates are data that never changes: their closures are worked out once, at load. */
const REQUIRED_STEPS = Object.fromEntries(
  STEP_IDS.map((id) => {
    const seen = new Set<StepId>();
    const visit = (current: StepId): void => {
      for (const req of stepById(current).gate.requires) {
        if (!seen.has(req)) {
          seen.add(req);
          visit(req);
        }
      }
    };
    visit(id);
    return [id, Object.freeze(STEP_IDS.filter((s) => seen.has(s)))];
  }),
) as Record<StepId, readonly StepId[]>;

/** Steps after `id`, in order: what re-running or resetting `id` puts back to the start. */
export function laterSteps(id: StepId): StepId[] {
  const n = stepById(id).number;
  return STEPS.filter((s) => s.number > n).map((s) => s.id);
}
