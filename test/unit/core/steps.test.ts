// The nine steps as data, checked against the seed's wording copied here by hand.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allCriteria,
  criterionById,
  isStepId,
  laterSteps,
  requiredSteps,
  STEP_IDS,
  stepById,
  stepByNumber,
  stepLabel,
  STEPS,
  type StepId,
} from '../../../src/core/steps';

const texts = (id: StepId): string[] => stepById(id).criteria.map((c) => c.text);
const kindOf = (step: StepId, criterion: string): string | undefined => criterionById(step, criterion)?.kind;

describe('steps: the seed as data', () => {
  test('nine steps in order, with the seed headings, overview names and objectives', () => {
    assert.deepEqual(
      STEPS.map((s) => [s.number, s.id, s.title, s.shortTitle]),
      [
        [1, 'implement', 'Implement Service (Initial Deployment)', 'Implement'],
        [2, 'test-external', 'Test with External Tools', 'Test'],
        [3, 'recreate', 'Delete and Recreate (Automation Validation)', 'Recreate'],
        [4, 'backup-plan', 'Implement Data Backup Plan', 'Backup Plan'],
        [5, 'populate', 'Populate Service with Test Data', 'Populate'],
        [6, 'test-backup', 'Test Backup Script', 'Test Backup'],
        [7, 'execute-backup', 'Execute Backup (Create Baseline)', 'Execute Backup'],
        [8, 'wipe', 'Wipe Service (Destructive Test)', 'Wipe'],
        [9, 'restore-verify', 'Restore Service and Verify', 'Restore & Verify'],
      ],
    );
    assert.deepEqual(STEPS.map((s) => s.id), [...STEP_IDS]);
    assert.equal(stepById('implement').objective, 'Create working Ansible automation for the service');
    assert.equal(stepById('test-external').objective, 'Verify service is accessible and functional from outside the infrastructure');
    assert.equal(stepById('recreate').objective, 'Prove automation is complete and idempotent');
    assert.equal(stepById('backup-plan').objective, 'Integrate service data backups with project backup infrastructure');
    assert.equal(stepById('populate').objective, 'Add meaningful test data to verify backup/restore works correctly');
    assert.equal(stepById('test-backup').objective, 'Verify backup script captures service data correctly');
    assert.equal(stepById('execute-backup').objective, 'Create a verified baseline backup for restoration testing');
    assert.equal(stepById('wipe').objective, 'Completely remove service to test restoration');
    assert.equal(stepById('restore-verify').objective, 'Prove service can be fully restored from backup');
    assert.deepEqual(
      STEPS.map((s) => s.summary),
      [
        'Create automation',
        'Verify with external tools',
        'Validate automation works',
        'Integrate data backups',
        'Add test data',
        'Verify backup script works',
        'Take actual backup',
        'Delete service completely',
        'Prove DR works',
      ],
    );
  });

  test('each step has as many criteria and documentation items as the seed lists', () => {
    assert.deepEqual(STEPS.map((s) => s.criteria.length), [6, 6, 7, 6, 6, 6, 6, 5, 9]);
    assert.deepEqual(STEPS.map((s) => s.documentation.length), [4, 3, 0, 4, 3, 0, 0, 0, 0]);
  });

  test('criteria texts are the seed wording', () => {
    assert.deepEqual(texts('implement'), [
      'Ansible role created with all required files',
      'Deployment playbook runs without errors',
      'Container created via Proxmox API',
      'Service starts automatically',
      'Health check passes',
      'No manual steps required',
    ]);
    assert.deepEqual(texts('recreate'), [
      'Container deleted successfully',
      'Playbook recreates service without errors',
      'Service fully functional after recreation',
      'Deployment time < 10 minutes',
      'Second run is idempotent (no changes)',
      'No manual steps required',
      'External access still works',
    ]);
    assert.deepEqual(texts('backup-plan'), [
      'Backup commands defined and tested',
      'Backup integrated into backup_infrastructure role',
      'Restore integrated into restore_infrastructure role',
      'Backup variables added to defaults',
      'Restore variables added to defaults',
      'Backup/restore toggles work (enabled/disabled)',
    ]);
    assert.deepEqual(texts('wipe'), [
      'Container completely deleted',
      'Service no longer accessible',
      'Data removed (if complete wipe)',
      'Backup still exists and accessible',
      'Wipe report created',
    ]);
    assert.deepEqual(texts('restore-verify'), [
      'Container restored successfully',
      'Data restored successfully',
      'Service accessible via HTTPS',
      'Test data matches original (Step 5)',
      'RTO < 30 minutes',
      'RPO < 24 hours',
      'External testing passes (repeat Step 2)',
      'Completion report created',
      'Service declared PRODUCTION READY',
    ]);
    assert.deepEqual(stepById('implement').documentation.map((c) => c.text), [
      'Role README.md with usage examples',
      'Required vault variables documented',
      'Service dependencies listed',
      'Port mappings documented',
    ]);
    assert.equal(texts('test-external')[2], 'Mobile data test passes (not admin network)');
    assert.equal(texts('populate')[4], 'Total data size > 1MB (to test backup/restore performance)');
    assert.equal(texts('test-backup')[5], 'Backup time < 5 minutes for the service');
    assert.equal(texts('execute-backup')[1], 'Backup timestamp recorded');
  });

  test('static criteria are the ones the repo files decide, each naming its check', () => {
    const statics = STEPS.flatMap((s) => allCriteria(s.id).filter((c) => c.kind === 'static').map((c) => `${s.id}/${c.id}:${c.check}`));
    assert.deepEqual(statics, [
      'implement/role-files:role-files',
      'implement/proxmox-api:proxmox-api-module',
      'implement/role-readme:role-readme',
      'implement/vault-variables:vault-documented',
      'implement/ports:ports-documented',
      'test-external/urls:urls-documented',
      'backup-plan/backup-role:backup-role-coverage',
      'backup-plan/restore-role:restore-role-coverage',
      'backup-plan/backup-defaults:backup-defaults',
      'backup-plan/restore-defaults:restore-defaults',
      'backup-plan/rpo-rto-targets:targets-documented',
      'populate/populate-script:populate-script',
      'populate/verify-script:verify-script',
      'populate/creation-script:populate-script',
    ]);
  });

  test('manual criteria need a person; measurable ones are automatic', () => {
    assert.equal(kindOf('test-external', 'mobile-data'), 'manual');
    assert.equal(kindOf('test-external', 'external-service'), 'manual');
    assert.equal(kindOf('restore-verify', 'production-ready'), 'manual');
    assert.equal(kindOf('implement', 'no-manual-steps'), 'manual');
    // Step 3 proves "no manual steps" by running delete + rebuild itself.
    assert.equal(kindOf('recreate', 'no-manual-steps'), 'automatic');
    assert.equal(kindOf('implement', 'playbook-runs'), 'automatic');
    assert.equal(kindOf('implement', 'health-check'), 'automatic');
    assert.equal(kindOf('test-backup', 'files-valid'), 'automatic');
    // Steps 6 to 9 are all measurable except the final declaration.
    const manualLate = STEPS.filter((s) => s.number >= 6).flatMap((s) => s.criteria.filter((c) => c.kind === 'manual').map((c) => c.id));
    assert.deepEqual(manualLate, ['production-ready']);
  });

  test('criteria that measure a metric are automatic and name it', () => {
    const metrics = STEPS.flatMap((s) => s.criteria.filter((c) => c.metric).map((c) => `${s.id}/${c.id}:${c.metric}:${c.kind}`));
    assert.deepEqual(metrics, [
      'recreate/deploy-time:deploy-time:automatic',
      'recreate/idempotent:idempotency:automatic',
      'test-backup/size-nonzero:backup-size:automatic',
      'execute-backup/size:backup-size:automatic',
      'restore-verify/rto:rto:automatic',
      'restore-verify/rpo:rpo:automatic',
      'restore-verify/external-tests:external-test-success:automatic',
    ]);
  });

  test('criterion ids are kebab-case and unique within their step; only "Data removed" is conditional', () => {
    for (const s of STEPS) {
      const ids = [...allCriteria(s.id), ...s.preconditions].map((c) => c.id);
      for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${s.id}/${id}`);
      assert.equal(new Set(allCriteria(s.id).map((c) => c.id)).size, allCriteria(s.id).length, s.id);
    }
    const conditional = STEPS.flatMap((s) => allCriteria(s.id).filter((c) => c.condition).map((c) => `${s.id}/${c.id}`));
    assert.deepEqual(conditional, ['wipe/data-removed']);
  });

  test('Step 7 and Step 8 carry the seed pre-checks that their gates do not cover', () => {
    assert.deepEqual(stepById('execute-backup').preconditions.map((c) => c.text), [
      'Service is running and healthy',
      'Sufficient storage space available',
      'Backup timestamp will be recorded',
    ]);
    assert.deepEqual(stepById('wipe').preconditions.map((c) => c.text), ['Confirm backup exists', 'Verify backup is complete']);
    assert.deepEqual(STEPS.filter((s) => s.preconditions.length > 0).map((s) => s.number), [7, 8]);
  });

  test('Steps 3 and 8 are destructive; Step 8 carries the seed warning', () => {
    assert.deepEqual(STEPS.filter((s) => s.destructive).map((s) => s.number), [3, 8]);
    assert.equal(
      stepById('wipe').warning,
      'This is a destructive operation. Only proceed if you have verified backup in Step 7.',
    );
  });

  test('gates: 1–3 before 4, 5 and 6 before 7, a verified backup before the wipe, the wipe before restore', () => {
    assert.deepEqual(stepById('implement').gate.requires, []);
    assert.deepEqual(stepById('backup-plan').gate.requires, ['implement', 'test-external', 'recreate']);
    assert.deepEqual(stepById('execute-backup').gate.requires, ['populate', 'test-backup']);
    assert.deepEqual(stepById('wipe').gate.requires, ['execute-backup']);
    assert.deepEqual(stepById('restore-verify').gate.requires, ['wipe']);
    assert.deepEqual(STEPS.filter((s) => s.gate.needsVerifiedBackup).map((s) => s.id), ['wipe']);
    assert.deepEqual(STEPS.filter((s) => s.gate.acceptsSkipped).map((s) => s.id), ['populate', 'test-backup']);
    // Every step requires, directly or through others, every step before it.
    for (const s of STEPS) assert.deepEqual(requiredSteps(s.id), STEP_IDS.slice(0, s.number - 1), s.id);
  });

  test('failure policy follows the seed; only Steps 4–6 may be skipped', () => {
    assert.deepEqual(
      STEPS.map((s) => s.failure.policy),
      [
        'do-not-proceed',
        'do-not-proceed',
        'do-not-proceed',
        'can-proceed-with-manual-backup',
        'can-proceed-with-manual-backup',
        'can-proceed-with-manual-backup',
        'do-not-proceed',
        'can-proceed-after-manual-cleanup',
        'do-not-deploy-to-production',
      ],
    );
    assert.equal(stepById('recreate').failure.rule, 'Critical: Must pass before Step 4');
    assert.equal(stepById('execute-backup').failure.rule, 'Do not proceed to Step 8 without valid backup');
    assert.match(stepById('restore-verify').failure.fallback ?? '', /Method B.*pct restore/);
    assert.deepEqual(STEPS.filter((s) => s.skippable).map((s) => s.number), [4, 5, 6]);
  });

  test('lookups by id and number; unknown ones are undefined', () => {
    assert.equal(stepByNumber(8).id, 'wipe');
    assert.equal(stepById('wipe').number, 8);
    assert.equal(stepById('nope'), undefined);
    assert.equal(stepByNumber(10), undefined);
    assert.equal(isStepId('populate'), true);
    assert.equal(isStepId('Populate'), false);
    assert.equal(isStepId(5), false);
    assert.equal(stepLabel('wipe'), 'Step 8 (Wipe)');
    assert.deepEqual(laterSteps('test-backup'), ['execute-backup', 'wipe', 'restore-verify']);
    assert.deepEqual(laterSteps('restore-verify'), []);
    assert.equal(criterionById('wipe', 'data-removed')?.condition, 'Complete wipe (Option B)');
    assert.equal(criterionById('wipe', 'nope'), undefined);
  });

  test('the step data is frozen all the way down', () => {
    assert.ok(Object.isFrozen(STEPS));
    for (const s of STEPS) {
      assert.ok(Object.isFrozen(s) && Object.isFrozen(s.criteria) && Object.isFrozen(s.gate.requires), s.id);
      for (const c of allCriteria(s.id)) assert.ok(Object.isFrozen(c), `${s.id}/${c.id}`);
    }
  });
});
