import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOf, goodRepo, show, withFiles } from './helpers';

const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';

describe('backup-role-coverage and restore-role-coverage', () => {
  test('met: the entries naming the service, at their lines', async () => {
    const result = await checkOf(goodRepo(), 'backup-role-coverage');
    assert.equal(show(result), `met ${BACKUP}:2 ${BACKUP}:3`);
    assert.equal(result.summary, 'backup_infrastructure covers app: backup_app_enabled and backup_app_data_dir');
    assert.equal(show(await checkOf(goodRepo(), 'restore-role-coverage')), `met ${RESTORE}:2 ${RESTORE}:3`);
  });

  test('met: a Docker entry naming the container id', async () => {
    const files = withFiles({ [BACKUP]: '---\nbackup_docker_containers:\n  - container_id: 170\n    volumes: [/srv/data]\n' });
    assert.equal(show(await checkOf(files, 'backup-role-coverage')), `met ${BACKUP}:2`);
  });

  test('not-met: the toggle is off', async () => {
    const result = await checkOf(withFiles({ [RESTORE]: '---\nrestore_app_enabled: false\nrestore_app_data_dir: /opt/app/data\n' }), 'restore-role-coverage');
    assert.equal(show(result), `not-met ${RESTORE}:2`);
    assert.equal(result.summary, `restore_app_enabled is false (${RESTORE}:2)`);
  });

  test('not-met: the role does not name the service; the other role is cited second', async () => {
    const result = await checkOf(withFiles({ [RESTORE]: '---\nrestore_root_dir: /var/backups\n' }), 'restore-role-coverage');
    assert.equal(show(result), `not-met ${RESTORE}:1 ${BACKUP}:2`);
    assert.equal(result.summary, 'restore_infrastructure does not restore app');
  });

  test('not-met: no backup role at all', async () => {
    const result = await checkOf(withFiles({ [BACKUP]: undefined, 'roles/backup_infrastructure/tasks/main.yml': undefined }), 'backup-role-coverage');
    assert.equal(show(result), 'not-met');
    assert.equal(result.summary, 'no roles/backup_infrastructure');
  });

  test('unknown: the toggle is a template', async () => {
    const result = await checkOf(withFiles({ [BACKUP]: '---\nbackup_app_enabled: "{{ enable_all }}"\nbackup_app_data_dir: /opt/app/data\n' }), 'backup-role-coverage');
    assert.equal(show(result), `unknown ${BACKUP}:2 ${BACKUP}:3`);
  });

  test('unknown: the defaults do not parse', async () => {
    const result = await checkOf(withFiles({ [BACKUP]: 'backup_app_enabled: [true\n' }), 'backup-role-coverage');
    assert.equal(result.status, 'unknown');
    assert.equal(result.evidence[0].file, BACKUP);
  });
});

describe('backup-defaults and restore-defaults', () => {
  test("met: the service's data variables, the toggle aside", async () => {
    const result = await checkOf(goodRepo(), 'backup-defaults');
    assert.equal(show(result), `met ${BACKUP}:3`);
    assert.equal(result.summary, 'backup_app_data_dir (named after the service)');
  });

  test('not-met: only a toggle', async () => {
    const result = await checkOf(withFiles({ [RESTORE]: '---\nrestore_app_enabled: true\n' }), 'restore-defaults');
    assert.equal(show(result), `not-met ${RESTORE}:2`);
    assert.equal(result.summary, `no restore variables for app in ${RESTORE} besides restore_app_enabled`);
  });

  test('not-met: the role has no defaults/main.yml', async () => {
    const result = await checkOf(withFiles({ [RESTORE]: undefined }), 'restore-defaults');
    assert.equal(show(result), 'not-met roles/restore_infrastructure/tasks/main.yml:1');
  });

  test('unknown: the defaults do not parse', async () => {
    assert.equal((await checkOf(withFiles({ [RESTORE]: 'restore_app_enabled: {\n' }), 'restore-defaults')).status, 'unknown');
  });
});

describe('backup-toggles', () => {
  test('met: both toggles, at their lines', async () => {
    const result = await checkOf(goodRepo(), 'backup-toggles');
    assert.equal(show(result), `met ${BACKUP}:2 ${RESTORE}:2`);
    assert.equal(result.summary, 'backup_app_enabled and restore_app_enabled');
  });

  test('met: a toggle that is off still exists', async () => {
    assert.equal((await checkOf(withFiles({ [BACKUP]: '---\nbackup_app_enabled: false\n' }), 'backup-toggles')).status, 'met');
  });

  test('not-met: the restore toggle is missing', async () => {
    const result = await checkOf(withFiles({ [RESTORE]: '---\nrestore_app_data_dir: /opt/app/data\n' }), 'backup-toggles');
    assert.equal(show(result), `not-met ${BACKUP}:2`);
    assert.equal(result.summary, 'no restore_app_enabled');
  });

  test('unknown: a defaults file that does not parse hides its toggle', async () => {
    const result = await checkOf(withFiles({ [RESTORE]: 'restore_app_enabled: [true\n' }), 'backup-toggles');
    assert.equal(result.status, 'unknown');
  });
});
