// Discovery's backup/restore coverage reads the roles as the consistency rules do: keys of a
// map by container id or by service name name those services, and a restore role that loops
// over the backup directory restores every service that is backed up (and no other).

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { isCovered, type Service } from '../../../src/core/service';
import { discoverRepo } from '../../../src/repo/loadRepo';
import { RepoIndex } from '../../../src/repo/repoIndex';
import { makeRepo } from '../helpers/tempRepo';

const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';
const RESTORE_TASKS = 'roles/restore_infrastructure/tasks/main.yml';

/** wiki (container 152) and kuma (container 159), each deployed by its own role. */
const SERVICES: Record<string, string> = {
  'playbooks/wiki-deploy.yml': '- hosts: proxmox_admin\n  roles: [wikijs]\n',
  'roles/wikijs/defaults/main.yml': 'wiki_vmid: 152\nwiki_db_name: wikidb\n',
  'playbooks/kuma-deploy.yml': '- hosts: proxmox_admin\n  roles: [uptime_kuma]\n',
  'roles/uptime_kuma/defaults/main.yml': 'kuma_vmid: 159\n',
};

const FIND_LOOP = [
  '- name: Find the dumps',
  '  ansible.builtin.find:',
  '    paths: "{{ restore_source_dir }}/postgres"',
  '  register: restore_dumps',
  '- name: Restore each dump',
  '  ansible.builtin.include_tasks: database.yml',
  '  loop: "{{ restore_dumps.files }}"',
  '',
].join('\n');

const NOOP = '- name: Restore\n  ansible.builtin.debug:\n    msg: ok\n';

async function services(files: Record<string, string>): Promise<Map<string, Service>> {
  const model = await discoverRepo(await makeRepo({ ...SERVICES, ...files }));
  return new Map(model.services.map((service) => [service.name, service]));
}

describe('discovery coverage: maps by container id or service', () => {
  test('the key of a backup map by container id names the service with that id', async () => {
    const found = await services({ [BACKUP]: 'backup_containers:\n  152:\n    paths: [/var/lib/wikijs/data]\n' });
    assert.deepEqual(found.get('wiki')?.backup.entries.map((entry) => [entry.variable, entry.detail, entry.source.line]), [['backup_containers', 'container 152', 1]]);
    assert.equal(isCovered(found.get('kuma')?.backup ?? { entries: [] }), false);
  });

  test('ids written as text are ids; a map whose keys are not all ids names nothing by them', async () => {
    const found = await services({ [BACKUP]: 'backup_containers:\n  "152": [/var/lib/wikijs/data]\nbackup_volumes:\n  159: /opt/status\n  extra: /srv\n' });
    assert.equal(isCovered(found.get('wiki')?.backup ?? { entries: [] }), true);
    assert.equal(isCovered(found.get('kuma')?.backup ?? { entries: [] }), false);
  });

  test('a restore map keyed by service restores those services; a map of health checks does not', async () => {
    const found = await services({ [RESTORE]: 'restore_databases:\n  wiki: {format: custom}\nrestore_health_checks:\n  kuma: http://status/\n' });
    assert.deepEqual(found.get('wiki')?.restore.entries.map((entry) => entry.detail), ['names wiki']);
    assert.equal(isCovered(found.get('kuma')?.restore ?? { entries: [] }), false);
  });
});

describe('discovery coverage: a restore role that loops over the backup directory', () => {
  const BACKED_UP = { [BACKUP]: 'backup_postgresql_databases:\n  - wikidb\n', [RESTORE]: 'restore_source_dir: /srv/backups/latest\n' };

  test('restores every service that is backed up, pointing at the loop', async () => {
    const found = await services({ ...BACKED_UP, [RESTORE_TASKS]: FIND_LOOP });
    assert.deepEqual(found.get('wiki')?.restore.entries, [
      { variable: RESTORE_TASKS, detail: 'restores all the backup directory holds', source: { file: RESTORE_TASKS, line: 5 } },
    ]);
    // kuma is not backed up: the loop has nothing of it to restore.
    assert.deepEqual(found.get('kuma')?.restore.entries, []);
  });

  test('a restore switched off by its toggle stays off; tasks without such a loop restore nothing', async () => {
    const off = await services({ ...BACKED_UP, [RESTORE]: 'restore_source_dir: /srv/backups/latest\nrestore_wiki_enabled: false\n', [RESTORE_TASKS]: FIND_LOOP });
    assert.equal(isCovered(off.get('wiki')?.restore ?? { entries: [] }), false);
    const none = await services({ ...BACKED_UP, [RESTORE_TASKS]: NOOP });
    assert.equal(isCovered(none.get('wiki')?.restore ?? { entries: [] }), false);
  });

  test('editing the restore tasks in a live index adds and removes the loop, as a full read would', async () => {
    const root = await makeRepo({ ...SERVICES, ...BACKED_UP, [RESTORE_TASKS]: NOOP });
    const index = await RepoIndex.open(root);
    const wiki = (): Service | undefined => index.model.services.find((service) => service.name === 'wiki');
    assert.equal(isCovered(wiki()?.restore ?? { entries: [] }), false);

    await fs.writeFile(path.join(root, RESTORE_TASKS), FIND_LOOP);
    assert.equal(await index.fileChanged(RESTORE_TASKS), true);
    assert.equal(isCovered(wiki()?.restore ?? { entries: [] }), true);
    assert.deepEqual(JSON.parse(JSON.stringify(index.model.services)), JSON.parse(JSON.stringify((await discoverRepo(root)).services)));

    await fs.rm(path.join(root, RESTORE_TASKS));
    assert.equal(await index.fileChanged(RESTORE_TASKS), true);
    assert.equal(isCovered(wiki()?.restore ?? { entries: [] }), false);
  });
});

describe('discovery: where the backup role keeps its runs', () => {
  test('backup_root_dir, else backup_root as roles also name it; the default only when the role names neither', async () => {
    const rootOf = async (defaults: string): Promise<unknown> => {
      const fact = (await discoverRepo(await makeRepo({ ...SERVICES, [BACKUP]: defaults }))).backupRoot;
      return fact?.kind === 'known' ? [fact.value, fact.source.file, fact.source.line] : fact;
    };
    assert.deepEqual(await rootOf('backup_root_dir: /srv/a\nbackup_root: /srv/b\n'), ['/srv/a', BACKUP, 1]);
    assert.deepEqual(await rootOf('backup_keep_days: 14\nbackup_root: /volume1/backups/club\n'), ['/volume1/backups/club', BACKUP, 2]);
    assert.deepEqual(await rootOf('backup_keep_days: 14\n'), ['/var/backups/infrastructure', 'roles/backup_infrastructure', 1]);
  });
});
