// Holds every reader, watcher and classifier, and the manifest, to the one repo layout
// (src/repo/layout.ts): a path one of them knows is known to all of them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { minimatch } from 'minimatch';
import { validateRepo } from '../../../src/check/validateRepo';
import {
  ACTIVATION_GLOBS,
  checkKindOf,
  inventoryFileOf,
  isDiscoveryFile,
  isIniInventory,
  isValidationFile,
  lintKindOf,
  RECORD_WATCH_GLOB,
  recordService,
  REPO_MARKERS,
  repoFileKind,
  SCHEMA_FILE_MATCH,
  WATCH_GLOB,
  type RepoFileKind,
} from '../../../src/repo/layout';
import { discoverRepo, loadRepoForValidation } from '../../../src/repo/loadRepo';
import { RepoIndex } from '../../../src/repo/repoIndex';
import { makeRepo } from '../helpers/tempRepo';

const ROOT = path.resolve(__dirname, '../../..');

/** INI inventories: Ansible reads them, but they are not YAML, so neither schema check nor lint sees them. */
const INI_SAMPLES = new Set(['inventory/hosts', 'inventory/hosts.ini', 'inventory/production', 'hosts', 'hosts.ini']);

/** Paths of every kind, including the ones readers used to disagree on. */
const SAMPLES: [string, RepoFileKind | undefined][] = [
  ['certify.yml', 'settings'],
  ['certify.yaml', 'settings'],
  ['services/gitea.yml', 'definition'],
  ['services/gitea.yaml', 'definition'],
  ['services/nested/gitea.yml', undefined],
  ['playbooks/gitea-deploy.yml', 'playbook'],
  ['playbooks/site.yaml', 'playbook'],
  ['roles/gitea_api/tasks/main.yml', 'role-yaml'],
  ['roles/gitea_api/defaults/main.yaml', 'role-yaml'],
  ['roles/gitea_api/meta/main.yml', 'role-yaml'],
  ['roles/gitea_api/templates/app.ini.j2', undefined],
  ['roles/gitea_api/README.md', 'role-readme'],
  ['inventory/hosts.yml', 'inventory'],
  ['inventory/production.yaml', 'inventory'],
  ['hosts.yml', 'inventory'],
  ['hosts.yaml', 'inventory'],
  ['inventory/hosts', 'inventory'],
  ['inventory/hosts.ini', 'inventory'],
  ['inventory/production', 'inventory'],
  ['hosts', 'inventory'],
  ['hosts.ini', 'inventory'],
  ['inventory/README.md', undefined],
  ['group_vars/all.yml', 'vars'],
  ['group_vars/all/vault.yml', 'vars'],
  ['inventory/group_vars/all/main.yaml', 'vars'],
  ['playbooks/group_vars/web.yml', 'vars'],
  ['playbooks/host_vars/pve.yml', 'vars'],
  ['inventory/host_vars/pve.yml', 'vars'],
  ['group_vars/all/vault.yml.example', 'vars-doc'],
  ['README.md', 'doc'],
  ['ansible.cfg', 'doc'],
  ['docs/backup.md', 'doc'],
  ['docs/runbooks/restore.md', 'doc'],
  ['.certify/gitea/record.json', 'record'],
  ['scripts/populate-gitea-testdata.sh', undefined],
  ['src/index.ts', undefined],
];

