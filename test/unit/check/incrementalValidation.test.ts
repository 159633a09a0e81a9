// Validating a repo again after a change reuses what the previous validation derived from
// unchanged files (per-file results, folded repo-wide values). Whatever it reuses, the result
// must be exactly a validation from scratch: findings and every service's static results.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { evaluateRepoStaticChecks, evaluateStaticChecks, touchedServices } from '../../../src/check/staticCriteria';
import { refreshedContext, validateRepo, type RepoContext } from '../../../src/check/validateRepo';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';

type Edit = [what: string, apply: (root: string) => Promise<void>];

const write = (file: string, text: string) => async (root: string) => {
  await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await fs.writeFile(path.join(root, file), text);
};
const append = (file: string, text: string) => async (root: string) => fs.appendFile(path.join(root, file), text);
const remove = (file: string) => async (root: string) => fs.rm(path.join(root, file));
const replace = (file: string, from: string | RegExp, to: string) => async (root: string) => {
  const before = await fs.readFile(path.join(root, file), 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `${file}: nothing to replace`);
  await fs.writeFile(path.join(root, file), after);
};

// Each edit changes what a repo-wide value folds (documented vault names, deploy playbooks, the
// vault example) or only one file's own results; some change nothing repo-wide on purpose.
const EDITS: Edit[] = [
  ['a role default changes value', replace('roles/gitea_api/defaults/main.yml', /gitea_service_port: \d+/, 'gitea_service_port: 3001')],
  ['a README documents the undocumented vault variable', append('roles/gitea_api/README.md', '\n`vault_vaultwarden_admin_token`: the admin token.\n')],
  ['the README stops documenting it', replace('roles/gitea_api/README.md', '\n`vault_vaultwarden_admin_token`: the admin token.\n', '')],
  ['role defaults define a vault variable', append('roles/nextcloud_api/defaults/main.yml', '\nvault_vaultwarden_admin_token: "{{ vault_x }}"\n')],
  ['a deploy playbook applies another role', replace('playbooks/monitoring-deploy.yml', 'prometheus_stack', 'gitea_api')],
  ['a new deploy playbook appears', write('playbooks/extra-deploy.yml', '---\n- hosts: proxmox_admin\n  roles:\n    - role: prometheus_stack\n')],
  ['a deploy playbook goes', remove('playbooks/extra-deploy.yml')],
  ['a second vault example appears', write('group_vars/all/vault.yml.example', 'vault_other: CHANGE_ME\n')],
  ['a role loses its README', remove('roles/nextcloud_api/README.md')],
  ['a task file breaks', append('roles/postgresql_api/tasks/main.yml', '\n  broken: [\n')],
];

function plain(context: RepoContext): unknown {
  const statics = [...evaluateRepoStaticChecks(context)].map(([name, results]) => [name, [...results]]);
  return JSON.parse(JSON.stringify({ findings: context.findings, statics }));
}

describe('validation after a change reuses the previous one and matches a validation from scratch', () => {
  test('every edit, applied in turn', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    let loaded = await loadRepoForValidation(root);
    let previous = validateRepo(loaded, loaded.cache);
    for (const [what, apply] of EDITS) {
      await apply(root);
      const before = new Map(previous.model.services.map((service) => [service.name, service]));
      loaded = await loadRepoForValidation(root);
      const scratch = validateRepo(loaded, new Map());

      // What the extension shows at once: the touched services' static results.
      const refreshed = refreshedContext(previous, loaded);
      for (const service of touchedServices(before, loaded.model, await changedFiles(previous, loaded.texts))) {
        const fresh = evaluateRepoStaticChecks(scratch).get(service.name);
        assert.deepEqual(evaluateStaticChecks(service, refreshed), fresh, `${what}: ${service.name} at once`);
      }

      const incremental = validateRepo(loaded, loaded.cache, previous);
      assert.deepEqual(plain(incremental), plain(scratch), what);
      previous = incremental;
    }
  });
});

/** The files whose text differs between a validation and the texts read now. */
async function changedFiles(previous: RepoContext, texts: ReadonlyMap<string, string>): Promise<string[]> {
  const files = new Set([...previous.texts.keys(), ...texts.keys()]);
  return [...files].filter((file) => previous.texts.get(file) !== texts.get(file));
}
