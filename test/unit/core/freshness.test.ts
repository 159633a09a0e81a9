// Freshness over its cases: never certified; certified and unchanged (with and without an
// interval); changed role files, playbooks and definitions (all nine steps to re-run) against
// backup and restore entries (Steps 4 and 6–9); past the interval; a certification whose inputs
// were never recorded; and the pieces it is made of (the table, the step ranges, the setting).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  changedInputs,
  completedAt,
  freshness,
  isEntryInput,
  NO_INPUTS,
  recertifyAfterDays,
  rerunFor,
  stepsText,
  type CertifiedInputs,
} from '../../../src/core/freshness';
import { startStep } from '../../../src/core/transitions';
import { STEP_IDS } from '../../../src/core/steps';
import { clock, fresh, must, passThrough } from './fixtures';

const hex = (char: string): string => char.repeat(64);

/** Inputs with a digest that only has to differ when the files differ. */
function inputs(files: Record<string, string>): CertifiedInputs {
  return { digest: JSON.stringify(Object.entries(files).sort()), files };
}

const DEFAULTS = 'roles/notes_api/defaults/main.yml';
const PLAYBOOK = 'playbooks/notes-deploy.yml';
const DEFINITION = 'services/notes.yml';
const BACKUP_ENTRY = 'roles/backup_infrastructure/defaults/main.yml#backup_notes_enabled';
const RESTORE_ENTRY = 'roles/restore_infrastructure/defaults/main.yml#restore_health_checks.notes';
const CERTIFIED = inputs({ [DEFAULTS]: hex('a'), [PLAYBOOK]: hex('b'), [DEFINITION]: hex('c'), [BACKUP_ENTRY]: hex('d'), [RESTORE_ENTRY]: hex('e') });
const AT = '2026-12-04T23:15:00.000Z';
const LATER = '2027-01-10T08:00:00.000Z';

