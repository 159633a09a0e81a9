// The nine steps' content, copied from the seed: criteria and documentation in the seed's
// wording (markdown stripped), each judged static, automatic or manual; gates; failure policy.

import type { CriterionDefinition, FailureHandling, StaticCheckId, StepDefinition, StepGate, StepId } from './steps';

const auto = (id: string, text: string, extra: Partial<CriterionDefinition> = {}): CriterionDefinition => ({
  id,
  text,
  kind: 'automatic',
  ...extra,
});
const stat = (id: string, text: string, check: StaticCheckId): CriterionDefinition => ({ id, text, kind: 'static', check });
const man = (id: string, text: string): CriterionDefinition => ({ id, text, kind: 'manual' });

const gate = (requires: StepId[], extra: Partial<StepGate> = {}): StepGate => ({
  requires,
  acceptsSkipped: false,
  needsVerifiedBackup: false,
  ...extra,
});

const FIX_AUTOMATION: FailureHandling = {
  policy: 'do-not-proceed',
  action: 'Debug and fix automation',
  rule: 'Do not proceed to next step until fixed',
};
const FIX_BACKUP: FailureHandling = {
  policy: 'can-proceed-with-manual-backup',
  action: 'Fix backup integration',
  rule: 'Can proceed with manual backup as temporary solution',
};

type StepInput = Omit<StepDefinition, 'skippable' | 'documentation' | 'preconditions' | 'destructive'> &
  Partial<Pick<StepDefinition, 'documentation' | 'preconditions' | 'destructive'>>;

const step = (input: StepInput): StepDefinition => ({
  documentation: [],
  preconditions: [],
  destructive: false,
  ...input,
  skippable: input.failure.policy === 'can-proceed-with-manual-backup',
});

