// The seed's "Workflow Checklist Template", line by line, and what decides each line: the step
// whose passing ticks it, the record's criteria that tick it, the static check whose 'met'
// ticks it (with its evidence), and what fills its blank. The template's words are copied
// exactly; they differ from the step titles in places ("Step 5: Populate with Test Data").

import type { StaticCheckId, StepId } from '../core/steps';
import type { MetricId } from '../core/targets';

/** What fills a blank: a metric of the record, the record's baseline backup, or nothing Certify records. */
export type BlankSource = { kind: 'metric'; metric: MetricId } | { kind: 'backup-timestamp' } | { kind: 'not-recorded' };

export interface ChecklistItem {
  /** The template's line after "- [ ] ". */
  readonly text: string;
  /** The blank inside `text` ("____ minutes") and what fills it. */
  readonly blank?: { readonly placeholder: string; readonly source: BlankSource };
  /** Criteria (step, criterion id) that tick the line when all are met in the record. */
  readonly criteria: readonly (readonly [StepId, string])[];
  /** The static check that ticks the line when met, citing its first evidence. */
  readonly check?: StaticCheckId;
}

export interface ChecklistSection {
  /** "Step 1: Implement Service", "Final Status". */
  readonly heading: string;
  /** A passed step ticks all of its lines ("(if applicable)" lines included: the step accepted them). */
  readonly step?: StepId;
  readonly items: readonly ChecklistItem[];
}

const item = (text: string, criteria: ChecklistItem['criteria'] = [], check?: StaticCheckId): ChecklistItem => ({ text, criteria, check });
const blank = (text: string, placeholder: string, source: BlankSource, criteria: ChecklistItem['criteria'] = []): ChecklistItem => ({
  text,
  blank: { placeholder, source },
  criteria,
});
const metric = (id: MetricId): BlankSource => ({ kind: 'metric', metric: id });
/** Test data size and backup time: no metric records them (core's METRIC_IDS), so the blank stays for a person. */
const NOT_RECORDED: BlankSource = { kind: 'not-recorded' };

export const CHECKLIST: readonly ChecklistSection[] = [
  {
    heading: 'Step 1: Implement Service',
    step: 'implement',
    items: [
      item('Ansible role created', [['implement', 'role-files']], 'role-files'),
      item('Deployment playbook created', [['implement', 'playbook-runs']], 'deploy-playbook'),
      item('Health checks added', [['implement', 'health-check']], 'health-check'),
      // The README is what the repo can show; the record ticks it once every documentation item is met.
      item(
        'Documentation created',
        [['implement', 'role-readme'], ['implement', 'vault-variables'], ['implement', 'dependencies'], ['implement', 'ports']],
        'role-readme',
      ),
      item('Initial deployment successful', [['implement', 'playbook-runs'], ['implement', 'auto-start']]),
    ],
  },
  {
    heading: 'Step 2: Test with External Tools',
    step: 'test-external',
    items: [
      item('HTTPS access confirmed', [['test-external', 'https-access']]),
      item('External testing service passed', [['test-external', 'external-service']]),
      item('Mobile data test passed', [['test-external', 'mobile-data']]),
      item('SSL certificate valid', [['test-external', 'tls-valid']]),
      item('DNS resolves correctly', [['test-external', 'dns-external']]),
    ],
  },
  {
    heading: 'Step 3: Delete and Recreate',
    step: 'recreate',
    items: [
      item('Container deleted successfully', [['recreate', 'container-deleted']]),
      item('Playbook recreated service', [['recreate', 'recreated']]),
      item('Service fully functional', [['recreate', 'functional']]),
      item('Idempotency verified', [['recreate', 'idempotent']]),
      blank('Deployment time: ____ minutes', '____ minutes', metric('deploy-time'), [['recreate', 'deploy-time']]),
    ],
  },
  {
    heading: 'Step 4: Implement Data Backup Plan',
    step: 'backup-plan',
    items: [
      item('Backup strategy defined', [['backup-plan', 'strategy']]),
      item('Backup role updated', [['backup-plan', 'backup-role']], 'backup-role-coverage'),
      item('Restore role updated', [['backup-plan', 'restore-role']], 'restore-role-coverage'),
      item('Backup variables added', [['backup-plan', 'backup-defaults']], 'backup-defaults'),
      item('Restore variables added', [['backup-plan', 'restore-defaults']], 'restore-defaults'),
    ],
  },
  {
    heading: 'Step 5: Populate with Test Data',
    step: 'populate',
    items: [
      item('Test data created', [['populate', 'three-types'], ['populate', 'relationships']]),
      item('Test data script created', [['populate', 'populate-script']], 'populate-script'),
      item('Data verification script created', [['populate', 'verify-script']], 'verify-script'),
      blank('Test data size: ____ MB', '____ MB', NOT_RECORDED, [['populate', 'data-size']]),
      item('Data counts documented', [['populate', 'expected-counts']]),
    ],
  },
  {
    heading: 'Step 6: Test Backup Script',
    step: 'test-backup',
    items: [
      item('Backup script ran successfully', [['test-backup', 'backup-runs']]),
      item('Backup files verified', [['test-backup', 'files-valid']]),
      blank('Backup size reasonable: ____ MB', '____ MB', metric('backup-size'), [['test-backup', 'size-nonzero']]),
      blank('Backup time: ____ minutes', '____ minutes', NOT_RECORDED, [['test-backup', 'backup-time']]),
      item('Backup includes test data', [['test-backup', 'includes-test-data']]),
    ],
  },
  {
    heading: 'Step 7: Execute Backup',
    step: 'execute-backup',
    items: [
      item('Baseline backup created', [['execute-backup', 'completed']]),
      blank('Backup timestamp recorded: ____________', '____________', { kind: 'backup-timestamp' }, [['execute-backup', 'timestamp']]),
      item('Backup report created', [['execute-backup', 'report']]),
      item('Service still running after backup', [['execute-backup', 'still-running']]),
    ],
  },
  {
    heading: 'Step 8: Wipe Service',
    step: 'wipe',
    items: [
      item('Container deleted', [['wipe', 'container-deleted']]),
      item('Data wiped (if applicable)', [['wipe', 'data-removed']]),
      item('Service inaccessible', [['wipe', 'inaccessible']]),
      item('Backup still exists', [['wipe', 'backup-exists']]),
      item('Wipe report created', [['wipe', 'report']]),
    ],
  },
  {
    heading: 'Step 9: Restore and Verify',
    step: 'restore-verify',
    items: [
      item('Container restored', [['restore-verify', 'container-restored']]),
      item('Data restored', [['restore-verify', 'data-restored']]),
      item('Service accessible', [['restore-verify', 'https-access']]),
      item('Test data matches original', [['restore-verify', 'test-data-matches']]),
      blank('RTO: ____ minutes', '____ minutes', metric('rto'), [['restore-verify', 'rto']]),
      blank('RPO: ____ minutes', '____ minutes', metric('rpo'), [['restore-verify', 'rpo']]),
      item('Completion report created', [['restore-verify', 'report']]),
    ],
  },
  {
    heading: 'Final Status',
    items: [
      item('✅ SERVICE PRODUCTION READY', [['restore-verify', 'production-ready']]),
      // "Integration with Project" work (README, container mapping, ADR): Certify records none of it.
      item('Documentation updated'),
      // The closest the record has: Step 4's "Backup frequency documented".
      item('Backup schedule confirmed', [['backup-plan', 'frequency']]),
      item('Monitoring added'),
    ],
  },
];