describe('freshness', () => {
  test('nothing certified: uncertified, all nine to run, a sentence that says so', () => {
    const result = freshness(undefined, NO_INPUTS, { now: LATER });
    assert.equal(result.state, 'uncertified');
    assert.equal(result.certifiedAt, undefined);
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.rerun, [...STEP_IDS]);
    assert.match(result.summary, /^Not certified: /);
  });

  test('unchanged inputs without an interval: fresh, nothing to re-run, no due date', () => {
    const result = freshness(CERTIFIED, inputs({ ...CERTIFIED.files }), { certifiedAt: AT, now: LATER });
    assert.equal(result.state, 'fresh');
    assert.equal(result.certifiedAt, AT);
    assert.equal(result.dueAt, undefined);
    assert.deepEqual(result.rerun, []);
    assert.equal(result.summary, 'Fresh: certified 2026-12-04 and nothing it certified has changed.');
  });

  test('unchanged within the interval: fresh, with the day it falls due', () => {
    const result = freshness(CERTIFIED, CERTIFIED, { certifiedAt: AT, intervalDays: 90, now: LATER });
    assert.equal(result.state, 'fresh');
    assert.equal(result.dueAt, '2027-03-04T23:15:00.000Z');
    assert.equal(result.summary, 'Fresh: certified 2026-12-04 and nothing it certified has changed; due for re-certification on 2027-03-04.');
  });

  test('a changed role file: stale, naming it, all nine steps to re-run', () => {
    const result = freshness(CERTIFIED, inputs({ ...CERTIFIED.files, [DEFAULTS]: hex('f') }), { certifiedAt: AT, intervalDays: 90, now: LATER });
    assert.equal(result.state, 'stale');
    assert.deepEqual(result.changed, [{ name: DEFAULTS, change: 'modified' }]);
    assert.deepEqual(result.rerun, [...STEP_IDS]);
    assert.equal(result.summary, `Stale: ${DEFAULTS} changed since 2026-12-04; re-run steps 1–9.`);
    assert.equal(result.dueAt, '2027-03-04T23:15:00.000Z');
  });

  test('a playbook removed and a role file added: each named with its kind of change, sorted by name', () => {
    const now = { ...CERTIFIED.files, 'roles/notes_api/templates/new.j2': hex('1') } as Record<string, string>;
    delete now[PLAYBOOK];
    const result = freshness(CERTIFIED, inputs(now), { certifiedAt: AT, now: LATER });
    assert.deepEqual(result.changed, [
      { name: PLAYBOOK, change: 'removed' },
      { name: 'roles/notes_api/templates/new.j2', change: 'added' },
    ]);
    assert.deepEqual(result.rerun, [...STEP_IDS]);
    assert.equal(result.summary, `Stale: ${PLAYBOOK} and roles/notes_api/templates/new.j2 changed since 2026-12-04; re-run steps 1–9.`);
  });

  test('only a backup entry changed: Steps 4 and 6–9, not the deployment', () => {
    const result = freshness(CERTIFIED, inputs({ ...CERTIFIED.files, [BACKUP_ENTRY]: hex('0') }), { certifiedAt: AT, now: LATER });
    assert.equal(result.state, 'stale');
    assert.deepEqual(result.rerun, ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
    assert.equal(result.summary, `Stale: ${BACKUP_ENTRY} changed since 2026-12-04; re-run steps 4, 6–9.`);
  });

  test('only a restore entry changed: the same five steps', () => {
    const result = freshness(CERTIFIED, inputs({ ...CERTIFIED.files, [RESTORE_ENTRY]: hex('0') }), { certifiedAt: AT, now: LATER });
    assert.deepEqual(result.rerun, ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
  });

  test('only a test-data script changed: Step 5 and what rests on its data, 6–9', () => {
    const script = 'scripts/verify-notes-testdata.sh#test-data';
    const result = freshness(inputs({ ...CERTIFIED.files, [script]: hex('1') }), inputs({ ...CERTIFIED.files, [script]: hex('0') }), { certifiedAt: AT, now: LATER });
    assert.deepEqual(result.rerun, ['populate', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
    assert.equal(result.summary, `Stale: ${script} changed since 2026-12-04; re-run steps 5–9.`);
  });

  test('the service’s own task file in the backup role is an entry: Steps 4 and 6–9', () => {
    const tasks = 'roles/backup_infrastructure/tasks/notes.yml#tasks';
    const result = freshness(inputs({ ...CERTIFIED.files, [tasks]: hex('1') }), inputs({ ...CERTIFIED.files, [tasks]: hex('0') }), { certifiedAt: AT, now: LATER });
    assert.deepEqual(result.rerun, ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
  });

  test('an entry and the definition changed: the definition puts all nine in doubt', () => {
    const result = freshness(CERTIFIED, inputs({ ...CERTIFIED.files, [BACKUP_ENTRY]: hex('0'), [DEFINITION]: hex('0') }), { certifiedAt: AT, now: LATER });
    assert.deepEqual(result.rerun, [...STEP_IDS]);
    assert.match(result.summary, /^Stale: roles\/backup_infrastructure\/defaults\/main\.yml#backup_notes_enabled and services\/notes\.yml changed since 2026-12-04; re-run steps 1–9\.$/);
  });

  test('many changes: the first two are named and the rest counted', () => {
    const now = inputs({ [DEFAULTS]: hex('0'), [PLAYBOOK]: hex('0'), [DEFINITION]: hex('0'), [BACKUP_ENTRY]: hex('0'), [RESTORE_ENTRY]: hex('0') });
    const result = freshness(CERTIFIED, now, { certifiedAt: AT, now: LATER });
    assert.equal(result.changed.length, 5);
    assert.match(result.summary, /^Stale: playbooks\/notes-deploy\.yml, roles\/backup_infrastructure\/defaults\/main\.yml#backup_notes_enabled and 3 more changed since/);
  });

  test('unchanged but past the interval: due, all nine to re-run', () => {
    const result = freshness(CERTIFIED, CERTIFIED, { certifiedAt: AT, intervalDays: 30, now: LATER });
    assert.equal(result.state, 'due');
    assert.equal(result.dueAt, '2027-01-03T23:15:00.000Z');
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.rerun, [...STEP_IDS]);
    assert.equal(result.summary, 'Due: certified 2026-12-04, more than 30 days ago (due 2027-01-03); re-run steps 1–9 to re-certify.');
  });

  test('the due moment itself is due; a millisecond before is fresh', () => {
    assert.equal(freshness(CERTIFIED, CERTIFIED, { certifiedAt: AT, intervalDays: 1, now: '2026-12-05T23:15:00.000Z' }).state, 'due');
    assert.equal(freshness(CERTIFIED, CERTIFIED, { certifiedAt: AT, intervalDays: 1, now: new Date('2026-12-05T23:14:59.999Z') }).state, 'fresh');
  });

  test('changed and past the interval: stale (a change says more), and the sentence says it was due too', () => {
    const result = freshness(CERTIFIED, inputs({ ...CERTIFIED.files, [BACKUP_ENTRY]: hex('0') }), { certifiedAt: AT, intervalDays: 30, now: LATER });
    assert.equal(result.state, 'stale');
    assert.deepEqual(result.rerun, ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
    assert.match(result.summary, /re-run steps 4, 6–9 \(it was also due for re-certification on 2027-01-03\)\.$/);
  });

  test('a certification whose inputs were never recorded cannot be vouched for: stale, all nine', () => {
    const result = freshness(undefined, CERTIFIED, { certifiedAt: AT, now: LATER });
    assert.equal(result.state, 'stale');
    assert.equal(result.certifiedAt, AT);
    assert.deepEqual(result.changed, []);
    assert.deepEqual(result.rerun, [...STEP_IDS]);
    assert.equal(result.summary, 'Stale: certified 2026-12-04, but what it certified was not recorded; re-run steps 1–9 to record it.');
  });

  test('an input that became unreadable counts as modified, not removed', () => {
    const now: CertifiedInputs = { ...inputs({ [PLAYBOOK]: hex('b'), [DEFINITION]: hex('c'), [BACKUP_ENTRY]: hex('d'), [RESTORE_ENTRY]: hex('e') }), unreadable: { [DEFAULTS]: 'a FIFO' } };
    assert.deepEqual(freshness(CERTIFIED, now, { certifiedAt: AT, now: LATER }).changed, [{ name: DEFAULTS, change: 'modified' }]);
  });

  test('a time that is not one is the caller’s bug', () => {
    assert.throws(() => freshness(CERTIFIED, CERTIFIED, { certifiedAt: 'yesterday', now: LATER }), RangeError);
    assert.throws(() => freshness(CERTIFIED, CERTIFIED, { certifiedAt: AT, now: new Date('nope') }), RangeError);
  });
});

describe('freshness: its pieces', () => {
  test('entries are "<yaml file>#<what>"; files of their own never are', () => {
    assert.ok(isEntryInput(BACKUP_ENTRY));
    assert.ok(isEntryInput('roles/backup_infrastructure/defaults/main.yml#backup_config_sources./etc/gitea/app.ini'));
    assert.ok(isEntryInput('roles/restore_infrastructure/tasks/main.yml#restore-loop'));
    assert.ok(!isEntryInput(DEFAULTS));
    assert.ok(!isEntryInput('roles/notes_api/files/issue#12.txt'));
    assert.ok(!isEntryInput('roles/notes_api/files/a#b/c.yml'));
  });

  test('changedInputs compares by name and digest', () => {
    const a = inputs({ x: hex('1'), y: hex('2') });
    assert.deepEqual(changedInputs(a, a), []);
    assert.deepEqual(changedInputs(a, inputs({ y: hex('3'), z: hex('4') })), [
      { name: 'x', change: 'removed' },
      { name: 'y', change: 'modified' },
      { name: 'z', change: 'added' },
    ]);
  });

  test('rerunFor: the union of what each change puts in doubt, in workflow order', () => {
    assert.deepEqual(rerunFor([]), []);
    assert.deepEqual(rerunFor([{ name: RESTORE_ENTRY, change: 'modified' }, { name: BACKUP_ENTRY, change: 'removed' }]), ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
    assert.deepEqual(rerunFor([{ name: PLAYBOOK, change: 'added' }]), [...STEP_IDS]);
  });

  test('stepsText: one step, a run, runs and single steps', () => {
    assert.equal(stepsText(['restore-verify']), 'step 9');
    assert.equal(stepsText([...STEP_IDS]), 'steps 1–9');
    assert.equal(stepsText(['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']), 'steps 4, 6–9');
    assert.equal(stepsText(['implement', 'test-external', 'backup-plan']), 'steps 1, 2, 4');
  });

  test('recertify_after_days: a whole number of days from 1, else no interval', () => {
    assert.equal(recertifyAfterDays({ recertify_after_days: 90 }), 90);
    assert.equal(recertifyAfterDays({ recertify_after_days: 1 }), 1);
    for (const value of [0, -5, 1.5, '90', null, true]) assert.equal(recertifyAfterDays({ recertify_after_days: value }), undefined, String(value));
    for (const settings of [undefined, null, [], 'recertify_after_days: 90', {}]) assert.equal(recertifyAfterDays(settings), undefined);
  });

  test('completedAt: Step 9’s pass with all nine passed; none once a step runs again', () => {
    const tick = clock();
    const certified = passThrough(fresh('notes'), 'restore-verify', tick);
    assert.equal(completedAt(certified), certified.steps['restore-verify'].finishedAt);
    assert.equal(completedAt(passThrough(fresh('notes'), 'wipe', tick)), undefined);
    // Re-running Step 3 re-opens Steps 4–9: the record no longer states a completed certification.
    assert.equal(completedAt(must(startStep(certified, 'recreate', tick()))), undefined);
  });
});
