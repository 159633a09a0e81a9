// The scaffold's promise: what it creates and the edits it proposes pass Certify's own
// validation. For every backup type, a scaffold is planned, written and its edits applied in a
// copy of examples/homelab; validation then finds exactly the example's own findings.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { validateRepo } from '../../../src/check/validateRepo';
import { isCovered } from '../../../src/core/service';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { BACKUP_TYPES, checkRequest, planScaffold, suggestNext, writeScaffold } from '../../../src/scaffold';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';
import { applyEdits, existsIn } from './helpers';

const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
/** examples/homelab's own findings (rule, file, message); the scaffold must add none. */
const BASELINE = [
  `restore-missing ${BACKUP} vaultwarden is backed up but never restored: add restore_vaultwarden_enabled and its parameters to roles/restore_infrastructure/defaults/main.yml so Step 9 can restore it.`,
  `restore-missing ${BACKUP} monitoring is backed up but never restored: add restore_monitoring_enabled and its parameters to roles/restore_infrastructure/defaults/main.yml so Step 9 can restore it.`,
  'discovery/unresolved-value roles/vaultwarden_api/defaults/main.yml vaultwarden: ipAddress is the template {{ network_prefix }}.{{ vaultwarden_container_id - 100 }}; Certify does not guess it. State it in services/vaultwarden.yml to use it.',
  'vault-undocumented roles/vaultwarden_api/defaults/main.yml vault_vaultwarden_admin_token is not documented anywhere: add it to inventory/group_vars/all/vault.yml.example (with a CHANGE_ME placeholder) and describe it in the role README, or a rebuild fails on an undefined variable.',
  "role-readme roles/vaultwarden_api/tasks/main.yml Role vaultwarden_api has no README.md: document its usage, variables, vault variables, dependencies and ports (the quick fix starts one from the role's files).",
].sort();

async function findingsOf(root: string): Promise<string[]> {
  const repo = await loadRepoForValidation(root);
  const context = validateRepo({ snapshot: repo.snapshot, model: repo.model, texts: repo.texts, readFindings: repo.readFindings }, repo.cache);
  return context.findings.map((finding) => `${finding.ruleId} ${finding.file} ${finding.message}`).sort();
}

describe('a scaffolded service passes Certify\'s validation', () => {
  test('the baseline: examples/homelab as it is', async () => {
    assert.deepEqual(await findingsOf(EXAMPLE_REPO), BASELINE);
  });

  for (const backupType of BACKUP_TYPES) {
    test(`backup type ${backupType}: no finding about any file created or edited`, async () => {
      const root = await copyRepo(EXAMPLE_REPO);
      const repo = await loadRepoForValidation(root);
      const next = suggestNext(repo.model, repo.texts);
      const request = { name: 'wiki', ...next, port: 8080, backupType };
      assert.deepEqual(checkRequest(request, repo.model, existsIn(root), repo.texts), []);

      const plan = planScaffold(request, repo, existsIn(root));
      assert.deepEqual(plan.skipped, []);
      const written = await writeScaffold(root, plan);
      assert.deepEqual(written, plan.create.map((file) => file.file));
      const edited = await applyEdits(root, plan.proposedEdits);
      const expectedEdits = backupType === 'none' ? [] : [BACKUP, 'roles/restore_infrastructure/defaults/main.yml'];
      assert.deepEqual(
        edited.filter((file) => file.startsWith('roles/')),
        expectedEdits,
      );
      assert.ok(edited.includes('inventory/hosts.yml'));

      // Baseline findings on an edited file (the backup defaults) stay; nothing new anywhere.
      const findings = await findingsOf(root);
      assert.deepEqual(findings.filter((finding) => written.some((file) => finding.includes(` ${file} `))), []);
      assert.deepEqual(findings.filter((finding) => /wiki/.test(finding)), []);
      assert.deepEqual(findings, BASELINE);

      // Certify now knows the service as the request described it, backed up and restored.
      const after = await loadRepoForValidation(root);
      const wiki = after.model.services.find((service) => service.name === 'wiki');
      assert.ok(wiki, 'wiki is discovered');
      assert.equal(wiki.definitionFile, 'services/wiki.yml');
      assert.equal(wiki.deployPlaybook, 'playbooks/wiki-deploy.yml');
      assert.deepEqual(
        [wiki.facts.containerId, wiki.facts.ipAddress, wiki.facts.servicePort, wiki.facts.hostname, wiki.roleFacts?.externalUrl].map((fact) => (fact?.kind === 'known' ? fact.value : fact)),
        [163, '172.16.10.63', 8080, 'wiki', 'https://wiki.example.net'],
      );
      assert.deepEqual(wiki.scripts, { populate: 'scripts/populate-wiki-testdata.sh', verify: 'scripts/verify-wiki-testdata.sh' });
      assert.equal(isCovered(wiki.backup), backupType !== 'none');
      assert.equal(isCovered(wiki.restore), backupType !== 'none');
      if (backupType === 'postgresql') assert.deepEqual(wiki.databases, ['wiki']);

      // The scripts are executable and valid bash.
      for (const script of ['scripts/populate-wiki-testdata.sh', 'scripts/verify-wiki-testdata.sh']) {
        const stat = await fs.stat(path.join(root, script));
        assert.equal(stat.mode & 0o111, 0o111, `${script} is executable`);
        const syntax = spawnSync('bash', ['-n', path.join(root, script)], { encoding: 'utf8' });
        assert.equal(syntax.status, 0, syntax.stderr);
      }

      // Planning again changes nothing: every file exists and every entry is there.
      const again = planScaffold(request, await loadRepoForValidation(root), existsIn(root));
      assert.deepEqual(again.create, []);
      assert.deepEqual(again.skipped, plan.create.map((file) => file.file));
      assert.deepEqual(again.proposedEdits, []);
    });
  }
});
