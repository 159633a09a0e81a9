// What a certification certifies, on copies of both example repos: the service's role files
// (nested ones too), its playbook and definition, and its own entries in the backup and restore
// roles — never another service's entry, a role its role merely includes, or the shared roles
// as a whole. Files are hashed as the repo room reads them: a link out of the repo or a FIFO is
// named as unreadable, never followed or opened; a binary file is hashed by its bytes.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CertifiedInputs } from '../../../src/core/freshness';
import type { RepoModel, Service } from '../../../src/core/service';
import { certifiedInputs, inputsDigest, recertifyInterval } from '../../../src/repo/certifiedInputs';
import { discoverRepo } from '../../../src/repo/loadRepo';
import { copyRepo, EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';

const CLUBINFRA = path.resolve(EXAMPLE_REPO, '../clubinfra');
const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const RESTORE = 'roles/restore_infrastructure/defaults/main.yml';

async function inputsOf(root: string, name: string): Promise<CertifiedInputs> {
  const model = await discoverRepo(root);
  return certifiedInputs(model, serviceOf(model, name));
}

function serviceOf(model: RepoModel, name: string): Service {
  const service = model.services.find((candidate) => candidate.name === name);
  assert.ok(service, `no service ${name}`);
  return service;
}

async function edit(root: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(root, file);
  const text = await fs.readFile(full, 'utf8');
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `${file}: ${String(from)} not found`);
  await fs.writeFile(full, changed);
}

