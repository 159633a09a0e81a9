// The scaffold's public shapes: what the user asks for ("Certify: New Service…") and what the
// engine plans in answer (files to create, files left alone, edits proposed for review).

import type { FixEdit } from '../core/findings';

/** What the new service's data is, which decides its backup items and backup/restore entries. */
export type BackupType = 'postgresql' | 'redis' | 'files' | 'none';

export const BACKUP_TYPES: readonly BackupType[] = ['postgresql', 'redis', 'files', 'none'];

export interface ScaffoldRequest {
  /** Service name (services/<name>.yml): ^[a-z0-9][a-z0-9_-]{0,62}$, ending in a letter or digit. */
  name: string;
  containerId: number;
  /** Plain IPv4 address, without /prefix (the role adds network_cidr). */
  ipAddress: string;
  port: number;
  backupType: BackupType;
}

export interface PlannedFile {
  file: string;
  content: string;
  executable?: boolean;
}

export interface ScaffoldPlan {
  /** New files (repo-relative path → content). Never includes a file that exists. */
  create: PlannedFile[];
  /** Files that already exist and were left alone. */
  skipped: string[];
  /**
   * Proposed edits for the user to review, not applied by the scaffold: the backup/restore roles'
   * defaults, the inventory host the role delegates to and, when the service has a secret, the
   * vault example. Several edits may target one file; their ranges refer to the text the plan was
   * made from and never overlap (apply them from the last to the first, as a workspace edit does).
   */
  proposedEdits: FixEdit[];
  /** What is left to do by hand, in plain words (shown after writing). */
  notes: string[];
}