describe('repo layout', () => {
  test('classifies each kind of path, and the readers and checks follow the classification', () => {
    for (const [file, kind] of SAMPLES) {
      assert.equal(repoFileKind(file), kind, file);
      assert.equal(isValidationFile(file), kind !== undefined && kind !== 'record', `validation reads ${file}`);
      const ansibleYaml = ['playbook', 'role-yaml', 'inventory', 'vars'].includes(kind ?? '') && !INI_SAMPLES.has(file);
      const expectedCheck = kind === 'definition' ? 'service-definition' : kind === 'settings' ? 'settings' : ansibleYaml ? 'ansible' : 'other';
      assert.equal(checkKindOf(file), expectedCheck, `check kind of ${file}`);
      // Lint sees exactly the Ansible files the schema-or-lint classifier calls Ansible.
      assert.equal(lintKindOf(file) !== undefined, expectedCheck === 'ansible', `lint sees ${file}`);
    }
  });

  test('discovery files are validation files', () => {
    const discovered = SAMPLES.map(([file]) => file).filter(isDiscoveryFile);
    assert.ok(discovered.includes('hosts.yml') && discovered.includes('certify.yaml') && discovered.includes('group_vars/all/vault.yml'));
    assert.ok(discovered.includes('inventory/hosts') && discovered.includes('hosts.ini'), 'INI inventories are read by discovery');
    for (const file of discovered) assert.ok(isValidationFile(file), file);
  });

  test('discovery reads the first inventory that exists, YAML before INI, inventory/ before the root', () => {
    const first = (...files: string[]): string | undefined => inventoryFileOf((candidate) => files.includes(candidate));
    assert.equal(first('inventory/hosts', 'hosts.yml'), 'hosts.yml');
    assert.equal(first('hosts.ini', 'inventory/hosts'), 'inventory/hosts');
    assert.equal(first('hosts', 'hosts.ini'), 'hosts');
    assert.equal(first('inventory/production'), undefined, 'other inventory files are validated, not read for the Proxmox host');
    for (const file of INI_SAMPLES) assert.ok(isIniInventory(file), file);
    for (const file of ['inventory/hosts.yml', 'hosts.yaml', 'inventory/group_vars/all.yml']) assert.ok(!isIniInventory(file), file);
  });

  test('the extension watches every path the layout knows, and nothing of a record but record.json', () => {
    for (const [file, kind] of SAMPLES) {
      if (kind === undefined || kind === 'record') continue;
      assert.ok(minimatch(file, WATCH_GLOB, { dot: true }), `the watcher misses ${file}`);
    }
    assert.ok(minimatch('scripts/populate-gitea-testdata.sh', WATCH_GLOB), 'scripts are listed by discovery, so they are watched');
    assert.ok(minimatch('.certify/gitea/record.json', RECORD_WATCH_GLOB, { dot: true }));
    assert.ok(!minimatch('.certify/gitea/lock', RECORD_WATCH_GLOB, { dot: true }));
    // A service's folder in the store: made with its record or deleted with it, its event may be the only one.
    assert.ok(minimatch('.certify/gitea', RECORD_WATCH_GLOB, { dot: true }));
    assert.equal(recordService('.certify/gitea'), 'gitea');
    assert.equal(recordService('.certify/gitea/record.json'), 'gitea');
    assert.equal(recordService('.certify/gitea/runs'), undefined);
    assert.equal(recordService('.certify/gitea/history/2026.json'), undefined);
  });

  test("package.json's activation events and schema associations are the layout's", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { yamlValidation: { fileMatch: string[]; url: string }[] };
    };
    assert.deepEqual(manifest.activationEvents.filter((event) => event.startsWith('workspaceContains:')).sort(), ACTIVATION_GLOBS.map((glob) => `workspaceContains:${glob}`).sort());
    const bySchema = Object.fromEntries(manifest.contributes.yamlValidation.map((entry) => [path.basename(entry.url, '.schema.json'), [...entry.fileMatch].sort()]));
    assert.deepEqual(bySchema, { service: [...SCHEMA_FILE_MATCH.service].sort(), certify: [...SCHEMA_FILE_MATCH.certify].sort() });
    // Each activation glob names files the layout knows, so an activated folder has something to show.
    for (const glob of ACTIVATION_GLOBS) {
      const example = glob.replace('*', 'gitea');
      assert.ok(isDiscoveryFile(example), `${glob} activates on a file discovery does not read`);
    }
    for (const marker of REPO_MARKERS) assert.ok(ACTIVATION_GLOBS.some((glob) => glob === marker || glob.startsWith(`${marker}/`)), `${marker} finds a repo but does not activate`);
  });

  test('a root hosts.yml and a certify.yaml are read by discovery and validation alike', async () => {
    const root = await makeRepo({
      'certify.yaml': 'rules:\n  state-latest: off\n',
      'hosts.yml': 'proxmox_admin:\n  hosts:\n    pve:\n      ansible_host: 127.0.0.1\nall:\n  vars:\n    domain: example.test\n',
      'playbooks/web-deploy.yml': '- hosts: proxmox_admin\n  roles: [web_api]\n',
      'roles/web_api/defaults/main.yml': 'web_container_id: 120\nweb_hostname: "web.{{ domain }}"\n',
      'roles/web_api/tasks/main.yml': '- name: Install\n  ansible.builtin.apt:\n    name: nginx\n    state: latest\n',
    });
    const model = await discoverRepo(root);
    assert.equal(model.proxmoxHost?.name, 'pve', 'the root inventory names the Proxmox host');
    const web = model.services.find((service) => service.name === 'web');
    assert.equal(web?.facts.hostname?.kind === 'known' ? web.facts.hostname.value : undefined, 'web.example.test', 'all.vars of the root inventory resolve templates');

    const loaded = await loadRepoForValidation(root);
    assert.ok(loaded.texts.has('hosts.yml') && loaded.texts.has('certify.yaml'));
    const context = validateRepo({ snapshot: loaded.snapshot, model: loaded.model, texts: loaded.texts, readFindings: loaded.readFindings }, loaded.cache);
    // certify.yaml's rules apply: state-latest is off.
    assert.deepEqual(context.findings.filter((finding) => finding.ruleId === 'state-latest'), []);
  });

  test('the live index follows a change of which settings file or inventory the repo uses', async () => {
    const { promises: fs } = await import('node:fs');
    const root = await makeRepo({
      'inventory/hosts.yml': 'proxmox_admin:\n  hosts:\n    first:\n      ansible_host: 127.0.0.1\n',
      'hosts.yml': 'proxmox_admin:\n  hosts:\n    second:\n      ansible_host: 127.0.0.2\n',
      'services/web.yml': 'name: web\ncontainer_id: 120\n',
    });
    const index = await RepoIndex.open(root);
    assert.equal(index.model.proxmoxHost?.name, 'first');
    await fs.rm(path.join(root, 'inventory/hosts.yml'));
    assert.equal(await index.fileChanged('inventory/hosts.yml'), true);
    assert.equal(index.model.proxmoxHost?.name, 'second', 'with inventory/hosts.yml gone, the root hosts.yml is the inventory');
  });
});
