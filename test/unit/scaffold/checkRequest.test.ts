// checkRequest: a New Service request is refused, with a message saying what to change, when its
// name, id, address or port is unusable or already taken, or its files already exist.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { checkRequest, type ScaffoldRequest } from '../../../src/scaffold';
import { EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';
import { request } from './helpers';

type Loaded = Awaited<ReturnType<typeof loadRepoForValidation>>;
let repo: Loaded;
const none = (): boolean => false;
const check = (overrides: Partial<ScaffoldRequest>, exists: (file: string) => boolean = none): string[] =>
  checkRequest(request(overrides), repo.model, exists, repo.texts);

describe('checkRequest on examples/homelab', () => {
  before(async () => {
    repo = await loadRepoForValidation(EXAMPLE_REPO);
  });

  test('a good request passes, for every backup type', () => {
    for (const backupType of ['postgresql', 'redis', 'files', 'none'] as const) assert.deepEqual(check({ backupType }), []);
    assert.deepEqual(check({ name: 'home-assistant', backupType: 'files' }), []);
  });

  test('names: the pattern, a hostname-friendly end, at most 63 characters', () => {
    for (const name of ['Wiki', '-wiki', 'wiki.app', '', 'a'.repeat(64), 'wi ki']) {
      assert.deepEqual(check({ name }), [
        `Name "${name}" is not usable: use lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters (e.g. "wiki" or "home-assistant").`,
      ]);
    }
    assert.deepEqual(check({ name: 'wiki-', backupType: 'files' }), ["Name \"wiki-\" ends with '-': end it with a letter or digit, so it can be the container's hostname."]);
  });

  test('a name already taken, or one that shares its role and variables with another service', () => {
    // Its files exist too, but the taken name says it all.
    assert.deepEqual(check({ name: 'gitea', backupType: 'none' }, () => true), ['A service named gitea already exists (services/gitea.yml): pick another name.']);
  });

  test('token clash: "my-app" and "my_app" would share my_app_api', async () => {
    const root = await makeRepo({ 'playbooks/my_app-deploy.yml': '- hosts: proxmox_admin\n  roles: [my_app_api]\n' });
    const other = await loadRepoForValidation(root);
    assert.deepEqual(checkRequest(request({ name: 'my-app', backupType: 'none', ipAddress: '10.0.0.5' }), other.model, none, other.texts), [
      "my-app would share the role my_app_api and its variables with the service my_app: pick a name that differs in more than '-' and '_'.",
    ]);
  });

  test('container id: range, and collisions with services, inventory hosts and backup entries', () => {
    assert.deepEqual(check({ containerId: 99 }), ['Container id 99 is out of range: Proxmox ids are whole numbers from 100 to 999999999 (e.g. 163).']);
    assert.deepEqual(check({ containerId: 16.5 }), ['Container id 16.5 is out of range: Proxmox ids are whole numbers from 100 to 999999999 (e.g. 163).']);
    assert.deepEqual(check({ containerId: 160 }), ['Container id 160 is already used by gitea (services/gitea.yml:5): pick a free id, e.g. 163.']);
    assert.deepEqual(check({ containerId: 150 }), ['Container id 150 is already used by postgresql (roles/postgresql_api/defaults/main.yml:3): pick a free id, e.g. 163.']);
  });

  test('address: format, no prefix length, a host address in the containers\' network, not taken', () => {
    assert.deepEqual(check({ ipAddress: '172.16.10.63/24' }), ['Give the address without a prefix length: 172.16.10.63. The role adds the network\'s prefix length itself.']);
    assert.deepEqual(check({ ipAddress: '172.16.10.300' }), ['"172.16.10.300" is not an IPv4 address: write four numbers 0-255 separated by dots (e.g. 172.16.10.63).']);
    assert.deepEqual(check({ ipAddress: '172.16.10.255' }), ['172.16.10.255 is a network or broadcast address, not a host address: pick another one (e.g. 172.16.10.63).']);
    assert.deepEqual(check({ ipAddress: '10.0.0.63' }), [
      '10.0.0.63 is outside the containers\' network 172.16.10.0 (the gateway and bridge the role uses): pick an address in it (e.g. 172.16.10.63).',
    ]);
    assert.deepEqual(check({ ipAddress: '172.16.10.60' }), ['Address 172.16.10.60 is already used by gitea (services/gitea.yml:7): pick a free address (e.g. 172.16.10.63).']);
    assert.deepEqual(check({ ipAddress: '172.16.10.1' }), [
      'Address 172.16.10.1 is already used by network_gateway (inventory/group_vars/all/vars.yml:20): pick a free address (e.g. 172.16.10.63).',
    ]);
  });

  test('an address only the inventory states is caught when the texts are passed (vaultwarden\'s role has a template)', () => {
    assert.deepEqual(check({ ipAddress: '172.16.10.62' }), [
      'Address 172.16.10.62 is already used by vaultwarden_container.ansible_host (inventory/hosts.yml:31): pick a free address (e.g. 172.16.10.63).',
    ]);
    // With the model alone Certify cannot know it: that is why the texts are worth passing.
    assert.deepEqual(checkRequest(request({ ipAddress: '172.16.10.62' }), repo.model, none), []);
  });

  test('port: 1-65535, and not SSH\'s', () => {
    assert.deepEqual(check({ port: 0 }), ['Port 0 is out of range: use a whole number from 1 to 65535.']);
    assert.deepEqual(check({ port: 70000 }), ['Port 70000 is out of range: use a whole number from 1 to 65535.']);
    assert.deepEqual(check({ port: 22 }), ["Port 22 is the container's SSH port, which Ansible needs: give the service another port."]);
  });

  test('existing files are listed, whatever else is right', () => {
    const exists = (file: string): boolean => file === 'roles/wiki_api/README.md' || file === 'scripts/verify-wiki-testdata.sh';
    assert.deepEqual(check({}, exists), [
      'Already in the repo: roles/wiki_api/README.md, scripts/verify-wiki-testdata.sh. The scaffold never overwrites a file; pick another name, or move these away to scaffold them anew.',
    ]);
  });

  test('backup types: unknown, postgresql without a server, postgresql with a name starting with a digit', async () => {
    assert.deepEqual(check({ backupType: 'mysql' as ScaffoldRequest['backupType'] }), ['Backup type "mysql" is unknown: choose postgresql, redis, files, none.']);
    assert.deepEqual(check({ name: '3dprint' }), [
      'The database would be named after the service, and a PostgreSQL database name cannot start with a digit: rename "3dprint" or choose another backup type.',
    ]);
    const root = await makeRepo({ 'inventory/hosts.yml': 'all:\n  hosts:\n    a:\n      ansible_host: 10.0.0.2\n' });
    const bare = await loadRepoForValidation(root);
    assert.deepEqual(checkRequest(request({ ipAddress: '10.0.0.63' }), bare.model, none, bare.texts), [
      "Backup type postgresql needs the repo's PostgreSQL server, and no service named postgresql (with a container id) exists: deploy it first or choose another backup type.",
    ]);
  });

  test('every problem is reported at once', () => {
    assert.equal(check({ name: 'Bad', containerId: 160, ipAddress: 'x', port: 22 }).length, 4);
  });
});
