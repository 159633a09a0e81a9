// Step 4 (Backup Plan): the repo's backup and restore roles cover the service (the static
// checks, recorded now as the step's result) and both playbooks pass Ansible's own syntax check.

import type { PlannedAction, StepPlan } from '../action';
import { controller, type PlanContext } from '../planContext';
import { endedText, lastError, succeeded } from '../sharedActions';

export function backupPlanPlan(context: PlanContext): StepPlan {
  const { backupPlaybook, restorePlaybook } = context.facts;
  const blocked = !backupPlaybook
    ? 'The repo has no backup playbook (playbooks/backup-infrastructure.yml).'
    : !restorePlaybook
      ? 'The repo has no restore playbook (playbooks/restore-infrastructure.yml).'
      : undefined;
  return {
    step: 'backup-plan',
    ...(blocked ? { blocked } : {}),
    actions: [syntaxCheck(context, 'backup-syntax', backupPlaybook, 'backup'), syntaxCheck(context, 'restore-syntax', restorePlaybook, 'restore')],
  };
}

function syntaxCheck(context: PlanContext, id: string, file: string | undefined, side: 'backup' | 'restore'): PlannedAction {
  const playbook = file ?? `playbooks/${side}-infrastructure.yml`;
  return {
    id,
    title: `ansible-playbook --syntax-check ${playbook}`,
    target: 'local',
    command: () =>
      controller(context, ['ansible-playbook', '--syntax-check', ...context.targets.controller.extraVarsFiles.flatMap((f) => ['-e', `@${f}`]), playbook], 120_000),
    judge: (outcome) => {
      const ok = succeeded(outcome);
      const evidence = `${playbook}: syntax check ${ok ? 'passed' : `failed (${endedText(outcome)})${lastError(outcome)}`}`;
      // The toggles and commands live in these playbooks' roles: both must at least load.
      const criteria = side === 'backup' ? [{ id: 'backup-commands', met: ok, evidence }, { id: 'toggles', met: ok, evidence }] : [];
      return { criteria, ...(ok ? {} : { stop: evidence }) };
    },
  };
}
