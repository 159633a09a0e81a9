import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { StaticCheckId } from '../../../../src/core/steps';
import { evaluateRepoStaticChecks, staticSummary, STATIC_CHECK_IDS, type StaticResults } from '../../../../src/check/staticCriteria';
import { EXAMPLE_REPO } from '../../helpers/tempRepo';
import { contextOf, lineOf, show } from './helpers';

const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';
const BACKUP_README = 'roles/backup_infrastructure/README.md';
const VAULT_EXAMPLE = 'inventory/group_vars/all/vault.yml.example';

/** Every check's status, per service, in STATIC_CHECK_IDS order (see the table in the module's report). */
const STATUSES: Record<string, Partial<Record<StaticCheckId, string>>> = {
  gitea: {},
  nextcloud: {},
  notes: {},
  // The example's deliberate gaps: no README, an undocumented vault variable, no restore, no scripts.
  vaultwarden: {
    'role-readme': 'not-met',
    'vault-documented': 'not-met',
    'restore-role-coverage': 'not-met',
    'restore-defaults': 'not-met',
    'backup-toggles': 'not-met',
    'populate-script': 'not-met',
    'verify-script': 'not-met',
  },
  monitoring: {
    'restore-role-coverage': 'not-met',
    'restore-defaults': 'not-met',
    'backup-toggles': 'not-met',
    'populate-script': 'not-met',
    'verify-script': 'not-met',
  },
  // A database with no external URL: the repo does not say whether it should have one.
  postgresql: { 'urls-documented': 'unknown', 'populate-script': 'not-met', 'verify-script': 'not-met' },
};