const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('certified inputs: homelab', () => {
  test('notes: every file of its role (nested ones too), its playbook, its definition and its own backup and restore entries', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const inputs = await inputsOf(root, 'notes');
    const names = Object.keys(inputs.files);
    for (const file of [
      'playbooks/notes-deploy.yml',
      'services/notes.yml',
      'roles/notes_api/defaults/main.yml',
      'roles/notes_api/tasks/main.yml',
      'roles/notes_api/templates/notes.conf.j2',
      'roles/notes_api/files/notes/api.py',
      'roles/notes_api/README.md',
    ]) {
      assert.equal(inputs.files[file], sha256(await fs.readFile(path.join(root, file))), file);
    }
    assert.ok(names.includes(`${BACKUP}#backup_notes_enabled`));
    assert.ok(names.includes(`${BACKUP}#backup_notes_attachments_dir`));
    assert.ok(names.includes(`${RESTORE}#restore_notes_enabled`));
    // A health check keyed by the service in a map coverage does not count is still its entry.
    assert.ok(names.includes(`${RESTORE}#restore_health_checks.notes`));
    // Its own task files in the shared roles, and the scripts that make and check Step 5's data.
    for (const [name, file] of [
      ['roles/backup_infrastructure/tasks/notes.yml#tasks', 'roles/backup_infrastructure/tasks/notes.yml'],
      ['roles/restore_infrastructure/tasks/notes.yml#tasks', 'roles/restore_infrastructure/tasks/notes.yml'],
      ['scripts/populate-notes-testdata.sh#test-data', 'scripts/populate-notes-testdata.sh'],
      ['scripts/verify-notes-testdata.sh#test-data', 'scripts/verify-notes-testdata.sh'],
    ]) {
      assert.equal(inputs.files[name], sha256(await fs.readFile(path.join(root, file))), name);
    }
    assert.ok(!names.some((name) => /_infrastructure\/tasks\/(main|collect|docker)\.yml/.test(name)), 'the shared roles’ own task files are not the service’s');
    assert.deepEqual(names.filter((name) => name.startsWith('roles/') && !name.startsWith('roles/notes_api/') && !name.includes('#')), [], 'no other role’s files');
    assert.ok(!names.some((name) => name.includes('gitea') || name.includes('nextcloud')), names.join('\n'));
    assert.equal(inputs.digest, inputsDigest(inputs.files));
    assert.deepEqual(names, [...names].sort(), 'names in order');
    assert.equal(inputs.unreadable, undefined);
  });

  test('the same repo gives the same inputs; one changed byte anywhere in the role changes its file’s digest alone', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const before = await inputsOf(root, 'notes');
    assert.deepEqual(await inputsOf(root, 'notes'), before);
    await edit(root, 'roles/notes_api/files/notes/store.py', /$/, '\n# x\n');
    const after = await inputsOf(root, 'notes');
    assert.notEqual(after.digest, before.digest);
    const changed = Object.keys(before.files).filter((name) => before.files[name] !== after.files[name]);
    assert.deepEqual(changed, ['roles/notes_api/files/notes/store.py']);
  });

  test('a list shared by services: each service hashes only its own items', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const nextcloud = await inputsOf(root, 'nextcloud');
    const vaultwarden = await inputsOf(root, 'vaultwarden');
    const entry = `${BACKUP}#backup_docker_containers`;
    assert.ok(nextcloud.files[entry] && vaultwarden.files[entry]);
    assert.notEqual(nextcloud.files[entry], vaultwarden.files[entry]);
    await edit(root, BACKUP, '      - "/opt/vaultwarden/data"', '      - "/opt/vaultwarden/data"\n      - "/opt/vaultwarden/attachments"');
    assert.deepEqual(await inputsOf(root, 'nextcloud'), nextcloud, 'nextcloud unchanged by vaultwarden’s item');
    assert.notEqual((await inputsOf(root, 'vaultwarden')).files[entry], vaultwarden.files[entry]);
  });

  test('a map keyed by path: gitea hashes its own config source, not monitoring’s', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const gitea = await inputsOf(root, 'gitea');
    assert.ok(gitea.files[`${BACKUP}#backup_config_sources./etc/gitea/app.ini`]);
    assert.ok(gitea.files[`${BACKUP}#backup_postgresql_databases`]);
    await edit(root, BACKUP, 'host: monitoring_container', 'host: prometheus_container');
    assert.deepEqual(await inputsOf(root, 'gitea'), gitea);
  });

  test('a role the playbook applies through include_role counts; a role file out of the repo or a FIFO is named, never read', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const nextcloud = await inputsOf(root, 'nextcloud');
    assert.ok(nextcloud.files['roles/nextcloud_api/tasks/main.yml'], 'nextcloud-deploy.yml includes nextcloud_api');

    const outside = await makeRepo({ 'secret.txt': 'not to be read' });
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'roles/notes_api/files/linked.txt'));
    execFileSync('mkfifo', [path.join(root, 'roles/notes_api/files/pipe')]);
    await fs.writeFile(path.join(root, 'roles/notes_api/files/logo.bin'), Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    const inputs = await inputsOf(root, 'notes');
    assert.match(inputs.unreadable?.['roles/notes_api/files/linked.txt'] ?? '', /leads outside the repo/);
    assert.match(inputs.unreadable?.['roles/notes_api/files/pipe'] ?? '', /FIFO, not a regular file/);
    assert.equal(inputs.files['roles/notes_api/files/linked.txt'], undefined);
    assert.equal(inputs.files['roles/notes_api/files/pipe'], undefined);
    assert.equal(inputs.files['roles/notes_api/files/logo.bin'], sha256(Buffer.from([0xff, 0xfe, 0x00, 0x80])), 'a binary file is hashed by its bytes');
  });

  test('an editor’s swap and backup files, OS caches and compiled Python are not the role’s files', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const before = await inputsOf(root, 'notes');
    for (const noise of ['defaults/.main.yml.swp', 'defaults/main.yml~', 'tasks/.#main.yml', '.DS_Store', 'files/notes/__pycache__/api.cpython-311.pyc']) {
      await fs.mkdir(path.dirname(path.join(root, 'roles/notes_api', noise)), { recursive: true });
      await fs.writeFile(path.join(root, 'roles/notes_api', noise), 'x');
    }
    assert.deepEqual(await inputsOf(root, 'notes'), before);
  });

  test('a role folder linked inside the repo is walked once, however the links loop', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    await fs.symlink('..', path.join(root, 'roles/notes_api/files/up'));
    const inputs = await inputsOf(root, 'notes');
    assert.ok(inputs.files['roles/notes_api/defaults/main.yml']);
    assert.ok(!Object.keys(inputs.files).some((name) => name.includes('/up/up/')), 'the loop is not followed again');
  });
});

