// Step 6 (Test Backup): the backup playbook for this service, then every artefact of the newest
// backup validated by type where it is kept; the service's own artefacts present, non-empty,
// and taken after Step 5's test data.

import type { StepPlan } from '../action';
import type { PlanContext } from '../planContext';
import { artefactVerdicts, backupAction, inspectAction } from './backupRun';

/** The workflow: "Backup time < 5 minutes for the service". */
const BACKUP_LIMIT_MS = 5 * 60_000;

export function testBackupPlan(context: PlanContext): StepPlan {
  const testData = context.record.testData;
  return {
    step: 'test-backup',
    ...(context.facts.backupPlaybook ? {} : { blocked: 'The repo has no backup playbook (playbooks/backup-infrastructure.yml).' }),
    actions: [
      backupAction(context, 'backup-runs'),
      inspectAction(context, (inspection, mine, figures) => {
        const v = artefactVerdicts(inspection, mine);
        const afterData = testData !== undefined && inspection.takenAt.getTime() > Date.parse(testData.recordedAt);
        const dataText = testData === undefined
          ? 'no test data recorded by Step 5'
          : afterData
            ? `backup ${inspection.timestamp} taken after the test data (${testData.recordedAt}); ${v.capturedText}`
            : `backup ${inspection.timestamp} is older than the test data (${testData.recordedAt})`;
        return {
          criteria: [
            { id: 'data-captured', met: v.captured, evidence: v.capturedText },
            { id: 'size-nonzero', met: v.nonEmpty, evidence: `${v.bytes} bytes in this service's artefacts; ${inspection.sizeBytes} bytes in ${inspection.folder}` },
            { id: 'files-valid', met: v.valid, evidence: v.validText },
            { id: 'includes-test-data', met: afterData && v.captured && v.valid, evidence: dataText },
          ],
          metrics: [{ id: 'backup-size', value: inspection.sizeBytes }],
          figures,
        };
      }),
    ],
    finish: (figures) => {
      const ms = Number(figures.backupMs ?? NaN);
      if (!Number.isFinite(ms)) return {};
      return { criteria: [{ id: 'backup-time', met: ms < BACKUP_LIMIT_MS, evidence: `backup playbook took ${(ms / 1000).toFixed(1)} s` }] };
    },
  };
}
