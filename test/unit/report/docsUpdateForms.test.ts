// The docs update on small repos written the ways people write them: a bullet list instead of a
// table, entries that exist in another case, spacing or link form, a roles list instead of
// imports, files the repo lacks, facts Certify does not know, and a record not yet complete.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEmptyRecord, type CertificationRecord } from '../../../src/core/record';
import { STEP_IDS } from '../../../src/core/steps';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { applyDocsEdits, docsUpdateEdits, type DocsEdit, type DocsUpdate } from '../../../src/report/docsUpdate';
import { makeRepo } from '../helpers/tempRepo';

const DEFINITION = [
  'name: wiki',
  'description: Team wiki for runbooks',
  'container_id: 163',
  'hostname: wiki',
  'ip_address: 172.16.10.63',
  'service_port: 8080',
  'roles: [wiki_api]',
  'deploy_playbook: playbooks/wiki-deploy.yml',
  'external:',
  '  url: https://wiki.example.net',
  'backup:',
  '  - type: postgresql',
  '    database: wiki',
  '    container_id: 150',
  '',
].join('\n');

/** A repo where wiki is in the full deployment and the backup: only the Markdown varies, unless a test says otherwise. */
const BASE: Record<string, string> = {
  'services/wiki.yml': DEFINITION,
  'playbooks/wiki-deploy.yml': '- name: Deploy wiki\n  hosts: proxmox_admin\n  roles:\n    - role: wiki_api\n',
  'playbooks/full-deployment.yml': '- name: Deploy wiki\n  ansible.builtin.import_playbook: wiki-deploy.yml\n',
  'playbooks/backup-infrastructure.yml': '- hosts: proxmox_admin\n  roles:\n    - role: backup_infrastructure\n',
  'roles/backup_infrastructure/defaults/main.yml': 'backup_postgresql_databases:\n  - wiki\n',
  'README.md': '# Infra\n\n## Services\n\n| ID | Service |\n| --- | --- |\n| 163 | wiki |\n',
  'docs/container-mapping.md': '| ID | Service |\n| --- | --- |\n| 163 | wiki |\n',
};

function certified(service: string): CertificationRecord {
  const record = createEmptyRecord(service, '2025-03-01T10:00:00.000Z');
  for (const id of STEP_IDS) record.steps[id] = { ...record.steps[id], status: 'passed' };
  return record;
}

/** The update for wiki in a repo of BASE with some files replaced (a string) or removed (null). */
async function updateFor(files: Record<string, string | null>, record = certified('wiki')): Promise<DocsUpdate & { texts: Map<string, string> }> {
  const merged = Object.fromEntries(Object.entries({ ...BASE, ...files }).filter((entry): entry is [string, string] => entry[1] !== null));
  const repo = await loadRepoForValidation(await makeRepo(merged));
  const service = repo.model.services.find((candidate) => candidate.name === 'wiki');
  assert.ok(service, 'discovery finds wiki');
  return { ...docsUpdateEdits(repo, service, record), texts: repo.texts };
}

function newText(edit: DocsEdit | undefined): string | undefined {
  return edit?.kind === 'replace' ? edit.newText : undefined;
}

function startOf(edit: DocsEdit | undefined): { line: number; column: number } | undefined {
  return edit?.kind === 'replace' ? edit.range.start : undefined;
}

/** The one edit to a file, applied: the file's new text. */
function applied(result: DocsUpdate & { texts: Map<string, string> }, file: string): string | undefined {
  return applyDocsEdits(result.texts, result.edits).get(file);
}

