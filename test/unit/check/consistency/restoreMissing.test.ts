import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, at, check, PLAYBOOK, ROLE } from './helpers';

const RULE = 'restore-missing';
const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';

const SERVICES = {
  ...PLAYBOOK('nextcloud', 'nextcloud_api'),
  ...ROLE('nextcloud_api', 'nextcloud_container_id: 161\n'),
  ...PLAYBOOK('vaultwarden', 'vaultwarden_api'),
  ...ROLE('vaultwarden_api', 'vaultwarden_container_id: 162\n'),
};
const DOCKER_BACKUP = [
  'backup_docker_containers:',
  '  - container_id: 161',
  '    name: nextcloud',
  '    volumes:',
  '      - /opt/nextcloud/data',
  '  - container_id: 162',
  '    name: vaultwarden',
  '    volumes:',
  '      - "/opt/vaultwarden/data"',
];
const REPO = {
  ...SERVICES,
  [BACKUP]: [...DOCKER_BACKUP, 'backup_nextcloud_enabled: true', 'backup_vaultwarden_enabled: true', ''].join('\n'),
  [RESTORE]: [
    '# restore',
    'restore_nextcloud_enabled: true',
    'restore_docker_containers:',
    '  - container_id: 161',
    '    name: nextcloud',
    '    volumes:',
    '      - /opt/nextcloud/data',
    'restore_health_checks: {}',
    '',
  ].join('\n'),
};

describe('restore-missing', () => {
  test('a service backed up but not restored is a warning on its backup toggle', async () => {
    const findings = await check(REPO, RULE);
    assert.deepEqual(findings.map(at), [`${BACKUP}:11:1-11:27`]);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(
      findings[0].message,
      `vaultwarden is backed up but never restored: add restore_vaultwarden_enabled and its parameters to ${RESTORE} so Step 9 can restore it.`,
    );
  });

  test('for a Docker entry the fix adds the toggle and copies the entry, and then the repo is consistent', async () => {
    const [finding] = await check(REPO, RULE);
    const fixed = applyFix(REPO, finding.fixes?.[0].edits ?? []);
    assert.equal(
      fixed[RESTORE],
      [
        '# restore',
        'restore_nextcloud_enabled: true',
        'restore_vaultwarden_enabled: true',
        'restore_docker_containers:',
        '  - container_id: 161',
        '    name: nextcloud',
        '    volumes:',
        '      - /opt/nextcloud/data',
        '  - container_id: 162',
        '    name: vaultwarden',
        '    volumes:',
        '      - "/opt/vaultwarden/data"',
        'restore_health_checks: {}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await check(fixed), []);
  });

  test('without a toggle the finding marks the entry naming the service; a restore file without the list gets one', async () => {
    const files = {
      ...SERVICES,
      [BACKUP]: 'backup_docker_containers:\n  - container_id: 162\n    name: vaultwarden\n    volumes:\n      - "/opt/vaultwarden/data"\n',
      [RESTORE]: 'restore_root_dir: /x',
    };
    const [finding, ...rest] = await check(files, RULE);
    assert.deepEqual(rest, []);
    assert.equal(at(finding), `${BACKUP}:3:11-3:22`);
    const fixed = applyFix(files, finding.fixes?.[0].edits ?? []);
    assert.match(fixed[RESTORE], /^restore_root_dir: \/x\nrestore_vaultwarden_enabled: true\nrestore_docker_containers:\n {2}- container_id: 162\n/);
    assert.deepEqual(await check(fixed), []);
  });

  test('a restore toggle switched off is named, and the fix switches it on', async () => {
    const files = { ...REPO, [RESTORE]: `${REPO[RESTORE]}restore_vaultwarden_enabled: false\n` };
    const [finding] = await check(files, RULE);
    assert.equal(finding.message, `vaultwarden is backed up but never restored: restore_vaultwarden_enabled is off (${RESTORE}:9); turn it on so Step 9 can pass.`);
    assert.equal(finding.fixes?.[0].title, 'Set restore_vaultwarden_enabled: true');
    const fixed = applyFix(files, finding.fixes?.[0].edits ?? []);
    assert.deepEqual(await check(fixed, RULE), []);
  });

  test('restored but never backed up is a warning on the restore toggle; data that is not a Docker entry gets no fix', async () => {
    const findings = await check(
      { ...PLAYBOOK('gitea', 'gitea_api'), ...ROLE('gitea_api', 'gitea_container_id: 160\n'), [BACKUP]: 'backup_root_dir: /b\n', [RESTORE]: 'restore_gitea_enabled: true\nrestore_gitea_repositories_dir: /var/lib/gitea\n' },
      RULE,
    );
    assert.deepEqual(findings.map(at), [`${RESTORE}:1:1-1:22`]);
    assert.equal(
      findings[0].message,
      `gitea is restored but never backed up: add backup_gitea_enabled and its parameters to ${BACKUP}, or the restore has nothing to restore.`,
    );
    assert.equal(findings[0].fixes, undefined);
  });

  test('services covered by both roles, or by neither, pass', async () => {
    const findings = await check(
      {
        ...SERVICES,
        [BACKUP]: 'backup_nextcloud_enabled: true\nbackup_vaultwarden_enabled: false\n',
        [RESTORE]: 'restore_nextcloud_enabled: true\n',
      },
      RULE,
    );
    assert.deepEqual(findings, []);
  });
});
