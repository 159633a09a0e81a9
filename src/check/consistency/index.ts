// Cross-file consistency: what one file states must agree with what the others state (a
// definition with its role, backup with restore, one container id per service). Pure; cheap
// enough to run after every edit, since parses come from discovery's cache when one is given.

import type { Finding, RuleInfo } from '../../core/findings';
import type { RepoModel } from '../../core/service';
import type { YamlCache } from '../../repo/parseCache';
import { readBackupSide } from './backupDefaults';
import { BACKUP_MISMATCH, checkBackupAgainstServices, type Flagged } from './backupMismatch';
import { checkBackupRestoreAgreement } from './backupRestoreAgreement';
import { RESTORE_ROLE } from '../../repo/layout';
import { checkContainerIdMaps } from './containerIdMaps';
import { mappedServices, readDataMaps } from './dataMaps';
import { findDirectoryLoop } from './restoreLoop';
import { ConsistencyContext, type SnapshotView } from './context';
import { checkDefinitionMismatch, DEFINITION_MISMATCH } from './definitionMismatch';
import { checkDuplicates, DUPLICATE_CONTAINER_ID, DUPLICATE_IP } from './duplicates';
import { checkMissingDeployPlaybooks, MISSING_DEPLOY_PLAYBOOK } from './missingDeployPlaybook';
import { checkMissingRoles, MISSING_ROLE } from './missingRole';
import { checkRestoreMissing, RESTORE_MISSING } from './restoreMissing';

export interface ConsistencyInput {
  /** The repo texts the model was built from (a workspace RepoSnapshot). */
  snapshot: SnapshotView;
  model: RepoModel;
  /**
   * The parse cache the model was built with (RepoIndex.parseCache, or buildRepoModel's): with
   * it, checking after a one-file edit parses nothing new. Without, the few files read are parsed.
   */
  cache?: YamlCache;
  /** Validation's texts (role tasks, playbooks): what a restore role's tasks restore is read from them. */
  texts?: ReadonlyMap<string, string>;
}

export const CONSISTENCY_RULES: readonly RuleInfo[] = [
  DEFINITION_MISMATCH,
  BACKUP_MISMATCH,
  RESTORE_MISSING,
  DUPLICATE_CONTAINER_ID,
  DUPLICATE_IP,
  MISSING_ROLE,
  MISSING_DEPLOY_PLAYBOOK,
];

export function checkConsistency(input: ConsistencyInput): Finding[] {
  const ctx = new ConsistencyContext(input.snapshot, input.model, input.cache ?? new Map(), input.texts);
  const sides = { backup: readBackupSide(ctx, 'backup'), restore: readBackupSide(ctx, 'restore') };
  for (const side of [sides.backup, sides.restore]) {
    side.maps = readDataMaps(side, ctx.model.services);
    side.mapped = mappedServices(side.maps, ctx.model.services);
  }
  // Only a restore loops over the backup directory to take all it holds.
  sides.restore.loop = findDirectoryLoop(ctx, RESTORE_ROLE);
  // Values already reported against a service are not reported again as backup/restore disagreement.
  const flagged: Flagged = new Set();
  const findings = [
    ...checkDefinitionMismatch(ctx),
    ...checkBackupAgainstServices(ctx, sides, flagged),
    ...checkContainerIdMaps(ctx, sides, flagged),
    ...checkBackupRestoreAgreement(ctx, sides, flagged),
    ...checkRestoreMissing(ctx, sides),
    ...checkDuplicates(ctx),
    ...checkMissingRoles(ctx),
    ...checkMissingDeployPlaybooks(ctx),
  ];
  // A stable order, so front ends and tests see the same list for the same repo.
  return findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId),
  );
}