describe('static criteria of examples/homelab', () => {
  let all: ReadonlyMap<string, StaticResults>;
  const of = (service: string, check: StaticCheckId): string => show(all.get(service)?.get(check));
  const at = (file: string, needle: string, occurrence = 0): Promise<string> => lineOf(EXAMPLE_REPO, file, needle, occurrence);

  before(async () => {
    all = evaluateRepoStaticChecks(await contextOf(EXAMPLE_REPO));
  });

  test('every service, every check: the exact status', () => {
    assert.deepEqual([...all.keys()], ['gitea', 'monitoring', 'nextcloud', 'notes', 'postgresql', 'vaultwarden']);
    for (const [service, exceptions] of Object.entries(STATUSES)) {
      const results = all.get(service) as StaticResults;
      assert.deepEqual([...results.keys()], STATIC_CHECK_IDS, service);
      const statuses = Object.fromEntries([...results].map(([check, result]) => [check, result.status]));
      const expected = Object.fromEntries(STATIC_CHECK_IDS.map((check) => [check, exceptions[check] ?? 'met']));
      assert.deepEqual(statuses, expected, service);
    }
  });

  test('gitea: all sixteen met, each with the file and line that shows it', async () => {
    const role = 'roles/gitea_api';
    const tasks = `${role}/tasks/main.yml`;
    const expected: Record<StaticCheckId, string> = {
      'role-files': `met ${role}/defaults/main.yml:1 ${tasks}:1 ${role}/handlers/main.yml:1 ${role}/templates/app.ini.j2:1`,
      'deploy-playbook': `met ${await at('playbooks/gitea-deploy.yml', 'role: gitea_api')}`,
      'proxmox-api-module': `met ${await at(tasks, 'community.general.proxmox:')}`,
      'health-check': `met ${await at(tasks, 'ansible.builtin.uri:')}`,
      'role-readme': `met ${role}/README.md:1`,
      'vault-documented': `met ${(
        await Promise.all(['db_password', 'admin_password', 'secret_key', 'internal_token', 'jwt_secret:', 'lfs_jwt_secret'].map((name) => at(VAULT_EXAMPLE, `vault_gitea_${name}`)))
      ).join(' ')}`,
      // The Ports table of the README, then where the port is stated (the definition).
      'ports-documented': `met ${await at(`${role}/README.md`, '| 3000 |')} ${await at('services/gitea.yml', 'service_port:')}`,
      'urls-documented': `met ${await at('services/gitea.yml', 'url: https://git.example.net')}`,
      'backup-role-coverage': `met ${(
        await Promise.all(['backup_postgresql_databases:', 'backup_gitea_repositories_dir:', 'backup_configs:', 'backup_config_sources:', 'backup_gitea_enabled:'].map((key) => at(BACKUP, key)))
      ).join(' ')}`,
      'restore-role-coverage': `met ${(
        await Promise.all(['restore_postgresql_databases:', 'restore_gitea_enabled:', 'restore_gitea_repositories_dir:', 'restore_gitea_config:'].map((key) => at(RESTORE, key)))
      ).join(' ')}`,
      'backup-defaults': `met ${(await Promise.all(['backup_postgresql_databases:', 'backup_gitea_repositories_dir:', 'backup_configs:', 'backup_config_sources:'].map((key) => at(BACKUP, key)))).join(' ')}`,
      'restore-defaults': `met ${(await Promise.all(['restore_postgresql_databases:', 'restore_gitea_repositories_dir:', 'restore_gitea_config:'].map((key) => at(RESTORE, key)))).join(' ')}`,
      'backup-toggles': `met ${await at(BACKUP, 'backup_gitea_enabled:')} ${await at(RESTORE, 'restore_gitea_enabled:')}`,
      // gitea.yml's targets state only deploy_time; the backup role's README states both objectives for every service.
      'targets-documented': `met ${await at(BACKUP_README, 'RPO target')} ${await at(BACKUP_README, 'RTO target')}`,
      'populate-script': `met scripts/populate-gitea-testdata.sh:1 ${await at(`${role}/README.md`, 'scripts/populate-gitea-testdata.sh')}`,
      'verify-script': `met scripts/verify-gitea-testdata.sh:1 ${await at(`${role}/README.md`, 'scripts/verify-gitea-testdata.sh')}`,
    };
    for (const check of STATIC_CHECK_IDS) assert.equal(of('gitea', check), expected[check], check);
  });

  test('vaultwarden: no README, an undocumented vault variable, never restored', async () => {
    const defaults = 'roles/vaultwarden_api/defaults/main.yml';
    assert.equal(of('vaultwarden', 'role-readme'), 'not-met roles/vaultwarden_api/tasks/main.yml:1');
    assert.equal(all.get('vaultwarden')?.get('role-readme')?.summary, 'no README.md in roles/vaultwarden_api');
    assert.equal(of('vaultwarden', 'vault-documented'), `not-met ${await at(defaults, 'vault_vaultwarden_admin_token')}`);
    assert.match(all.get('vaultwarden')?.get('vault-documented')?.summary ?? '', /^vault_vaultwarden_admin_token not documented/);
    // Where the restore belongs, then where the backup names the service (restore-missing's fix stands there).
    assert.equal(of('vaultwarden', 'restore-role-coverage'), `not-met ${RESTORE}:1 ${await at(BACKUP, 'backup_vaultwarden_enabled')}`);
    assert.equal(of('vaultwarden', 'backup-toggles'), `not-met ${await at(BACKUP, 'backup_vaultwarden_enabled')}`);
    assert.equal(all.get('vaultwarden')?.get('backup-toggles')?.summary, 'no restore_vaultwarden_enabled');
    assert.equal(of('vaultwarden', 'backup-role-coverage'), `met ${await at(BACKUP, 'backup_docker_containers:')} ${await at(BACKUP, 'backup_vaultwarden_enabled')}`);
    // No README, but the repo-wide container mapping documents its port, and README.md its URL.
    assert.equal(of('vaultwarden', 'ports-documented'), `met ${await at('docs/container-mapping.md', '172.16.10.62:8080')} ${await at(defaults, 'vaultwarden_service_port')}`);
    assert.equal(of('vaultwarden', 'urls-documented'), `met ${await at('README.md', 'https://vault.example.net')} ${await at(defaults, 'vaultwarden_domain')}`);
  });

  test('monitoring: backed up (configuration) but never restored', async () => {
    assert.equal(of('monitoring', 'backup-role-coverage'), `met ${await at(BACKUP, 'backup_config_sources:')} ${await at(BACKUP, 'backup_monitoring_enabled')}`);
    assert.equal(of('monitoring', 'restore-role-coverage'), `not-met ${RESTORE}:1 ${await at(BACKUP, 'backup_monitoring_enabled')}`);
    assert.equal(all.get('monitoring')?.get('restore-role-coverage')?.summary, 'restore_infrastructure does not restore monitoring');
    assert.equal(of('monitoring', 'restore-defaults'), `not-met ${RESTORE}:1`);
  });

  test('postgresql: pg_isready is its health check; no test data scripts', async () => {
    assert.equal(of('postgresql', 'health-check'), `met ${await at('roles/postgresql_api/tasks/main.yml', 'ansible.builtin.command:', 1)}`);
    assert.match(all.get('postgresql')?.get('health-check')?.summary ?? '', /^command health check at roles\/postgresql_api\/tasks\/main\.yml:\d+$/);
    assert.equal(of('postgresql', 'populate-script'), 'not-met');
    assert.equal(all.get('postgresql')?.get('populate-script')?.summary, 'no scripts/populate-postgresql-testdata.sh');
    assert.equal(of('postgresql', 'urls-documented'), 'unknown');
  });

  test('the summary lists the failing checks, most important first', () => {
    assert.deepEqual(staticSummary(all.get('gitea') as StaticResults), { met: 16, total: 16, problems: [] });
    assert.deepEqual(staticSummary(all.get('vaultwarden') as StaticResults), {
      met: 9,
      total: 16,
      problems: ['restore not covered', 'no backup/restore toggles', 'no restore variables', 'no verify script', 'no populate script', 'vault vars undocumented', 'no README'],
    });
    assert.deepEqual(staticSummary(all.get('postgresql') as StaticResults), { met: 13, total: 16, problems: ['no verify script', 'no populate script'] });
  });
});
