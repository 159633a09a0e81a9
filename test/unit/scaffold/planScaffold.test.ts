// planScaffold: the files of a new service (never one that exists), the repo's conventions
// followed, and precise edits proposed for the backup/restore defaults and the inventory.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { validateYamlDocument } from '../../../src/check/schema';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { planScaffold, type ScaffoldPlan } from '../../../src/scaffold';
import { plannedPaths } from '../../../src/scaffold/names';
import { EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';
import { applyToText, request } from './helpers';

type Loaded = Awaited<ReturnType<typeof loadRepoForValidation>>;
let example: Loaded;
const none = (): boolean => false;
const contentOf = (plan: ScaffoldPlan, file: string): string => {
  const found = plan.create.find((planned) => planned.file === file);
  assert.ok(found, `${file} is planned`);
  return found.content;
};
const insert = (file: string, line: number, newText: string) => ({
  kind: 'replace' as const,
  file,
  range: { start: { line, column: 1 }, end: { line, column: 1 } },
  newText,
});

/** A small repo: site vars, an inventory, and whatever else a test adds. */
async function smallRepo(extra: Record<string, string> = {}, vars = 'proxmox_api_host: "10.0.0.1"\nproxmox_api_user: "root@pam"\nproxmox_api_password: "{{ vault_pve }}"\n'): Promise<Loaded> {
  const root = await makeRepo({
    'inventory/group_vars/all/vars.yml': vars,
    'inventory/hosts.yml': 'all:\n  children:\n    proxmox_admin:\n      hosts:\n        pve:\n          ansible_host: 10.0.0.1\n    lxc:\n      hosts:\n        app_container:\n          ansible_host: 10.0.0.20\n',
    ...extra,
  });
  return loadRepoForValidation(root);
}

describe('planScaffold', () => {
  before(async () => {
    example = await loadRepoForValidation(EXAMPLE_REPO);
  });

  test('the API-first layout: role, playbook, definition and executable test data scripts', () => {
    const systemd = planScaffold(request({ backupType: 'redis' }), example, none);
    assert.deepEqual(
      systemd.create.map((file) => `${file.file}${file.executable ? ' +x' : ''}`),
      [
        'roles/wiki_api/defaults/main.yml',
        'roles/wiki_api/tasks/main.yml',
        'roles/wiki_api/handlers/main.yml',
        'roles/wiki_api/templates/wiki.env.j2',
        'roles/wiki_api/templates/wiki.service.j2',
        'roles/wiki_api/README.md',
        'playbooks/wiki-deploy.yml',
        'services/wiki.yml',
        'scripts/populate-wiki-testdata.sh +x',
        'scripts/verify-wiki-testdata.sh +x',
      ],
    );
    assert.deepEqual(systemd.create.map((file) => file.file), plannedPaths(request({ backupType: 'redis' })), 'checkRequest looks for the same files');
    // A Docker service has no unit of its own.
    const docker = planScaffold(request({ backupType: 'files' }), example, none);
    assert.ok(!docker.create.some((file) => file.file.endsWith('.service.j2')));
    assert.deepEqual(docker.create.map((file) => file.file), plannedPaths(request({ backupType: 'files' })));
  });

  test('never plans a file that exists: it is listed as skipped and named in the notes', () => {
    const exists = (file: string): boolean => file === 'roles/wiki_api/defaults/main.yml' || file === 'scripts/populate-wiki-testdata.sh';
    const plan = planScaffold(request(), example, exists);
    assert.deepEqual(plan.skipped, ['roles/wiki_api/defaults/main.yml', 'scripts/populate-wiki-testdata.sh']);
    assert.ok(!plan.create.some((file) => exists(file.file)));
    assert.equal(plan.create.length, 8);
    assert.ok(plan.notes.includes('Left alone because they exist: roles/wiki_api/defaults/main.yml, scripts/populate-wiki-testdata.sh.'));
  });

  test('the role: container facts Certify reads, the repo\'s Proxmox variables, SSH key recorded, uri health check', () => {
    const plan = planScaffold(request(), example, none);
    const defaults = parse(contentOf(plan, 'roles/wiki_api/defaults/main.yml'), { version: '1.1' }) as Record<string, unknown>;
    assert.deepEqual(
      [defaults.wiki_container_id, defaults.wiki_hostname, defaults.wiki_ip_address, defaults.wiki_service_port, defaults.wiki_domain, defaults.wiki_db_name],
      [163, 'wiki', '172.16.10.63', 8080, 'wiki.{{ domain }}', 'wiki'],
    );
    const tasks = contentOf(plan, 'roles/wiki_api/tasks/main.yml');
    const parsed = parse(tasks, { version: '1.1' }) as Record<string, unknown>[];
    const modules = parsed.map((task) => Object.keys(task).find((key) => key.includes('.') || key === 'block'));
    assert.deepEqual(modules, [
      'ansible.builtin.wait_for',
      'community.postgresql.postgresql_user',
      'community.postgresql.postgresql_db',
      'community.general.proxmox',
      'community.general.proxmox',
      'ansible.builtin.wait_for',
      'ansible.builtin.command',
      'ansible.builtin.known_hosts',
      'block',
      'ansible.builtin.meta',
      'ansible.builtin.uri',
    ]);
    assert.match(tasks, /api_token_id: "\{\{ proxmox_api_token_id \}\}"/);
    assert.match(tasks, /validate_certs: "\{\{ proxmox_api_validate_certs \}\}"/);
    assert.doesNotMatch(tasks, /StrictHostKeyChecking|host_key_checking|pct /);
    assert.deepEqual(parsed[parsed.length - 1]['ansible.builtin.uri'], {
      url: 'http://{{ wiki_ip_address }}:{{ wiki_service_port }}{{ wiki_health_path }}',
      method: 'GET',
      status_code: 200,
    });
    const block = parsed[8] as { delegate_to: string; block: Record<string, unknown>[] };
    assert.equal(block.delegate_to, 'wiki_container');
    assert.ok(block.block.some((task) => 'ansible.builtin.apt' in task && (task['ansible.builtin.apt'] as { state: string }).state === 'present'));
    assert.ok(block.block.some((task) => 'ansible.builtin.systemd' in task));
  });

  test('the definition is valid against the service schema for every backup type, with and without a domain', async () => {
    const bare = await smallRepo();
    for (const repo of [example, bare]) {
      for (const backupType of ['postgresql', 'redis', 'files', 'none'] as const) {
        const plan = planScaffold(request({ backupType, ipAddress: repo === example ? '172.16.10.63' : '10.0.0.63' }), repo, none);
        const text = contentOf(plan, 'services/wiki.yml');
        assert.deepEqual(validateYamlDocument('services/wiki.yml', text, 'service').findings, [], `${backupType}:\n${text}`);
        const definition = parse(text) as { external?: unknown; backup: unknown[] };
        assert.equal(definition.external !== undefined, repo === example);
      }
    }
  });

  test('proposed edits on examples/homelab: after the last related entry, with the file\'s indentation', () => {
    const backup = 'roles/backup_infrastructure/defaults/main.yml';
    const restore = 'roles/restore_infrastructure/defaults/main.yml';
    const health = '  wiki: "http://{{ hostvars[\'wiki_container\'][\'ansible_host\'] }}:8080/"\n';
    const host = '        wiki_container:\n          ansible_host: 172.16.10.63\n          container_id: 163\n';
    assert.deepEqual(planScaffold(request(), example, none).proposedEdits, [
      insert(backup, 18, '  - wiki\n'), // after "  - gitea" of backup_postgresql_databases
      insert(backup, 55, 'backup_wiki_enabled: true\n'), // after backup_notes_enabled
      insert(restore, 19, '  - wiki\n'),
      insert(restore, 39, health),
      insert(restore, 48, 'restore_wiki_enabled: true\n'), // after restore_notes_enabled, the file's last line
      insert('inventory/hosts.yml', 39, host),
      insert(
        'inventory/group_vars/all/vault.yml.example',
        36,
        '\n# --- Wiki (roles/wiki_api) --------------------------------------------------\n# Password of the `wiki` PostgreSQL role (wiki_db_password).\nvault_wiki_db_password: "CHANGE_ME"\n',
      ),
    ]);
    const files = planScaffold(request({ backupType: 'files' }), example, none).proposedEdits.filter((edit) => edit.file === backup);
    assert.deepEqual(files, [
      insert(backup, 31, '  - container_id: 163\n    name: wiki\n    volumes:\n      - "/opt/wiki/data"\n'),
      insert(backup, 55, 'backup_wiki_enabled: true\n'),
    ]);
    const redis = planScaffold(request({ backupType: 'redis' }), example, none).proposedEdits.filter((edit) => edit.file === backup);
    assert.deepEqual(redis, [
      insert(backup, 31, '\n# --- Redis: RDB snapshot (redis-cli SAVE); inventory host <name>_container ---\nbackup_redis_instances:\n  - container_id: 163\n    name: wiki\n    rdb_path: /var/lib/redis/dump.rdb\n'),
      insert(backup, 55, 'backup_wiki_enabled: true\n'),
    ]);
    assert.deepEqual(planScaffold(request({ backupType: 'none' }), example, none).proposedEdits.map((edit) => edit.file), ['inventory/hosts.yml']);
  });

  test('applied, the edits leave YAML that reads as intended', () => {
    const plan = planScaffold(request({ backupType: 'files' }), example, none);
    const file = 'roles/restore_infrastructure/defaults/main.yml';
    const edits = plan.proposedEdits.filter((edit): edit is Extract<typeof edit, { kind: 'replace' }> => edit.file === file && edit.kind === 'replace');
    const after = parse(applyToText(example.texts.get(file) ?? '', edits), { version: '1.1' }) as Record<string, unknown>;
    assert.equal(after.restore_wiki_enabled, true);
    assert.deepEqual((after.restore_docker_containers as unknown[]).at(-1), { container_id: 163, name: 'wiki', volumes: ['/opt/wiki/data'] });
    assert.equal((after.restore_health_checks as Record<string, string>).wiki, "http://{{ hostvars['wiki_container']['ansible_host'] }}:8080/");
  });

  test('a missing defaults file gets a create edit; a flow list is left to the person with a note', async () => {
    const repo = await smallRepo({
      'roles/backup_infrastructure/defaults/main.yml': '---\nbackup_app_enabled: true\nbackup_docker_containers: [{container_id: 120, name: app, volumes: ["/opt/app"]}]\n',
      'roles/backup_infrastructure/tasks/main.yml': '---\n',
    });
    const plan = planScaffold(request({ backupType: 'files', ipAddress: '10.0.0.63' }), repo, none);
    const create = plan.proposedEdits.find((edit) => edit.file === 'roles/restore_infrastructure/defaults/main.yml');
    assert.deepEqual(create, {
      kind: 'create',
      file: 'roles/restore_infrastructure/defaults/main.yml',
      content:
        '---\n# Defaults of restore_infrastructure (Step 4 of the service workflow).\nrestore_wiki_enabled: true\n\n' +
        '# --- Docker volumes: tar.gz, Docker container stopped while archiving ---\nrestore_docker_containers:\n  - container_id: 163\n    name: wiki\n    volumes:\n      - "/opt/wiki/data"\n\n' +
        'restore_health_checks:\n  wiki: "http://{{ hostvars[\'wiki_container\'][\'ansible_host\'] }}:8080/"\n',
    });
    // The flow list is not rewritten; the toggle still goes after the last service toggle.
    assert.deepEqual(plan.proposedEdits.filter((edit) => edit.file === 'roles/backup_infrastructure/defaults/main.yml'), [
      insert('roles/backup_infrastructure/defaults/main.yml', 3, 'backup_wiki_enabled: true\n'),
    ]);
    assert.ok(plan.notes.some((note) => note.startsWith('backup_docker_containers in roles/backup_infrastructure/defaults/main.yml is not a block list')));
  });

  test('follows the repo: password auth, community.proxmox, no domain; lists missing site variables', async () => {
    const repo = await smallRepo({ 'roles/other/tasks/main.yml': '- community.proxmox.proxmox:\n    vmid: 1\n' });
    const plan = planScaffold(request({ backupType: 'none', ipAddress: '10.0.0.63' }), repo, none);
    const tasks = contentOf(plan, 'roles/wiki_api/tasks/main.yml');
    assert.match(tasks, /community\.proxmox\.proxmox:/);
    assert.match(tasks, /api_password: "\{\{ proxmox_api_password \}\}"/);
    assert.doesNotMatch(tasks, /api_token_id|validate_certs|searchdomain|nameserver|password: "\{\{ container_root_password/);
    assert.match(tasks, /pubkey: "\{\{ lookup\('ansible.builtin.file', wiki_ssh_public_key_file\) \}\}"/);
    assert.doesNotMatch(contentOf(plan, 'roles/wiki_api/defaults/main.yml'), /wiki_domain/);
    assert.ok(plan.notes.includes('Define proxmox_node, proxmox_storage, proxmox_ostemplate, proxmox_bridge, network_cidr, network_gateway in group_vars/all: the role creates the container with them.'));
    // The inventory host goes into the group of *_container hosts.
    assert.deepEqual(plan.proposedEdits, [insert('inventory/hosts.yml', 11, '        wiki_container:\n          ansible_host: 10.0.0.63\n')]);
  });

  test('names: dashes become underscores in Ansible names, underscores dashes in hostnames; YAML-unsafe names are quoted', () => {
    const plan = planScaffold(request({ name: 'home-assistant', backupType: 'files' }), example, none);
    assert.ok(plan.create.some((file) => file.file === 'roles/home_assistant_api/tasks/main.yml'));
    assert.ok(plan.create.some((file) => file.file === 'playbooks/home-assistant-deploy.yml'));
    const defaults = parse(contentOf(plan, 'roles/home_assistant_api/defaults/main.yml'), { version: '1.1' }) as Record<string, unknown>;
    assert.equal(defaults.home_assistant_hostname, 'home-assistant');
    assert.equal(defaults.home_assistant_docker_name, 'home_assistant');
    assert.equal(defaults.home_assistant_domain, 'home-assistant.{{ domain }}');

    const unsafe = planScaffold(request({ name: 'on', backupType: 'files' }), example, none);
    const onDefaults = parse(contentOf(unsafe, 'roles/on_api/defaults/main.yml'), { version: '1.1' }) as Record<string, unknown>;
    assert.equal(onDefaults.on_hostname, 'on');
    assert.equal(onDefaults.on_docker_name, 'on');
    const tasks = parse(contentOf(unsafe, 'roles/on_api/tasks/main.yml'), { version: '1.1' }) as Record<string, { tags?: unknown }>[];
    assert.deepEqual(tasks[0]['community.general.proxmox'].tags, ['ansible', 'docker', 'on']);
  });

  test('refuses a name that is not a service name (it would become paths)', () => {
    assert.throws(() => planScaffold(request({ name: '../evil' }), example, none), /Cannot scaffold "\.\.\/evil": not a service name/);
  });

  test('redis: the notes say the backup role has no tasks for the Redis entries yet', () => {
    const plan = planScaffold(request({ backupType: 'redis' }), example, none);
    assert.ok(plan.notes.some((note) => note.startsWith('No tasks read the Redis entries yet: add them to backup_infrastructure')));
  });
});
