// The plan of each step, by id: what `certify run --dry-run` shows and what the session runs.

import type { StepId } from '../../core/steps';
import type { StepPlan } from './action';
import type { PlanContext } from './planContext';
import { backupPlanPlan } from './steps/backupPlan';
import { executeBackupPlan } from './steps/executeBackup';
import { implementPlan } from './steps/implement';
import { populatePlan } from './steps/populate';
import { recreatePlan } from './steps/recreate';
import { restoreVerifyPlan } from './steps/restoreVerify';
import { testBackupPlan } from './steps/testBackup';
import { testExternalPlan } from './steps/testExternal';
import { wipePlan } from './steps/wipe';

const PLANS: Readonly<Record<StepId, (context: PlanContext, now: () => Date) => StepPlan>> = {
  implement: implementPlan,
  'test-external': testExternalPlan,
  recreate: recreatePlan,
  'backup-plan': backupPlanPlan,
  populate: populatePlan,
  'test-backup': testBackupPlan,
  'execute-backup': executeBackupPlan,
  wipe: wipePlan,
  'restore-verify': restoreVerifyPlan,
};

export function stepPlan(step: StepId, context: PlanContext, now: () => Date = () => new Date()): StepPlan {
  return PLANS[step](context, now);
}
