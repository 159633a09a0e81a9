// Backup and restore roles as they are written in the wild: an explicit list, a map keyed by
// service name or container id, a loop over the backup directory, or a shape Certify does not
// read. Each repo here is small and literal; the line comments number the lines findings mark.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, check, PLAYBOOK, ROLE } from './helpers';

const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';
const RESTORE_TASKS = 'roles/restore_infrastructure/tasks/main.yml';

/** Two services, each owning a database: gitea in container 160, wiki in 170. */
const SERVICES: Record<string, string> = {
  'services/gitea.yml': 'name: gitea\n',
  ...PLAYBOOK('gitea', 'gitea_api'),
  ...ROLE('gitea_api', 'gitea_container_id: 160\ngitea_db_name: gitea\n'),
  'services/wiki.yml': 'name: wiki\n',
  ...PLAYBOOK('wiki', 'wiki_api'),
  ...ROLE('wiki_api', 'wiki_container_id: 170\nwiki_db_name: wiki\n'),
};

const BACKUP_DEFAULTS = [
  'backup_root_dir: /var/backups/infrastructure',
  'backup_postgresql_databases:',
  '  - gitea',
  '  - wiki', // 4
  'backup_gitea_enabled: true',
  'backup_wiki_enabled: true',
  '',
].join('\n');

/** Restore toggles for both services: coverage says both are restored. */
const RESTORE_TOGGLES = 'restore_backup_root_dir: /var/backups/infrastructure\nrestore_gitea_enabled: true\nrestore_wiki_enabled: true\n';

const repo = (restoreDefaults: string, restoreTasks: string, backupDefaults = BACKUP_DEFAULTS): Record<string, string> => ({
  ...SERVICES,
  [BACKUP]: backupDefaults,
  'roles/backup_infrastructure/tasks/main.yml': '- name: Back up\n  ansible.builtin.debug:\n    msg: ok\n',
  [RESTORE]: restoreDefaults,
  [RESTORE_TASKS]: restoreTasks,
});

const NOOP_TASKS = '- name: Restore\n  ansible.builtin.debug:\n    msg: ok\n';

/** Only what the backup/restore rules say, so other rules' opinions of these tiny repos do not matter. */
const backupFindings = async (files: Record<string, string>) =>
  (await check(files)).filter((finding) => finding.ruleId === 'backup-mismatch' || finding.ruleId === 'restore-missing');

describe('restore shapes: explicit list', () => {
  test('a database backed up but missing from the list is still an error on the backup list', async () => {
    const findings = await backupFindings(repo(`${RESTORE_TOGGLES}restore_postgresql_databases:\n  - gitea\n`, NOOP_TASKS));
    assert.deepEqual(findings.map(at), [`${BACKUP}:4:5-4:9`]);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /^Database wiki is backed up but restore_postgresql_databases does not restore it/);
  });

  test('a map of health checks keyed by service is not mistaken for what is restored', async () => {
    const defaults = `${RESTORE_TOGGLES}restore_health_checks:\n  gitea: http://gitea/healthz\n  wiki: http://wiki/healthz\nrestore_postgresql_databases:\n  - gitea\n`;
    const findings = await backupFindings(repo(defaults, NOOP_TASKS));
    assert.deepEqual(findings.map((f) => [at(f), f.severity]), [[`${BACKUP}:4:5-4:9`, 'error']]);
  });
});

describe('restore shapes: map by service name', () => {
  test('a map keyed by each service restores their databases: no mismatch', async () => {
    const defaults = `${RESTORE_TOGGLES}restore_databases:\n  gitea:\n    format: custom\n  wiki:\n    format: custom\n`;
    assert.deepEqual(await backupFindings(repo(defaults, NOOP_TASKS)), []);
  });

  test('a service the map leaves out cannot be shown either way: one info, no error', async () => {
    const defaults = `${RESTORE_TOGGLES}restore_databases:\n  gitea:\n    format: custom\n`;
    const findings = await backupFindings(repo(defaults, NOOP_TASKS));
    assert.deepEqual(findings.map((f) => [at(f), f.severity]), [[`${RESTORE_TASKS}:1:1-1:1`, 'info']]);
    assert.match(findings[0].message, /restore_infrastructure restores what is backed up \(database wiki\)/);
  });
});

