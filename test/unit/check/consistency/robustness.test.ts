import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConsistency } from '../../../../src/check/consistency';
import type { RepoModel, Service } from '../../../../src/core/service';
import { check, PLAYBOOK, ROLE } from './helpers';

const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';

describe('consistency: odd repos never throw', () => {
  test('an empty repo has no findings', async () => {
    assert.deepEqual(await check({}), []);
  });

  test('broken YAML everywhere is left to the syntax check', async () => {
    const findings = await check({
      'services/a.yml': 'name: a\n  bad: indent\n',
      'playbooks/a-deploy.yml': '- hosts: all\n  roles: [\n',
      [BACKUP]: 'backup_docker_containers: [\n',
      [RESTORE]: 'restore_x: "unterminated\n',
      'roles/a_api/defaults/main.yml': ': :\n',
    });
    // The definition's playbook exists (broken, but there): nothing to say about it.
    assert.deepEqual(findings, []);
  });

  test('a backup or restore defaults file that does not parse silences the rules comparing it', async () => {
    const findings = await check({
      ...PLAYBOOK('app', 'app_api'),
      ...ROLE('app_api', 'app_container_id: 130\n'),
      [BACKUP]: 'backup_app_enabled: true\nbackup_docker_containers:\n  - { name: app, container_id: 131 }\n',
      [RESTORE]: 'restore_app_enabled: true\nrestore_docker_containers: [\n',
    });
    // Only the backup entry's wrong container id, which needs no restore file to see.
    assert.deepEqual(findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`), [`backup-mismatch ${BACKUP}:3`]);
  });

  test('values of unexpected shapes are skipped, not misread', async () => {
    const findings = await check({
      ...PLAYBOOK('x', 'x_api'),
      ...ROLE('x_api', 'x_container_id: 170\nx_ip_address: [1, 2]\n'),
      'services/x.yml': 'name: x\nbackup: "everything"\ncontainer_id: 170\n',
      'services/y.yml': 'name: y\nbackup:\n  - type: files\n    paths: not-a-list\n  - 7\n  - ~\n',
      'playbooks/y-deploy.yml': '- hosts: all\n',
      [BACKUP]: [
        'backup_docker_containers:',
        '  - ~',
        '  - 5',
        '  - [nested]',
        '  - { name: [1], container_id: { a: 1 }, volumes: 7 }',
        '  - { name: x, container_id: "{{ x_container_id | int }}", volumes: [~, 3, "{{ d }}"] }',
        'backup_postgresql_databases: { a: 1 }',
        'backup_postgresql_container_id: [1]',
        'backup_x_enabled: "{{ enable_all }}"',
        'backup_x_data_dir: 42',
        '',
      ].join('\n'),
      [RESTORE]: 'restore_docker_containers: "none"\nrestore_postgresql_databases: [~, [x], "{{ db }}"]\nrestore_x_enabled: true\nrestore_x_data_dir: "{{ unknown }}"\n',
    });
    // The one well-formed entry (x) is backed up and x's restore is on, but the restore list is no list.
    assert.deepEqual(
      findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column}`),
      [`backup-mismatch ${BACKUP}:6:13`],
    );
  });

  test('a hand-made model with missing facts and sources outside the files', () => {
    const bare: Service = { name: 'bare', roles: [], facts: {}, backup: { entries: [] }, restore: { entries: [] }, scripts: {} };
    const odd: Service = {
      ...bare,
      name: 'odd',
      definitionFile: 'services/odd.yml',
      roles: [{ name: 'ghost', via: 'definition', source: { file: 'services/odd.yml', line: 99, column: 40 } }],
      facts: {
        containerId: { kind: 'known', value: 150, origin: 'definition', source: { file: 'services/gone.yml', line: 3 } },
        ipAddress: { kind: 'unresolved', expression: '{{ ip }}', origin: 'role-defaults', source: { file: 'x', line: 0 } },
      },
      roleFacts: { containerId: { kind: 'known', value: 151, origin: 'role-defaults', source: { file: 'roles/r/defaults/main.yml', line: 1 } } },
      backup: { entries: [{ variable: 'backup_odd_dir', detail: 'named after the service', source: { file: BACKUP, line: 5 } }] },
    };
    const twin: Service = { ...odd, name: 'twin', roleFacts: undefined, backup: { entries: [] } };
    const model: RepoModel = { root: '/nowhere', services: [bare, odd, twin], findings: [] };
    const findings = checkConsistency({ snapshot: { texts: new Map(), roleDirs: [] }, model });
    assert.deepEqual(
      findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`).sort(),
      [
        'definition-mismatch services/gone.yml:3',
        'duplicate-container-id services/gone.yml:3',
        'duplicate-container-id services/gone.yml:3',
        'missing-deploy-playbook services/odd.yml:1',
        'missing-deploy-playbook services/odd.yml:1',
        'missing-role services/odd.yml:99',
        `restore-missing ${BACKUP}:5`,
      ],
    );
  });
});