describe('docs update: the forms repos use', () => {
  test('a bullet list gets the workflow\'s item, with the list\'s marker and indentation, after the last item\'s continuation', async () => {
    const readme = '# Infra\n\n## Services\n\n  * gitea (160) - Git hosting\n    on PostgreSQL\n\n  * notes (165) - Notes\n    with attachments\n\n## Deploy\n\n- run it\n';
    const result = await updateFor({ 'README.md': readme });
    assert.equal(result.edits.length, 1);
    assert.deepEqual(startOf(result.edits[0]), { line: 10, column: 1 });
    assert.equal(newText(result.edits[0]), '  * wiki (163) - Team wiki for runbooks\n');
    assert.equal(result.edits[0].label, "Add wiki to the README's service list");
    assert.deepEqual(result.notes, []);
  });

  test('an entry that exists in another case, spacing or link form is not added again', async () => {
    const forms = [
      '## Services\n\n| ID | Service |\n| --- | --- |\n| `163` | [**WIKI**](https://wiki.example.net) |\n',
      '## Services\n\n* [Wiki](docs/wiki.md) ( 163 ) – runbooks\n',
      '## Our services\n\n- **wiki**   - runbooks\n',
      '## Services\n\n| Role | Notes |\n| --- | --- |\n| `wiki_api` | runbooks |\n',
    ];
    for (const services of forms) {
      const result = await updateFor({ 'README.md': `# Infra\n\n${services}` });
      assert.deepEqual(result.edits, [], services);
      assert.deepEqual(result.notes, [], services);
    }
    const mapping = await updateFor({ 'docs/container-mapping.md': '| VMID | Name | IP |\n|:---:|---|---|\n| 163 |  Wiki  (runbooks) | 172.16.10.63 |\n' });
    assert.deepEqual(mapping.edits, []);
    const imported = await updateFor({ 'playbooks/full-deployment.yml': '- import_playbook: ./wiki-deploy.yml\n' });
    assert.deepEqual(imported.edits, []);
    const byRole = await updateFor({ 'playbooks/full-deployment.yml': '- hosts: proxmox_admin\n  roles:\n    - wiki_api\n' });
    assert.deepEqual(byRole.edits, []);
  });

  test('a service named with a dash is found written with a blank', async () => {
    const definition = DEFINITION.replace('name: wiki', 'name: home-assistant')
      .replace('roles: [wiki_api]', 'roles: [home_assistant_api]')
      .replace('playbooks/wiki-deploy.yml', 'playbooks/home-assistant-deploy.yml')
      .replace('database: wiki', 'database: home_assistant');
    const { 'services/wiki.yml': _wiki, 'playbooks/wiki-deploy.yml': _deploy, ...rest } = BASE;
    const repo = await loadRepoForValidation(
      await makeRepo({
        ...rest,
        'services/home-assistant.yml': definition,
        'playbooks/home-assistant-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - role: home_assistant_api\n',
        'README.md': '## Services\n\n| ID | Service |\n| --- | --- |\n| 170 | Home Assistant |\n',
        'docs/container-mapping.md': '| ID | Service |\n| --- | --- |\n| 170 | Home  Assistant |\n',
        'playbooks/full-deployment.yml': '- ansible.builtin.import_playbook: home-assistant-deploy.yml\n',
        'roles/backup_infrastructure/defaults/main.yml': 'backup_postgresql_databases:\n  - home_assistant\n',
      }),
    );
    const service = repo.model.services.find((candidate) => candidate.name === 'home-assistant');
    assert.ok(service);
    const result = docsUpdateEdits(repo, service, certified('home-assistant'));
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.notes, []);
  });

  test('a README without a service list gets a note naming the entry to add, not an edit', async () => {
    const result = await updateFor({ 'README.md': '# Infra\n\nAnsible for the lab.\n\n## Deploy\n\n- run full-deployment.yml\n' });
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.notes, ['README.md has no service list (a table or list under a "Services" heading): add "- wiki (163) - Team wiki for runbooks" where it lists services.']);
  });

  test('a container id another row claims is noted, not overwritten or doubled', async () => {
    const result = await updateFor({ 'docs/container-mapping.md': '# Containers\n\n| ID | Service |\n| --- | --- |\n| 160 | gitea |\n| 163 | matrix |\n' });
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.notes, ['docs/container-mapping.md:6 lists container 163 under another name: check which service it is before adding wiki.']);
  });

  test('columns Certify has no value for say "—", a pipe in a value is escaped, and a file without a final newline gets one before the row', async () => {
    const definition = DEFINITION.replace('ip_address: 172.16.10.63\n', '').replace('Team wiki for runbooks', 'Runbooks | how-tos');
    const result = await updateFor({
      'services/wiki.yml': definition,
      'README.md': '## Services\n\n| ID | Service | What | IP | Owner |\n| --- | --- | --- | --- | --- |\n| 160 | gitea | Git | 172.16.10.60 | ops |',
    });
    assert.equal(result.edits.length, 1);
    assert.equal(newText(result.edits[0]), '\n| 163 | wiki | Runbooks \\| how-tos | — | — |');
    assert.deepEqual(result.notes, [`README.md: Certify does not know wiki's "IP", "Owner"; the new row says — there, fill it in when reviewing.`]);
    assert.equal(applied(result, 'README.md')?.split('\n').pop(), '| 163 | wiki | Runbooks \\| how-tos | — | — |');
  });

  test('a full deployment that lists roles gets the service\'s role in the list\'s own form and indentation', async () => {
    const mapped = await updateFor({ 'playbooks/full-deployment.yml': '- hosts: proxmox_admin\n  gather_facts: false\n  roles:\n      - role: gitea_api\n      - role: notes_api\n' });
    assert.equal(newText(mapped.edits[0]), '      - role: wiki_api\n');
    assert.deepEqual(startOf(mapped.edits[0]), { line: 6, column: 1 });
    const plain = await updateFor({ 'playbooks/full-deployment.yml': '- hosts: proxmox_admin\n  roles:\n    - gitea_api\n' });
    assert.equal(newText(plain.edits[0]), '    - wiki_api\n');
    assert.equal(plain.edits[0].label, 'Add wiki to the full-deployment playbook (playbooks/full-deployment.yml)');
    const inline = await updateFor({ 'playbooks/full-deployment.yml': '- hosts: proxmox_admin\n  roles: [gitea_api]\n' });
    assert.deepEqual(inline.edits, []);
    assert.deepEqual(inline.notes, ['The roles list in playbooks/full-deployment.yml is written inline: add wiki_api to it by hand.']);
  });

  test('files the repo lacks become notes naming them', async () => {
    const result = await updateFor({
      'README.md': null,
      'docs/container-mapping.md': null,
      'playbooks/full-deployment.yml': null,
      'playbooks/backup-infrastructure.yml': null,
    });
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.notes, [
      'The repo has no README.md: nothing lists its services, so wiki was not added to one.',
      'The repo has no docs/container-mapping.md: no container-mapping row was proposed for wiki.',
      'The repo has no playbooks/full-deployment.yml (nor site.yml): wiki was not added to a full deployment.',
      "The repo has no backup playbook (playbooks/backup-infrastructure.yml): schedule wiki's backup where the repo's backups run.",
    ]);
  });

  test('a backup turned off for the service is noted, not switched on', async () => {
    const result = await updateFor({ 'roles/backup_infrastructure/defaults/main.yml': 'backup_postgresql_databases:\n  - wiki\nbackup_wiki_enabled: false\n' });
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.notes, [
      'backup_wiki_enabled is false (roles/backup_infrastructure/defaults/main.yml:3): the scheduled backup skips wiki; set it to true unless that is meant.',
    ]);
  });

  test('a database on the service\'s own container is named for the person, not put in the shared server\'s list', async () => {
    const defaults = 'backup_postgresql_container_id: 150\nbackup_postgresql_databases:\n  - gitea\nbackup_gitea_enabled: true\n';
    const own = await updateFor({ 'roles/backup_infrastructure/defaults/main.yml': defaults, 'services/wiki.yml': DEFINITION.replace('container_id: 150', 'container_id: 163') });
    assert.deepEqual(own.edits, []);
    assert.deepEqual(own.notes, [
      "Add wiki's postgresql database wiki on container 163 to roles/backup_infrastructure/defaults/main.yml by hand: Certify cannot tell which of the role's lists takes them.",
    ]);
    const shared = await updateFor({ 'roles/backup_infrastructure/defaults/main.yml': defaults });
    assert.deepEqual(shared.edits.map(newText), ['  - wiki\n', 'backup_wiki_enabled: true\n']);
    assert.deepEqual(shared.notes, []);
  });

  test('nothing is proposed before all nine steps have passed, or for another service\'s record', async () => {
    const record = certified('wiki');
    record.steps['restore-verify'] = { ...record.steps['restore-verify'], status: 'failed', reason: 'counts differ' };
    const result = await updateFor({ 'README.md': '# Infra\n' }, record);
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.notes, ['wiki is not certified yet: Step 9 (Restore & Verify) has not passed. The docs are updated once all nine steps have passed.']);
    const other = await updateFor({ 'README.md': '# Infra\n' }, certified('gitea'));
    assert.deepEqual(other.edits, []);
    assert.deepEqual(other.notes, ["The record given is gitea's, not wiki's: nothing was proposed."]);
  });
});