describe('restore shapes: map by container id', () => {
  test('ids that are the services\' ids restore them: no mismatch', async () => {
    const defaults = `${RESTORE_TOGGLES}container_backups:\n  160: [gitea.dump]\n  170: [wiki.dump]\n`;
    assert.deepEqual(await backupFindings(repo(defaults, NOOP_TASKS)), []);
  });

  test('an id no service has, under a name a service has, is an error naming both ids and both files', async () => {
    const backup = `${BACKUP_DEFAULTS}container_backups:\n  160:\n    name: gitea\n  171:\n    name: wiki\n`;
    const defaults = `${RESTORE_TOGGLES}restore_postgresql_databases:\n  - gitea\n  - wiki\n`;
    const findings = await backupFindings(repo(defaults, NOOP_TASKS, backup));
    assert.deepEqual(findings.map((f) => [at(f), f.severity]), [[`${BACKUP}:10:3-10:6`, 'error']]);
    assert.equal(
      findings[0].message,
      `container_backups: container 171 (${BACKUP}:10) is no service's, but this entry is wiki (named by ${BACKUP}:11), ` +
        'which is container 170 (roles/wiki_api/defaults/main.yml:1; service defined in services/wiki.yml); use 170, or fix the service\'s id.',
    );
    assert.equal(findings[0].fixes?.[0].edits[0].kind === 'replace' && findings[0].fixes[0].edits[0].newText, '170');
  });

  test('a name-keyed entry stating a container_id no service has is the same error', async () => {
    const defaults = `${RESTORE_TOGGLES}restore_databases:\n  gitea:\n    container_id: 160\n  wiki:\n    container_id: 107\n`;
    const findings = await backupFindings(repo(defaults, NOOP_TASKS));
    assert.deepEqual(findings.map(at), [`${RESTORE}:8:19-8:22`]);
    assert.match(findings[0].message, /^restore_databases: container 107 \(roles\/restore_infrastructure\/defaults\/main\.yml:8\) is no service's, but this entry is wiki \(named by its key\), which is container 170 \(roles\/wiki_api/);
  });
});

describe('restore shapes: a loop over the backup directory', () => {
  const FIND_LOOP = [
    '- name: Find the dumps',
    '  ansible.builtin.find:',
    '    paths: "{{ restore_backup_root_dir }}/{{ restore_backup_timestamp }}"',
    '    patterns: "*.dump"',
    '  register: restore_dumps',
    '- name: Restore every dump',
    '  ansible.builtin.command: pg_restore --clean -d {{ item.path | basename | splitext | first }} {{ item.path }}',
    '  loop: "{{ restore_dumps.files }}"',
    '',
  ].join('\n');

  test('find + loop over the registered files restores every database: no error, no restore-missing', async () => {
    assert.deepEqual(await backupFindings(repo(RESTORE_TOGGLES, FIND_LOOP)), []);
    // Without toggles the restore defaults name no service, yet the loop restores them all.
    assert.deepEqual(await backupFindings(repo('restore_backup_root_dir: /var/backups/infrastructure\n', FIND_LOOP)), []);
  });

  test('with_fileglob, a fileglob lookup, and a shell for-loop over the directory count too, inside a block', async () => {
    const shapes = [
      '- name: Restore\n  block:\n    - name: Each dump\n      ansible.builtin.command: pg_restore {{ item }}\n      with_fileglob: "{{ restore_backup_root_dir }}/*.dump"\n',
      '- name: Each dump\n  ansible.builtin.command: pg_restore {{ item }}\n  loop: "{{ query(\'fileglob\', restore_backup_root_dir ~ \'/*.sql.gz\') }}"\n',
      '- name: All dumps\n  ansible.builtin.shell: |\n    for f in {{ restore_backup_root_dir }}/*.dump; do pg_restore -d "$(basename "$f" .dump)" "$f"; done\n',
    ];
    for (const tasks of shapes) assert.deepEqual(await backupFindings(repo(RESTORE_TOGGLES, tasks)), [], tasks);
  });

  test('a loop over a directory that is not the backup directory is not taken for one', async () => {
    const tasks = '- name: Each config\n  ansible.builtin.command: cat {{ item }}\n  with_fileglob: "{{ app_config_dir }}/*.conf"\n';
    const findings = await backupFindings(repo(RESTORE_TOGGLES, tasks));
    assert.deepEqual(findings.map((f) => f.severity), ['info']);
  });
});

describe('restore shapes: a shape Certify does not read', () => {
  test('one info for the role naming the file to look at, never an error per database', async () => {
    const findings = await backupFindings(repo(RESTORE_TOGGLES, NOOP_TASKS));
    assert.deepEqual(findings.map((f) => [at(f), f.severity, f.ruleId]), [[`${RESTORE_TASKS}:1:1-1:1`, 'info', 'backup-mismatch']]);
    assert.equal(
      findings[0].message,
      `Certify cannot tell whether restore_infrastructure restores what is backed up (database gitea, database wiki): ${RESTORE} lists no ` +
        'restore_postgresql_databases or restore_docker_containers naming them, no map by service or container id does, ' +
        `and no loop over the backup directory was recognised in its tasks. Check ${RESTORE_TASKS}.`,
    );
  });
});

describe('restore shapes: Docker volumes', () => {
  const backup = `${BACKUP_DEFAULTS}backup_docker_containers:\n  - container_id: 170\n    name: wiki\n    volumes: [/opt/wiki/data]\n`;

  test('a loop over the backup directory restores the volumes too; an unread shape is the same single info', async () => {
    const loop = '- name: Each archive\n  ansible.builtin.unarchive:\n    src: "{{ item }}"\n    dest: /\n  with_fileglob: "{{ restore_backup_root_dir }}/*.tar.gz"\n';
    assert.deepEqual(await backupFindings(repo(RESTORE_TOGGLES, loop, backup)), []);
    const unread = await backupFindings(repo(RESTORE_TOGGLES, NOOP_TASKS, backup));
    assert.deepEqual(unread.map((f) => f.severity), ['info']);
    assert.match(unread[0].message, /\(wiki's volumes, database gitea, database wiki\)/);
  });

  test('with an explicit restore_docker_containers list, a container left out is still an error', async () => {
    const findings = await backupFindings(repo(`${RESTORE_TOGGLES}restore_postgresql_databases: [gitea, wiki]\nrestore_docker_containers: []\n`, NOOP_TASKS, backup));
    assert.deepEqual(findings.map((f) => [at(f), f.severity]), [[`${BACKUP}:9:11-9:15`, 'error']]);
    assert.match(findings[0].message, /^wiki's Docker volumes are backed up but restore_docker_containers has no wiki entry/);
  });
});
