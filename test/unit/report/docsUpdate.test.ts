// The docs update after a completed certification, on copies of both example repos with a new
// service certified: each proposed edit's content and place, nothing proposed twice (applying
// the edits and reading the repo again proposes nothing), existing services left alone, and a
// CRLF file kept CRLF.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createEmptyRecord, type CertificationRecord } from '../../../src/core/record';
import { STEP_IDS } from '../../../src/core/steps';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { applyDocsEdits, docsUpdateEdits, type DocsUpdate } from '../../../src/report/docsUpdate';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';

const CLUBINFRA = path.resolve(EXAMPLE_REPO, '../clubinfra');
const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';

function certified(service: string): CertificationRecord {
  const record = createEmptyRecord(service, '2025-03-01T10:00:00.000Z');
  for (const id of STEP_IDS) record.steps[id] = { ...record.steps[id], status: 'passed', finishedAt: '2025-03-01T12:00:00.000Z' };
  return record;
}

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), content);
  }
}

/** Reads the repo as the editor would, and proposes the docs update for one certified service. */
async function update(root: string, service: string): Promise<DocsUpdate & { texts: Map<string, string> }> {
  const repo = await loadRepoForValidation(root);
  const found = repo.model.services.find((candidate) => candidate.name === service);
  assert.ok(found, `discovery finds ${service}`);
  return { ...docsUpdateEdits(repo, found, certified(service)), texts: repo.texts };
}

async function applyOnDisk(root: string, result: DocsUpdate & { texts: Map<string, string> }): Promise<void> {
  for (const [file, text] of applyDocsEdits(result.texts, result.edits)) await fs.writeFile(path.join(root, file), text);
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 1 } });

/** wiki in the homelab's API-first layout: its role, deploy playbook and definition. */
const HOMELAB_WIKI = {
  'roles/wiki_api/defaults/main.yml': '---\nwiki_container_id: 163\nwiki_hostname: wiki\nwiki_ip_address: 172.16.10.63\nwiki_service_port: 8080\nwiki_db_name: wiki\n',
  'roles/wiki_api/tasks/main.yml': '---\n- name: Show the wiki\n  ansible.builtin.debug:\n    msg: wiki\n',
  'playbooks/wiki-deploy.yml': '---\n- name: Deploy wiki\n  hosts: proxmox_admin\n  gather_facts: false\n  roles:\n    - role: wiki_api\n',
  'services/wiki.yml': [
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
    '  health_path: /healthz',
    'backup:',
    '  - type: postgresql',
    '    database: wiki',
    '    container_id: 150',
    '',
  ].join('\n'),
};

/** regatta in the club's own style: an `_app` role, a VMID variable, a database and a results folder. */
const CLUB_REGATTA = {
  'roles/regatta_app/defaults/main.yml': '---\n# Regatta results in container 157.\nregatta_vmid: 157\nregatta_hostname: regatta\nregatta_ip_address: "{{ network_prefix }}.57"\nregatta_http_port: 8000\n',
  'roles/regatta_app/tasks/main.yml': '---\n- name: Show the results app\n  ansible.builtin.debug:\n    msg: regatta\n',
  'playbooks/regatta-deploy.yml': '---\n- name: Regatta results\n  hosts: proxmox_admin\n  gather_facts: false\n  roles:\n    - role: regatta_app\n',
  'services/regatta.yml': [
    '# Certify definition: regatta results.',
    'name: regatta',
    'description: Regatta results and start lists',
    'container_id: 157',
    'hostname: regatta',
    'ip_address: 10.20.30.57',
    'service_port: 8000',
    'roles: [regatta_app]',
    'deploy_playbook: playbooks/regatta-deploy.yml',
    'backup:',
    '  - type: postgresql',
    '    database: regatta',
    '    container_id: 151',
    '  - type: files',
    '    paths: [/var/lib/regatta/results]',
    '',
  ].join('\n'),
};

