import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkConsistency } from '../../../../src/check/consistency';
import type { Finding } from '../../../../src/core/findings';
import { RepoIndex } from '../../../../src/repo/repoIndex';
import { copyRepo, EXAMPLE_REPO } from '../../helpers/tempRepo';
import { at, checkRoot } from './helpers';

const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const EXPECTED = [
  `restore-missing ${BACKUP}:52:1-52:27 vaultwarden is backed up but never restored: add restore_vaultwarden_enabled and its parameters to roles/restore_infrastructure/defaults/main.yml so Step 9 can restore it.`,
  `restore-missing ${BACKUP}:53:1-53:26 monitoring is backed up but never restored: add restore_monitoring_enabled and its parameters to roles/restore_infrastructure/defaults/main.yml so Step 9 can restore it.`,
];
const summary = (findings: Finding[]): string[] =>
  findings.map((finding) => `${finding.ruleId} ${at(finding)} ${finding.message}`);

describe('consistency of the example repo', () => {
  test('examples/homelab: exactly the two services backed up but not restored', async () => {
    assert.deepEqual(summary(await checkRoot(EXAMPLE_REPO)), EXPECTED);
  });

  test('incremental: a role default changed to collide with another service, then back', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const index = await RepoIndex.open(root);
    const run = () => checkConsistency({ snapshot: index.files, model: index.model, cache: index.parseCache });
    assert.deepEqual(summary(run()), EXPECTED);

    const file = 'roles/nextcloud_api/defaults/main.yml';
    const original = await fs.readFile(path.join(root, file), 'utf8');
    const parsedBefore = new Map([...index.parseCache].map(([name, hit]) => [name, hit.parsed]));
    await fs.writeFile(path.join(root, file), original.replace('nextcloud_container_id: 161', 'nextcloud_container_id: 160'));
    await index.fileChanged(file);
    const collided = run();
    const duplicates = collided.filter((finding) => finding.ruleId === 'duplicate-container-id');
    assert.deepEqual(duplicates.map(at), [`${file}:3:25-3:28`, 'services/gitea.yml:5:15-5:18']);
    assert.match(duplicates[0].message, /^nextcloud has container id 160, as does gitea \(services\/gitea\.yml:5\)/);
    // The backup entries still say 161: they now disagree with nextcloud's container, rightly.
    assert.deepEqual(
      collided.filter((finding) => finding.ruleId === 'backup-mismatch').map(at),
      [`${BACKUP}:22:19-22:22`, 'roles/restore_infrastructure/defaults/main.yml:28:19-28:22'],
    );
    // Checking parsed only what changed: every other file's parse is the one discovery made before.
    const reparsed = [...index.parseCache].filter(([name, hit]) => parsedBefore.get(name) !== hit.parsed).map(([name]) => name);
    assert.deepEqual(reparsed, [file]);

    await fs.writeFile(path.join(root, file), original);
    await index.fileChanged(file);
    assert.deepEqual(summary(run()), EXPECTED);
  });

  test('without a parse cache the result is the same', async () => {
    const index = await RepoIndex.open(EXAMPLE_REPO);
    assert.deepEqual(checkConsistency({ snapshot: index.files, model: index.model }), checkConsistency({ snapshot: index.files, model: index.model, cache: index.parseCache }));
  });
});
