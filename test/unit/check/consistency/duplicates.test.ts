import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, check, PLAYBOOK, ROLE } from './helpers';

describe('duplicate-container-id', () => {
  test('two services with one container id: one error per claimant, each naming the other', async () => {
    const findings = await check(
      {
        'services/gitea.yml': 'name: gitea\ncontainer_id: 161\n',
        ...PLAYBOOK('nextcloud', 'nextcloud_api'),
        ...ROLE('nextcloud_api', '# container\nnextcloud_container_id: 161\n'),
        ...PLAYBOOK('wiki', 'wiki_api'),
        ...ROLE('wiki_api', 'wiki_container_id: 162\n'),
      },
      'duplicate-container-id',
    );
    assert.deepEqual(findings.map(at), ['roles/nextcloud_api/defaults/main.yml:2:25-2:28', 'services/gitea.yml:2:15-2:18']);
    assert.ok(findings.every((finding) => finding.severity === 'error'));
    assert.equal(findings[0].message, 'nextcloud has container id 161, as does gitea (services/gitea.yml:2); give one of them a free container id.');
    assert.equal(
      findings[1].message,
      'gitea has container id 161, as does nextcloud (roles/nextcloud_api/defaults/main.yml:2); give one of them a free container id.',
    );
  });

  test('many services with one container id: each finding names five others and counts the rest', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`services/s${i}.yml`] = `name: s${i}\ncontainer_id: 170\n`;
    const findings = await check(files, 'duplicate-container-id');
    assert.equal(findings.length, 8);
    assert.equal(
      findings[0].message,
      's0 has container id 170, as does s1 (services/s1.yml:2), s2 (services/s2.yml:2), s3 (services/s3.yml:2), s4 (services/s4.yml:2), s5 (services/s5.yml:2) and 2 more; give one of them a free container id.',
    );
  });

  test('distinct container ids pass; an unresolved one is never a duplicate', async () => {
    const findings = await check(
      {
        ...PLAYBOOK('a', 'a_api'),
        ...ROLE('a_api', 'a_container_id: 150\n'),
        ...PLAYBOOK('b', 'b_api'),
        ...ROLE('b_api', 'b_container_id: 151\n'),
        ...PLAYBOOK('c', 'c_api'),
        ...ROLE('c_api', 'c_container_id: "{{ base_id + 1 }}"\n'),
        ...PLAYBOOK('d', 'd_api'),
        ...ROLE('d_api', 'd_container_id: "{{ base_id + 1 }}"\n'),
      },
      'duplicate-container-id',
    );
    assert.deepEqual(findings, []);
  });
});

describe('duplicate-ip', () => {
  test('addresses are compared after resolving templates and without their prefix length', async () => {
    const findings = await check(
      {
        'group_vars/all.yml': 'network_prefix: "10.1.2"\n',
        ...PLAYBOOK('a', 'a_api'),
        ...ROLE('a_api', 'a_container_id: 150\na_ip_address: "{{ network_prefix }}.50"\n'),
        'services/b.yml': 'name: b\nip_address: 10.1.2.50/24\n',
      },
      'duplicate-ip',
    );
    assert.deepEqual(findings.map(at), ['roles/a_api/defaults/main.yml:2:15-2:40', 'services/b.yml:2:13-2:25']);
    assert.match(findings[0].message, /^a has IP address 10\.1\.2\.50, as does b \(services\/b\.yml:2\); give one of them a free address\.$/);
    assert.match(findings[1].message, /as does a \(roles\/a_api\/defaults\/main\.yml:2\)/);
  });

  test('distinct addresses pass', async () => {
    const findings = await check(
      { 'services/a.yml': 'name: a\nip_address: 10.0.0.1\n', 'services/b.yml': 'name: b\nip_address: 10.0.0.10\n' },
      'duplicate-ip',
    );
    assert.deepEqual(findings, []);
  });
});
