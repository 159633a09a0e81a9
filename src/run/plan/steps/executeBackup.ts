// Step 7 (Execute Backup): with the service healthy and room on the backup storage, the
// baseline backup: run, validated artefact by artefact, recorded (timestamp, folder, size,
// checksums) for the wipe guard and Step 9; the service still healthy afterwards.

import type { StepPlan } from '../action';
import { artefactLine } from '../backupInspection';
import { onBackupHost, type PlanContext } from '../planContext';
import { endedText, healthAction, succeeded } from '../sharedActions';
import { artefactVerdicts, backupAction, inspectAction } from './backupRun';

export function executeBackupPlan(context: PlanContext, now: () => Date): StepPlan {
  const root = context.targets.backupRoot;
  const lastSize = context.record.metrics['backup-size']?.value ?? 0;
  const health = healthAction(context, 'healthy-before', [], 'Before: the service is running and healthy');
  const space = onBackupHost(context, ['sh', '-c', 'mkdir -p "$1" && df -B1 --output=avail "$1" | tail -n 1', 'certify-space', root], 60_000);
  return {
    step: 'execute-backup',
    ...(context.facts.backupPlaybook ? {} : { blocked: 'The repo has no backup playbook (playbooks/backup-infrastructure.yml).' }),
    actions: [
      {
        ...health,
        judge: (outcome, figures) => {
          const judged = health.judge(outcome, figures);
          const status = judged.figures?.['healthy-before.status'];
          return status === context.facts.expectedStatus ? judged : { ...judged, stop: `The service is not healthy before the backup (health answered ${status || 'nothing'}).` };
        },
      },
      {
        id: 'space',
        title: `Room for the backup in ${root} (df)`,
        target: space.target,
        command: () => space.command,
        judge: (outcome) => {
          const avail = Number(outcome.result.stdout.trim());
          // Twice the last measured backup, so a half-written backup never fills the disk.
          const needed = 2 * lastSize;
          if (!succeeded(outcome) || !Number.isFinite(avail)) return { stop: `Cannot tell the free space in ${root} (${endedText(outcome)}).` };
          if (avail <= needed) return { stop: `Only ${avail} bytes free in ${root}; the backup needs about ${needed}.` };
          return { figures: { 'space.avail': avail } };
        },
      },
      backupAction(context, 'completed'),
      inspectAction(context, (inspection, mine, figures) => {
        const v = artefactVerdicts(inspection, mine);
        const verified = v.captured && v.valid && v.nonEmpty;
        const report = backupReport(context, inspection.timestamp, inspection.folder, inspection.sizeBytes, mine.map(artefactLine), now());
        return {
          criteria: [
            { id: 'timestamp', met: true, evidence: `backup ${inspection.timestamp} (${inspection.takenAt.toISOString()})` },
            { id: 'all-data', met: verified, evidence: `${v.capturedText}; ${v.validText}` },
            { id: 'size', met: v.nonEmpty, evidence: `${inspection.sizeBytes} bytes in ${inspection.folder}` },
          ],
          metrics: [{ id: 'backup-size', value: inspection.sizeBytes }],
          backup: {
            timestamp: inspection.timestamp,
            location: inspection.folder,
            verified,
            takenAt: inspection.takenAt,
            sizeBytes: inspection.sizeBytes,
            artefacts: [...inspection.artefacts],
          },
          report: { name: `backup-${inspection.timestamp}.txt`, text: report, criterion: 'report' },
          figures,
        };
      }),
      healthAction(context, 'healthy-after', ['still-running'], 'After: the service still runs'),
    ],
  };
}

function backupReport(context: PlanContext, timestamp: string, folder: string, bytes: number, files: string[], at: Date): string {
  return [
    `Service: ${context.facts.name}`,
    `Backup Date: ${at.toISOString()}`,
    `Backup Timestamp: ${timestamp}`,
    `Backup Folder: ${folder}`,
    `Backup Size: ${bytes} bytes`,
    '',
    'Files Backed Up:',
    ...files.map((file) => `- ${file}`),
    '',
    'Test Data Included:',
    ...Object.entries(context.record.testData?.fingerprint ?? {}).map(([kind, f]) => `- ${kind}: ${f.count} items, ${f.bytes} bytes`),
    '',
  ].join('\n');
}