describe('docs update after a completed certification', () => {
  test('homelab: the README row, the container-mapping row, the full-deployment import and the backup entries, each in place', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    await write(root, HOMELAB_WIKI);
    const result = await update(root, 'wiki');
    const readme = result.texts.get('README.md') as string;
    const mapping = result.texts.get('docs/container-mapping.md') as string;
    const full = result.texts.get('playbooks/full-deployment.yml') as string;
    const backup = result.texts.get(BACKUP) as string;
    assert.deepEqual(result.edits, [
      {
        kind: 'replace',
        file: 'README.md',
        // Between 162 and 165: the table is in container id order.
        range: at(lineOf(readme, '| 162 |') + 1),
        newText: '| 163 | wiki | 172.16.10.63 | `wiki_api` | https://wiki.example.net |\n',
        label: "Add wiki to the README's service list",
      },
      {
        kind: 'replace',
        file: 'docs/container-mapping.md',
        range: at(lineOf(mapping, '| 162 |') + 1),
        newText: '| 163 | wiki | 172.16.10.63:8080 | — | ✅ Automated (`wiki_api`) | Backup: ✅ |\n',
        label: "Add wiki's row to docs/container-mapping.md",
      },
      {
        kind: 'replace',
        file: 'playbooks/full-deployment.yml',
        range: at(lineOf(full, 'monitoring-deploy.yml') + 1),
        newText: '\n- name: Deploy wiki\n  ansible.builtin.import_playbook: wiki-deploy.yml\n',
        label: 'Add wiki to the full-deployment playbook (playbooks/full-deployment.yml)',
      },
      {
        kind: 'replace',
        file: BACKUP,
        range: at(lineOf(backup, '  - gitea') + 1),
        newText: '  - wiki\n',
        label: `Add wiki to the scheduled backup (${BACKUP})`,
      },
      {
        kind: 'replace',
        file: BACKUP,
        range: at(lineOf(backup, 'backup_notes_enabled: true') + 1),
        newText: 'backup_wiki_enabled: true\n',
        label: `Add wiki to the scheduled backup (${BACKUP})`,
      },
    ]);
    assert.deepEqual(result.notes, [`docs/container-mapping.md: Certify does not know wiki's "Resources"; the new row says — there, fill it in when reviewing.`]);

    await applyOnDisk(root, result);
    const again = await update(root, 'wiki');
    assert.deepEqual(again.edits, [], 'a second pass finds every entry');
    assert.deepEqual(again.notes, []);
    const backedUp = (await loadRepoForValidation(root)).model.services.find((service) => service.name === 'wiki');
    assert.deepEqual(backedUp?.backup.entries.map((entry) => entry.variable), ['backup_postgresql_databases', 'backup_wiki_enabled']);
  });

  test('clubinfra: its README columns, site.yml without blank lines, the database entry, and notes for what it lacks', async () => {
    const root = await copyRepo(CLUBINFRA);
    await write(root, CLUB_REGATTA);
    const result = await update(root, 'regatta');
    const readme = result.texts.get('README.md') as string;
    const site = result.texts.get('playbooks/site.yml') as string;
    const backup = result.texts.get(BACKUP) as string;
    assert.deepEqual(result.edits, [
      {
        kind: 'replace',
        file: 'README.md',
        // The rows are not in id order (99 follows 154): the row goes last.
        range: at(lineOf(readme, '| 156 |') + 1),
        newText: '| 157 | regatta | `regatta_app` | `playbooks/regatta-deploy.yml` |\n',
        label: "Add regatta to the README's service list",
      },
      {
        kind: 'replace',
        file: 'playbooks/site.yml',
        range: at(lineOf(site, 'monitoring-deploy.yml') + 1),
        // The imports are named in words of their own, not "Deploy …": the service's name.
        newText: '- name: regatta\n  ansible.builtin.import_playbook: regatta-deploy.yml\n',
        label: 'Add regatta to the full-deployment playbook (playbooks/site.yml)',
      },
      {
        kind: 'replace',
        file: BACKUP,
        range: at(lineOf(backup, '  - members') + 1),
        newText: '  - regatta\n',
        label: `Add regatta to the scheduled backup (${BACKUP})`,
      },
    ]);
    assert.deepEqual(result.notes, [
      'The repo has no docs/container-mapping.md: no container-mapping row was proposed for regatta.',
      `Add regatta's files /var/lib/regatta/results to ${BACKUP} by hand: Certify cannot tell which of the role's lists takes them.`,
    ]);

    await applyOnDisk(root, result);
    const again = await update(root, 'regatta');
    assert.deepEqual(again.edits, []);
    assert.deepEqual(again.notes, ['The repo has no docs/container-mapping.md: no container-mapping row was proposed for regatta.']);
  });

  test('services already documented everywhere get no edit', async () => {
    for (const service of ['gitea', 'notes', 'nextcloud']) {
      assert.deepEqual((await update(EXAMPLE_REPO, service)).edits, [], service);
    }
    // clubinfra's wiki is "Wiki.js" in its README, imported by site.yml and dumped nightly.
    for (const service of ['wiki', 'booking']) {
      const result = await update(CLUBINFRA, service);
      assert.deepEqual(result.edits, [], service);
      assert.deepEqual(result.notes, [`The repo has no docs/container-mapping.md: no container-mapping row was proposed for ${service}.`]);
    }
  });

  test('CRLF files keep CRLF: the README row and the playbook import end in CRLF, and no bare LF appears', async () => {
    const root = await copyRepo(CLUBINFRA);
    await write(root, CLUB_REGATTA);
    for (const file of ['README.md', 'playbooks/site.yml']) {
      const text = await fs.readFile(path.join(root, file), 'utf8');
      await fs.writeFile(path.join(root, file), text.replace(/\r?\n/g, '\r\n'));
    }
    const result = await update(root, 'regatta');
    const newText = new Map(result.edits.map((edit) => [edit.file, edit.kind === 'replace' ? edit.newText : undefined]));
    assert.equal(newText.get('README.md'), '| 157 | regatta | `regatta_app` | `playbooks/regatta-deploy.yml` |\r\n');
    assert.equal(newText.get('playbooks/site.yml'), '- name: regatta\r\n  ansible.builtin.import_playbook: regatta-deploy.yml\r\n');
    // The LF file beside them stays LF.
    assert.equal(newText.get(BACKUP), '  - regatta\n');
    await applyOnDisk(root, result);
    for (const file of ['README.md', 'playbooks/site.yml']) {
      const text = await fs.readFile(path.join(root, file), 'utf8');
      assert.equal(/(?<!\r)\n/.test(text), false, `${file} has only CRLF line ends`);
    }
    assert.deepEqual((await update(root, 'regatta')).edits, []);
  });
});
