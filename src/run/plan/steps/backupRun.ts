// Steps 6 and 7 share these: run the repo's backup playbook for this service alone (every
// other service's toggle off), timed, then inspect the newest backup where it is kept (the Proxmox host, or the controller).

import type { BackupArtefact } from '../../../core/record';
import type { Figures, PlannedAction } from '../action';
import { artefactLine, inspectBackupCommand, parseInspection, serviceArtefacts, type BackupInspection } from '../backupInspection';
import { backupHostText } from '../../targets/runTargets';
import { onBackupHost, othersOff, playbook, type PlanContext } from '../planContext';
import { endedText, lastError, playbookRan, succeeded } from '../sharedActions';

export function backupAction(context: PlanContext, criterion: string): PlannedAction {
  const file = context.facts.backupPlaybook ?? 'playbooks/backup-infrastructure.yml';
  return {
    id: 'backup',
    title: `Run the backup playbook for ${context.facts.name} only (timed)`,
    target: 'local',
    ansible: true,
    command: () => playbook(context, file, othersOff(context, 'backup')),
    judge: (outcome) => {
      const { ok, summary } = playbookRan(outcome);
      const evidence = `${file}: ${endedText(outcome)}${summary ? `; ok=${summary.ok} changed=${summary.changed} failed=${summary.failed}` : '; no results from Ansible'}`;
      return {
        criteria: [{ id: criterion, met: ok, evidence }],
        figures: { backupMs: outcome.result.durationMs },
        ...(ok ? {} : { stop: `${evidence}${lastError(outcome)}` }),
      };
    },
  };
}

/** Reads the newest backup folder; figures carry it for the judgements that follow. */
export function inspectAction(context: PlanContext, judge: (inspection: BackupInspection, mine: BackupArtefact[], figures: Figures) => ReturnType<PlannedAction['judge']>, timestamp?: string): PlannedAction {
  const root = context.targets.backupRoot;
  const where = onBackupHost(context, inspectBackupCommand(root, timestamp), 15 * 60_000);
  return {
    id: 'inspect',
    title: `Validate each artefact of the ${timestamp ? `backup ${timestamp}` : 'newest backup'} in ${root} (by type, size, SHA-256)`,
    target: where.target,
    command: () => where.command,
    judge: (outcome, figures) => {
      const inspection = parseInspection(outcome.result.stdout);
      if (!succeeded(outcome) || !inspection) {
        return { stop: `No backup to inspect in ${root} ${backupHostText(context.targets.backupHost)} (${endedText(outcome)})${lastError(outcome)}` };
      }
      return judge(inspection, serviceArtefacts(inspection, context.facts.name), { ...figures, ...inspectionFigures(inspection) });
    },
  };
}

export function inspectionFigures(inspection: BackupInspection): Figures {
  return {
    'backup.timestamp': inspection.timestamp,
    'backup.folder': inspection.folder,
    'backup.takenAt': inspection.takenAt.toISOString(),
    'backup.bytes': inspection.sizeBytes,
  };
}

/** Valid artefacts of this service, every one valid, and the manifest present. */
export function artefactVerdicts(inspection: BackupInspection, mine: readonly BackupArtefact[]) {
  const invalid = inspection.artefacts.filter((a) => !a.valid);
  const manifest = inspection.artefacts.some((a) => a.type === 'manifest' && a.valid);
  const validText = invalid.length === 0
    ? `${inspection.artefacts.length} artefacts valid${manifest ? ', manifest present' : ''}`
    : `invalid: ${invalid.map(artefactLine).join('; ')}`;
  return {
    captured: mine.length > 0,
    capturedText: mine.length > 0 ? `${mine.length} artefacts of this service: ${mine.map(artefactLine).join('; ')}` : `no artefact in ${inspection.folder} names this service`,
    valid: invalid.length === 0 && manifest,
    validText: manifest ? validText : `${validText}; no MANIFEST.yml`,
    nonEmpty: mine.length > 0 && mine.every((a) => a.bytes > 0),
    bytes: mine.reduce((sum, a) => sum + a.bytes, 0),
  };
}