describe('certified inputs: clubinfra (INI inventory, maps by container id, a restore loop)', () => {
  test('wiki: its role and the update role its playbook applies, not the container role its role includes; its map entries by container id', async () => {
    const root = await copyRepo(CLUBINFRA);
    const inputs = await inputsOf(root, 'wiki');
    const names = Object.keys(inputs.files);
    assert.ok(names.includes('services/wiki.yml'));
    assert.ok(names.includes('playbooks/wiki-deploy.yml'));
    assert.ok(names.includes('roles/wikijs/templates/config.yml.j2'));
    assert.ok(names.includes('roles/unattended_upgrades/tasks/main.yml'), 'the playbook applies unattended_upgrades');
    assert.ok(!names.some((name) => name.startsWith('roles/proxmox_lxc/')), 'proxmox_lxc is included by the role’s tasks: a shared building block');
    assert.ok(names.includes(`${BACKUP}#backup_containers.152`));
    assert.ok(names.includes(`${RESTORE}#restore_container_hosts.152`));
    assert.ok(names.includes(`${BACKUP}#backup_postgresql_databases`));
    assert.ok(names.includes('roles/restore_infrastructure/tasks/main.yml#restore-loop'), 'the restore loop restores it');
    assert.ok(!names.some((name) => /backup_containers\.(135|154)/.test(name)));
  });

  test('members: a definition-less service with .yaml files; booking: a .yaml definition and its entry under a wrong container id', async () => {
    const root = await copyRepo(CLUBINFRA);
    const members = await inputsOf(root, 'members');
    assert.ok(members.files['playbooks/members-deploy.yaml']);
    assert.ok(members.files['roles/members_app/tasks/install.yaml']);
    assert.ok(members.files[`${BACKUP}#backup_containers.154`]);
    const booking = await inputsOf(root, 'booking');
    assert.ok(booking.files['services/booking.yaml']);
    // backup_containers keys booking under 135 (not its 153): the entry still names it.
    assert.ok(booking.files[`${BACKUP}#backup_containers.135`]);
    assert.ok(booking.files[`${RESTORE}#restore_container_hosts.153`]);
  });

  test('editing another service’s entry leaves wiki’s inputs as they were; editing its own changes that entry alone', async () => {
    const root = await copyRepo(CLUBINFRA);
    const wiki = await inputsOf(root, 'wiki');
    await edit(root, BACKUP, '      - /srv/members/media', '      - /srv/members/media\n      - /srv/members/static');
    await edit(root, BACKUP, '  - members\n', '  - members\n  - booking\n');
    await edit(root, RESTORE, '  153: booking', '  153: boats');
    assert.deepEqual(await inputsOf(root, 'wiki'), wiki);
    await edit(root, BACKUP, '      - /var/lib/wikijs/data', '      - /var/lib/wikijs/data\n      - /var/lib/wikijs/uploads');
    const after = await inputsOf(root, 'wiki');
    assert.deepEqual(
      Object.keys(wiki.files).filter((name) => wiki.files[name] !== after.files[name]),
      [`${BACKUP}#backup_containers.152`],
    );
  });
});

describe('recertify interval', () => {
  test('read from certify.yml (certify.yaml where it is missing); absent or not a whole number of days: none', async () => {
    assert.equal(await recertifyInterval(await makeRepo({ 'certify.yml': 'recertify_after_days: 90\n' })), 90);
    assert.equal(await recertifyInterval(await makeRepo({ 'certify.yaml': 'recertify_after_days: 30\n' })), 30);
    assert.equal(await recertifyInterval(await makeRepo({ 'certify.yml': 'rules: {}\n' })), undefined);
    assert.equal(await recertifyInterval(await makeRepo({ 'certify.yml': 'recertify_after_days: 0\n' })), undefined);
    assert.equal(await recertifyInterval(await makeRepo({ 'certify.yml': 'recertify_after_days: "90"\n' })), undefined);
    assert.equal(await recertifyInterval(await makeRepo({ 'certify.yml': 'recertify_after_days: [\n' })), undefined);
    assert.equal(await recertifyInterval(await makeRepo({ 'services/x.yml': 'name: x\n' })), undefined);
  });
});
