// A plan as a person reads it before anything runs (`certify run --dry-run`, the tree's
// tooltip): each action with its target and its command, values only known at run time shown
// as <placeholders>, secrets redacted.

import { shellCommand } from '../../core/shellQuote';
import { stepLabel } from '../../core/steps';
import type { Redactor } from '../redact';
import type { StepPlan } from './action';
import { pending, type Figures } from './action';

export interface PlannedActionView {
  readonly id: string;
  readonly title: string;
  readonly target: string;
  readonly command: string;
  readonly destructive?: string;
}

export interface PlanView {
  readonly step: string;
  readonly label: string;
  readonly blocked?: string;
  readonly actions: PlannedActionView[];
}

/** Figures an action reads, shown by name: "<backup.timestamp>". */
const PLACEHOLDERS: Figures = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? pending(key) : undefined) });

/**
 * `prefix`: the controller prefix every local command starts with (the lab's `ip netns exec …`);
 * said once by the caller and left out of each command here.
 */
export function describePlan(plan: StepPlan, redactor: Redactor, asData: true, prefix?: readonly string[]): PlanView;
export function describePlan(plan: StepPlan, redactor: Redactor, asData: false, prefix?: readonly string[]): string;
export function describePlan(plan: StepPlan, redactor: Redactor, asData: boolean, prefix: readonly string[] = []): PlanView | string {
  const actions = plan.actions.map((action): PlannedActionView => {
    const spec = action.command(PLACEHOLDERS);
    const env = Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`);
    const prefixed = prefix.length > 0 && prefix.every((word, i) => spec.argv[i] === word);
    const command = redactor.redact(shellCommand([...env, ...(prefixed ? spec.argv.slice(prefix.length) : spec.argv)]));
    return { id: action.id, title: action.title, target: action.target, command, ...(action.destructive ? { destructive: action.destructive.what } : {}) };
  });
  const view: PlanView = { step: plan.step, label: stepLabel(plan.step), ...(plan.blocked ? { blocked: plan.blocked } : {}), actions };
  if (asData) return view;
  const lines = [`${view.label}${view.blocked ? ` — cannot run: ${view.blocked}` : ''}`];
  view.actions.forEach((action, i) => {
    lines.push(`  ${i + 1}. ${action.title} [${action.target}]${action.destructive ? '  (DELETES: needs confirmation)' : ''}`);
    lines.push(`     $ ${action.command}`);
  });
  return `${lines.join('\n')}\n`;
}
