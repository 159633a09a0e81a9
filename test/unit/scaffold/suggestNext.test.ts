// suggestNext: the next container id continues the repo's largest block of consecutive ids, and
// the address follows the repo's id → address convention when it has one.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RepoModel } from '../../../src/core/service';
import { loadRepoForValidation } from '../../../src/repo/loadRepo';
import { suggestNext } from '../../../src/scaffold';
import { EXAMPLE_REPO, makeRepo } from '../helpers/tempRepo';

const EMPTY: RepoModel = { root: '/repo', services: [], findings: [] };

/** An inventory with one host per [name, id, ip]. */
function inventory(hosts: [string, number | undefined, string | undefined][], vars = ''): Map<string, string> {
  const lines = ['all:', '  children:', '    containers:', '      hosts:'];
  for (const [name, id, ip] of hosts) {
    lines.push(`        ${name}:`);
    if (ip) lines.push(`          ansible_host: ${ip}`);
    if (id) lines.push(`          container_id: ${id}`);
  }
  const texts = new Map([['inventory/hosts.yml', `${lines.join('\n')}\n`]]);
  if (vars) texts.set('inventory/group_vars/all/vars.yml', vars);
  return texts;
}

describe('suggestNext', () => {
  test('examples/homelab: ids 150, 160-162, 170 in use → 163, and .63 as every container\'s address is id − 100', async () => {
    const repo = await loadRepoForValidation(EXAMPLE_REPO);
    assert.deepEqual(suggestNext(repo.model, repo.texts), { containerId: 163, ipAddress: '172.16.10.63' });
  });

  test('an address only the inventory states counts as used, and the convention moves on to 164/.64', async () => {
    const repo = await loadRepoForValidation(EXAMPLE_REPO);
    const texts = new Map(repo.texts);
    const hosts = texts.get('inventory/hosts.yml') ?? '';
    // A device with a fixed address but no container: it takes .63 without breaking the convention.
    texts.set('inventory/hosts.yml', hosts.replace('      hosts:\n        postgresql_container:', '      hosts:\n        printer:\n          ansible_host: 172.16.10.63\n        postgresql_container:'));
    assert.notEqual(texts.get('inventory/hosts.yml'), hosts);
    assert.deepEqual(suggestNext(repo.model, texts), { containerId: 164, ipAddress: '172.16.10.64' });
  });

  test('a container that breaks the convention turns it off: next free address after the highest', async () => {
    const repo = await loadRepoForValidation(EXAMPLE_REPO);
    const texts = new Map(repo.texts);
    // vaultwarden's address is a template in its role, so the inventory is the only place that states it.
    texts.set('inventory/hosts.yml', (texts.get('inventory/hosts.yml') ?? '').replace('ansible_host: 172.16.10.62', 'ansible_host: 172.16.10.80'));
    assert.deepEqual(suggestNext(repo.model, texts), { containerId: 163, ipAddress: '172.16.10.81' });
  });

  test('the largest block of consecutive ids wins; ties go to the highest block', () => {
    const hosts = inventory([
      ['a_container', 100, '10.0.0.10'],
      ['b_container', 101, '10.0.0.11'],
      ['c_container', 102, '10.0.0.12'],
      ['d_container', 200, '10.0.0.20'],
    ]);
    assert.equal(suggestNext(EMPTY, hosts).containerId, 103);
    const tie = inventory([
      ['a_container', 100, undefined],
      ['b_container', 200, undefined],
      ['c_container', 300, undefined],
    ]);
    assert.equal(suggestNext(EMPTY, tie).containerId, 301);
  });

  test('without a convention the address is the first free one after the highest in use', () => {
    const texts = inventory([
      ['a_container', 110, '192.168.5.20'],
      ['b_container', 111, '192.168.5.7'],
      ['c_container', 112, '192.168.5.31'],
    ]);
    assert.deepEqual(suggestNext(EMPTY, texts), { containerId: 113, ipAddress: '192.168.5.32' });
  });

  test('the convention holds only when at least two containers agree on it', () => {
    const one = inventory([['a_container', 150, '10.1.1.50']]);
    assert.deepEqual(suggestNext(EMPTY, one), { containerId: 151, ipAddress: '10.1.1.51' }); // next after the highest, by coincidence
    const disagree = inventory([
      ['a_container', 150, '10.1.1.50'],
      ['b_container', 151, '10.1.1.90'],
    ]);
    assert.deepEqual(suggestNext(EMPTY, disagree), { containerId: 152, ipAddress: '10.1.1.91' });
  });

  test('network_prefix from group_vars decides the network; the gateway and DNS count as used', () => {
    const texts = inventory([], 'network_prefix: "10.20.30"\nnetwork_gateway: "10.20.30.2"\nnetwork_dns: "10.20.30.3"\n');
    assert.deepEqual(suggestNext(EMPTY, texts), { containerId: 100, ipAddress: '10.20.30.4' });
  });

  test('ids in backup entries count as used', async () => {
    const root = await makeRepo({
      'roles/backup_infrastructure/defaults/main.yml': 'backup_docker_containers:\n  - container_id: 120\n    name: x\n    volumes: ["/opt/x"]\n',
    });
    const repo = await loadRepoForValidation(root);
    assert.deepEqual(suggestNext(repo.model, repo.texts), { containerId: 121, ipAddress: '' });
  });

  test('an empty repo: id 100 and no address (no network to continue)', () => {
    assert.deepEqual(suggestNext(EMPTY, new Map()), { containerId: 100, ipAddress: '' });
  });

  test('a convention that runs out of addresses falls back to the next free address', () => {
    const texts = inventory([
      ['a_container', 353, '10.9.9.253'],
      ['b_container', 354, '10.9.9.254'],
    ]);
    assert.deepEqual(suggestNext(EMPTY, texts), { containerId: 355, ipAddress: '10.9.9.2' });
  });
});
