import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, at, check, PLAYBOOK, ROLE } from './helpers';

const RULE = 'backup-mismatch';
const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';

const SERVICES = {
  ...PLAYBOOK('postgresql', 'postgresql_api'),
  ...ROLE('postgresql_api', 'postgresql_container_id: 150\n'),
  'services/gitea.yml': [
    'name: gitea',
    'backup:',
    '  - type: postgresql',
    '    database: gitea_meta',
    '  - type: files',
    '    paths: [/var/lib/gitea/data]',
    '',
  ].join('\n'),
  ...PLAYBOOK('gitea', 'gitea_api'),
  ...ROLE('gitea_api', 'gitea_container_id: 160\ngitea_db_name: gitea\n'),
  'services/nextcloud.yml': 'name: nextcloud\nbackup:\n  - type: files\n    path: /opt/nextcloud\n',
  ...PLAYBOOK('nextcloud', 'nextcloud_api'),
  ...ROLE('nextcloud_api', 'nextcloud_container_id: 161\n'),
};

/** Backup defaults; `side` turns them into the matching restore defaults. */
const DEFAULTS = (side: 'backup' | 'restore'): string =>
  [
    `${side}_postgresql_container_id: 150`, // 1
    `${side}_postgresql_databases:`, // 2
    '  - gitea', // 3
    '  - gitea_meta', // 4
    `${side}_docker_containers:`, // 5
    '  - container_id: 161', // 6
    '    name: nextcloud', // 7
    '    volumes:', // 8
    '      - /opt/nextcloud/data', // 9
    '  - container_id: 190', // 10
    '    name: redis', // 11
    '    volumes: [/srv/redis]', // 12
    `${side}_gitea_repositories_dir: /var/lib/gitea/data/repos`, // 13
    `${side}_gitea_enabled: true`, // 14
    `${side}_nextcloud_enabled: true`, // 15
    '',
  ].join('\n');

const REPO: Record<string, string> = { ...SERVICES, [BACKUP]: DEFAULTS('backup'), [RESTORE]: DEFAULTS('restore') };

/** REPO with one line of a defaults file replaced. */
const change = (file: string, line: number, text: string): Record<string, string> => {
  const lines = REPO[file].split('\n');
  lines[line - 1] = text;
  return { ...REPO, [file]: lines.join('\n') };
};

