// The incremental paths of discovery must give exactly what a full rebuild gives.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../../src/core/findings';
import type { RepoModel } from '../../../src/core/service';
import { buildRepoModel } from '../../../src/repo/discovery';
import { RepoIndex } from '../../../src/repo/repoIndex';
import { readRepoSnapshot } from '../../../src/repo/snapshot';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';

const key = (f: Finding) => `${f.file}:${f.line}:${f.column ?? 0}:${f.ruleId}:${f.message}`;

/** A model as plain data, findings in a stable order, for deep comparison. */
function plain(model: RepoModel): unknown {
  return JSON.parse(JSON.stringify({ ...model, findings: [...model.findings].sort((a, b) => key(a).localeCompare(key(b))) }));
}

async function fullModel(root: string): Promise<unknown> {
  return plain(buildRepoModel(await readRepoSnapshot(root)));
}

describe('incremental discovery', () => {
  test('editing one role defaults file gives the same model as a full rebuild', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const index = await RepoIndex.open(root);
    const file = 'roles/nextcloud_api/defaults/main.yml';
    const original = await fs.readFile(path.join(root, file), 'utf8');
    const edits = [
      original.replace('nextcloud_container_id: 161', 'nextcloud_container_id: 165'),
      original.replace('nextcloud_service_port: 80', 'nextcloud_service_port: "{{ lookup(\'env\', \'PORT\') }}"'),
      `${original}\nbroken: [\n`,
      original,
    ];
    for (const text of edits) {
      await fs.writeFile(path.join(root, file), text);
      assert.equal(await index.fileChanged(file), true);
      assert.deepEqual(plain(index.model), await fullModel(root));
    }
  });

  test('editing the backup role or a group_vars file falls back to a full rebuild with the same result', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const index = await RepoIndex.open(root);
    for (const [file, from, to] of [
      ['roles/backup_infrastructure/defaults/main.yml', 'backup_vaultwarden_enabled: true', 'backup_vaultwarden_enabled: false'],
      ['inventory/group_vars/all/vars.yml', 'domain: example.net', 'domain: example.org'],
    ]) {
      const absolute = path.join(root, file);
      await fs.writeFile(absolute, (await fs.readFile(absolute, 'utf8')).replace(from, to));
      await index.fileChanged(file);
      assert.deepEqual(plain(index.model), await fullModel(root));
    }
  });

  test('an unsaved overlay build does not leak into the index', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const index = await RepoIndex.open(root);
    const overlay = { ...index.files, texts: new Map(index.files.texts).set('roles/gitea_api/defaults/main.yml', 'gitea_container_id: 999\n') };
    buildRepoModel(overlay, new Map(index.parseCache));
    const file = 'roles/nextcloud_api/defaults/main.yml';
    await fs.appendFile(path.join(root, file), '\n# touched\n');
    await index.fileChanged(file);
    assert.deepEqual(plain(index.model), await fullModel(root));
    const gitea = index.model.services.find((service) => service.name === 'gitea');
    assert.equal(gitea?.roleFacts?.containerId?.kind === 'known' && gitea.roleFacts.containerId.value, 160);
  });
});