export const DEFINITIONS: StepDefinition[] = [
  step({
    id: 'implement', number: 1, title: 'Implement Service (Initial Deployment)', shortTitle: 'Implement',
    summary: 'Create automation', objective: 'Create working Ansible automation for the service',
    criteria: [
      stat('role-files', 'Ansible role created with all required files', 'role-files'),
      auto('playbook-runs', 'Deployment playbook runs without errors', { check: 'deploy-playbook' }),
      stat('proxmox-api', 'Container created via Proxmox API', 'proxmox-api-module'),
      auto('auto-start', 'Service starts automatically'),
      auto('health-check', 'Health check passes', { check: 'health-check' }),
      // Only a person knows nothing was prepared by hand; Step 3's recreate proves it by running.
      man('no-manual-steps', 'No manual steps required'),
    ],
    documentation: [
      stat('role-readme', 'Role README.md with usage examples', 'role-readme'),
      stat('vault-variables', 'Required vault variables documented', 'vault-documented'),
      // A list can be found in files; whether it is complete cannot.
      man('dependencies', 'Service dependencies listed'),
      stat('ports', 'Port mappings documented', 'ports-documented'),
    ],
    gate: gate([]), failure: FIX_AUTOMATION,
  }),
  step({
    id: 'test-external', number: 2, title: 'Test with External Tools', shortTitle: 'Test',
    summary: 'Verify with external tools',
    objective: 'Verify service is accessible and functional from outside the infrastructure',
    criteria: [
      // Probed from a vantage point outside the admin network; the mobile data test backs it up.
      auto('https-access', 'Service accessible via HTTPS from internet'),
      man('external-service', 'External testing service confirms availability'),
      man('mobile-data', 'Mobile data test passes (not admin network)'),
      auto('responds', 'Service responds correctly to requests'),
      auto('tls-valid', 'SSL certificate valid and trusted'),
      auto('dns-external', 'DNS resolves correctly from external resolvers'),
    ],
    documentation: [
      stat('urls', 'External access URLs documented', 'urls-documented'),
      man('test-procedures', 'Test procedures documented'),
      man('expected-responses', 'Expected responses documented'),
    ],
    gate: gate(['implement']), failure: FIX_AUTOMATION,
  }),
  step({
    id: 'recreate', number: 3, title: 'Delete and Recreate (Automation Validation)', shortTitle: 'Recreate',
    summary: 'Validate automation works', objective: 'Prove automation is complete and idempotent',
    destructive: true,
    warning: 'Destroys the container and rebuilds it from the deployment playbook.',
    criteria: [
      auto('container-deleted', 'Container deleted successfully'),
      auto('recreated', 'Playbook recreates service without errors', { check: 'deploy-playbook' }),
      auto('functional', 'Service fully functional after recreation'),
      auto('deploy-time', 'Deployment time < 10 minutes', { metric: 'deploy-time' }),
      // The seed accepts "changed=0" or "changed=1 (only inventory update)".
      auto('idempotent', 'Second run is idempotent (no changes)', { metric: 'idempotency' }),
      // Here Certify runs delete and rebuild end to end, so the run itself is the proof.
      auto('no-manual-steps', 'No manual steps required'),
      auto('external-access', 'External access still works'),
    ],
    gate: gate(['test-external']),
    failure: { policy: 'do-not-proceed', action: 'Fix playbook, ensure idempotency', rule: 'Critical: Must pass before Step 4' },
  }),
  step({
    id: 'backup-plan', number: 4, title: 'Implement Data Backup Plan', shortTitle: 'Backup Plan',
    summary: 'Integrate data backups', objective: 'Integrate service data backups with project backup infrastructure',
    criteria: [
      auto('backup-commands', 'Backup commands defined and tested', { check: 'backup-role-coverage' }),
      stat('backup-role', 'Backup integrated into backup_infrastructure role', 'backup-role-coverage'),
      stat('restore-role', 'Restore integrated into restore_infrastructure role', 'restore-role-coverage'),
      stat('backup-defaults', 'Backup variables added to defaults', 'backup-defaults'),
      stat('restore-defaults', 'Restore variables added to defaults', 'restore-defaults'),
      auto('toggles', 'Backup/restore toggles work (enabled/disabled)', { check: 'backup-toggles' }),
    ],
    documentation: [
      man('strategy', 'Backup strategy documented (what is backed up)'),
      man('frequency', 'Backup frequency documented (daily, hourly, etc.)'),
      man('restore-procedure', 'Restore procedure documented'),
      stat('rpo-rto-targets', 'RPO/RTO targets documented', 'targets-documented'),
    ],
    // The seed: Step 3 is critical and must pass before Step 4; 1 and 2 come with it.
    gate: gate(['implement', 'test-external', 'recreate']), failure: FIX_BACKUP,
  }),
  step({
    id: 'populate', number: 5, title: 'Populate Service with Test Data', shortTitle: 'Populate',
    summary: 'Add test data', objective: 'Add meaningful test data to verify backup/restore works correctly',
    criteria: [
      man('three-types', 'At least 3 different types of test data created'),
      man('relationships', 'Data includes relationships/dependencies'),
      auto('verifiable', 'Data is verifiable (can count/list)', { check: 'verify-script' }),
      stat('populate-script', 'Test data script created and documented', 'populate-script'),
      auto('data-size', 'Total data size > 1MB (to test backup/restore performance)'),
      stat('verify-script', 'Data verification script created', 'verify-script'),
    ],
    documentation: [
      stat('creation-script', 'Test data creation script in scripts/', 'populate-script'),
      man('verification-procedure', 'Test data verification procedure documented'),
      man('expected-counts', 'Expected data counts/sizes documented'),
    ],
    // Test data does not depend on the backup plan, so a skipped Step 4 (manual backup) opens it.
    gate: gate(['backup-plan'], { acceptsSkipped: true }), failure: FIX_BACKUP,
  }),
  step({
    id: 'test-backup', number: 6, title: 'Test Backup Script', shortTitle: 'Test Backup',
    summary: 'Verify backup script works', objective: 'Verify backup script captures service data correctly',
    criteria: [
      auto('backup-runs', 'Backup script runs without errors'),
      auto('data-captured', 'Service data captured in backup'),
      auto('size-nonzero', 'Backup files have reasonable size (> 0 bytes)', { metric: 'backup-size' }),
      auto('files-valid', 'Backup files are valid (not corrupted)'),
      auto('includes-test-data', 'Backup includes all test data created in Step 5'),
      auto('backup-time', 'Backup time < 5 minutes for the service'),
    ],
    // With Step 4 skipped this tests the manual backup that stands in for it.
    gate: gate(['backup-plan', 'populate'], { acceptsSkipped: true }), failure: FIX_BACKUP,
  }),
  step({
    id: 'execute-backup', number: 7, title: 'Execute Backup (Create Baseline)', shortTitle: 'Execute Backup',
    summary: 'Take actual backup', objective: 'Create a verified baseline backup for restoration testing',
    // The checklist's "Step 5 complete" and "Step 6 complete" are the gate, not preconditions.
    preconditions: [
      auto('service-healthy', 'Service is running and healthy'),
      auto('storage-space', 'Sufficient storage space available'),
      auto('timestamp-will-be-recorded', 'Backup timestamp will be recorded'),
    ],
    criteria: [
      auto('completed', 'Backup completed successfully'),
      auto('timestamp', 'Backup timestamp recorded'),
      auto('all-data', 'All service data included in backup'),
      auto('size', 'Backup size reasonable', { metric: 'backup-size' }),
      auto('report', 'Backup report created'),
      auto('still-running', 'Service still running after backup'),
    ],
    gate: gate(['populate', 'test-backup']),
    failure: { policy: 'do-not-proceed', action: 'Fix backup script, retry', rule: 'Do not proceed to Step 8 without valid backup' },
  }),
  step({
    id: 'wipe', number: 8, title: 'Wipe Service (Destructive Test)', shortTitle: 'Wipe',
    summary: 'Delete service completely', objective: 'Completely remove service to test restoration',
    destructive: true,
    warning: 'This is a destructive operation. Only proceed if you have verified backup in Step 7.',
    preconditions: [
      auto('backup-exists', 'Confirm backup exists'),
      auto('backup-complete', 'Verify backup is complete'),
    ],
    criteria: [
      auto('container-deleted', 'Container completely deleted'),
      auto('inaccessible', 'Service no longer accessible'),
      auto('data-removed', 'Data removed (if complete wipe)', { condition: 'Complete wipe (Option B)' }),
      auto('backup-exists', 'Backup still exists and accessible'),
      auto('report', 'Wipe report created'),
    ],
    gate: gate(['execute-backup'], { needsVerifiedBackup: true }),
    failure: { policy: 'can-proceed-after-manual-cleanup', action: 'Manual cleanup, verify deletion', rule: 'Can proceed once fully deleted' },
  }),
  step({
    id: 'restore-verify', number: 9, title: 'Restore Service and Verify', shortTitle: 'Restore & Verify',
    summary: 'Prove DR works', objective: 'Prove service can be fully restored from backup',
    criteria: [
      auto('container-restored', 'Container restored successfully'),
      auto('data-restored', 'Data restored successfully'),
      auto('https-access', 'Service accessible via HTTPS'),
      auto('test-data-matches', 'Test data matches original (Step 5)', { check: 'verify-script' }),
      auto('rto', 'RTO < 30 minutes', { metric: 'rto' }),
      auto('rpo', 'RPO < 24 hours', { metric: 'rpo' }),
      // Repeats Step 2's probes; the people-only parts of Step 2 are not repeated.
      auto('external-tests', 'External testing passes (repeat Step 2)', { metric: 'external-test-success' }),
      auto('report', 'Completion report created'),
      man('production-ready', 'Service declared PRODUCTION READY'),
    ],
    gate: gate(['wipe']),
    failure: {
      policy: 'do-not-deploy-to-production',
      action: 'Critical issue - debug immediately',
      rule: 'Do not deploy to production until restore works',
      fallback:
        'Method B: restore the container from its vzdump backup (pct restore) if the deployment playbook fails; ' +
        'restore data by hand (DR Runbook) if the restore automation is not ready.',
    },
  }),
];