describe('backup-mismatch: against the services', () => {
  test('consistent backup and restore defaults pass (and nothing else is reported)', async () => {
    assert.deepEqual(await check(REPO), []);
  });

  test("a Docker entry's container_id differing from the service's is an error with a fix", async () => {
    const files = change(BACKUP, 6, '  - container_id: 165');
    const findings = await check(files, RULE);
    // The restore side (161) is right; it is not reported as disagreeing with the wrong backup value.
    assert.deepEqual(findings.map(at), [`${BACKUP}:6:19-6:22`]);
    assert.equal(findings[0].severity, 'error');
    assert.equal(
      findings[0].message,
      'backup_docker_containers: nextcloud is container 161 (roles/nextcloud_api/defaults/main.yml:1), not 165; use 161.',
    );
    assert.deepEqual(await check(applyFix(files, findings[0].fixes?.[0].edits ?? [])), []);
  });

  test('backup_postgresql_container_id must be the postgresql service\'s container', async () => {
    const findings = await check(change(RESTORE, 1, 'restore_postgresql_container_id: "151"'), RULE);
    assert.deepEqual(findings.map(at), [`${RESTORE}:1:34-1:39`]);
    assert.equal(findings[0].message, 'restore_postgresql_container_id is 151, but postgresql is container 150 (roles/postgresql_api/defaults/main.yml:1); use 150.');
    assert.equal(findings[0].fixes?.[0].edits[0].kind === 'replace' && findings[0].fixes[0].edits[0].newText, '150');
  });

  test('a database no service owns is an error on the list item', async () => {
    // Only the backup lists wiki: the missing restore of a database no one owns is not reported twice.
    const findings = await check(change(BACKUP, 4, '  - gitea_meta\n  - wiki'), RULE);
    assert.deepEqual(findings.map(at), [`${BACKUP}:5:5-5:9`]);
    assert.match(findings[0].message, /^No service owns database wiki: name it in the service's role defaults \(<prefix>_db_name\) or as a backup item's database/);
  });

  test('saved paths outside the data paths a definition lists are errors', async () => {
    const findings = await check(change(BACKUP, 9, '      - /srv/cloud'), RULE);
    // The restore side still restores /opt/nextcloud/data, which is now never backed up.
    assert.deepEqual(findings.map(at), [`${BACKUP}:9:9-9:19`, `${RESTORE}:9:9-9:28`]);
    assert.match(findings[0].message, /^Volume \/srv\/cloud is not under the data paths services\/nextcloud\.yml lists for nextcloud \(\/opt\/nextcloud\); add it to the definition's backup files paths or fix it here\.$/);
    const dir = await check(change(BACKUP, 13, 'backup_gitea_repositories_dir: /srv/git'), RULE);
    assert.ok(dir.some((f) => at(f) === `${BACKUP}:13:32-13:40` && /^backup_gitea_repositories_dir \/srv\/git is not under .*\(\/var\/lib\/gitea\/data\)/.test(f.message)));
  });
});

describe('backup-mismatch: backup and restore agree', () => {
  test('a container restored into another id than it was backed up from; the fix uses the backup id', async () => {
    const findings = await check(change(RESTORE, 10, '  - container_id: 191'), RULE);
    assert.deepEqual(findings.map(at), [`${RESTORE}:10:19-10:22`]);
    assert.equal(findings[0].message, `redis is restored into container 191 but backed up from 190 (${BACKUP}:10); use 190.`);
    assert.equal(findings[0].fixes?.[0].edits[0].kind === 'replace' && findings[0].fixes[0].edits[0].newText, '190');
  });

  test('volumes: one restored but never backed up, one backed up but not restored (with a fix)', async () => {
    const files = change(RESTORE, 9, '      - /opt/nextcloud/config');
    const findings = await check(files, RULE);
    assert.deepEqual(findings.map(at), [`${RESTORE}:8:5-8:12`, `${RESTORE}:9:9-9:30`]);
    assert.equal(findings[0].message, `nextcloud: volume /opt/nextcloud/data is backed up (${BACKUP}:9) but not restored; add it to this entry's volumes.`);
    assert.equal(findings[1].message, `nextcloud: volume /opt/nextcloud/config is restored but never backed up (${BACKUP}:7); add it to the backup entry or remove it here.`);
    const fixed = applyFix(files, findings[0].fixes?.[0].edits ?? []);
    assert.match(fixed[RESTORE], /volumes:\n {6}- \/opt\/nextcloud\/config\n {6}- \/opt\/nextcloud\/data\n {2}- container_id: 190/);
  });

  test('several volumes missing from the restore are one finding with one fix', async () => {
    const files = change(BACKUP, 9, '      - /opt/nextcloud/data\n      - /opt/nextcloud/apps\n      - /opt/nextcloud/themes');
    const findings = await check(files, RULE);
    assert.deepEqual(findings.map(at), [`${RESTORE}:8:5-8:12`]);
    assert.equal(findings[0].message, `nextcloud: volumes /opt/nextcloud/apps, /opt/nextcloud/themes are backed up (${BACKUP}:10) but not restored; add them to this entry's volumes.`);
    assert.deepEqual(await check(applyFix(files, findings[0].fixes?.[0].edits ?? [])), []);
  });

  test('databases: restored only, and backed up only (with a fix adding it to the restore list)', async () => {
    const restoreOnly = await check(change(BACKUP, 4, '  - gitea'), RULE);
    assert.deepEqual(restoreOnly.map(at), [`${RESTORE}:4:5-4:15`]);
    assert.equal(restoreOnly[0].message, 'Database gitea_meta is restored but backup_postgresql_databases does not back it up; add it there or remove it here.');

    const files = change(RESTORE, 4, '  - gitea');
    const backupOnly = await check(files, RULE);
    assert.deepEqual(backupOnly.map(at), [`${BACKUP}:4:5-4:15`]);
    assert.match(backupOnly[0].message, /^Database gitea_meta is backed up but restore_postgresql_databases does not restore it/);
    const fixed = applyFix(files, backupOnly[0].fixes?.[0].edits ?? []);
    assert.match(fixed[RESTORE], /restore_postgresql_databases:\n {2}- gitea\n {2}- gitea\n {2}- gitea_meta\n/);
  });

  test('same-named settings of a service must agree; the fix restores where the backup took from', async () => {
    const findings = await check(change(RESTORE, 13, 'restore_gitea_repositories_dir: /var/lib/gitea/data/other'), RULE);
    assert.deepEqual(findings.map(at), [`${RESTORE}:13:33-13:58`]);
    assert.equal(
      findings[0].message,
      `restore_gitea_repositories_dir is /var/lib/gitea/data/other but backup_gitea_repositories_dir is /var/lib/gitea/data/repos (${BACKUP}:13); restore what the backup took: use /var/lib/gitea/data/repos.`,
    );
  });

  test('without a postgresql service, the two server ids are compared with each other', async () => {
    const findings = await check(
      { [BACKUP]: 'backup_postgresql_container_id: 150\n', [RESTORE]: 'restore_postgresql_container_id: 155\n' },
      RULE,
    );
    assert.deepEqual(findings.map(at), [`${RESTORE}:1:34-1:37`]);
    assert.match(findings[0].message, /^restore_postgresql_container_id is 155 but backup_postgresql_container_id is 150/);
  });

  test("a Docker entry only one role has, for a service both roles cover, is reported (restore-missing covers the rest)", async () => {
    const lines = REPO[RESTORE].split('\n');
    const files = { ...REPO, [RESTORE]: [...lines.slice(0, 4), ...lines.slice(9)].join('\n').replace('  - container_id: 190', 'restore_docker_containers:\n  - container_id: 190') };
    const findings = await check(files, RULE);
    assert.deepEqual(findings.map(at), [`${BACKUP}:7:11-7:20`]);
    assert.equal(findings[0].message, `nextcloud's Docker volumes are backed up but restore_docker_containers has no nextcloud entry; add one to ${RESTORE}.`);
  });
});
