// Values Proxmox would refuse are kept as the repo states them and flagged as errors, never
// dropped: the cross-file comparisons must still see them (issue 13, item 5). So is an IP
// outside the network the repo states, where the files make that certain.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateRepo } from '../../../src/check/validateRepo';
import type { Finding } from '../../../src/core/findings';
import type { Fact } from '../../../src/core/service';
import { discoverRepo, loadRepoForValidation } from '../../../src/repo/loadRepo';
import { check, PLAYBOOK, ROLE } from '../check/consistency/helpers';
import { makeRepo } from '../helpers/tempRepo';

const known = <T>(fact: Fact<T> | undefined): T | undefined => (fact?.kind === 'known' ? fact.value : undefined);

const DEFAULTS = 'roles/gitea_api/defaults/main.yml';
const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
const PROXMOX_WORDS = /Proxmox refuses it \("vmid: invalid format - value does not look like a valid VM ID"\); use an id from 100 to 999999999/;

/** Backup defaults naming gitea's container as `id`. */
const backupNaming = (id: number): Record<string, string> => ({
  [BACKUP]: `backup_docker_containers:\n  - container_id: ${id}\n    name: gitea\n    volumes: [/srv/gitea]\n`,
});

describe('a container id Proxmox refuses, in role defaults', () => {
  for (const [id, other] of [
    [42, 142],
    [1_000_000_000, 160],
  ]) {
    test(`${id}: kept as the fact, one error at its line, still compared with the backup config`, async () => {
      const files = { ...PLAYBOOK('gitea', 'gitea_api'), ...ROLE('gitea_api', `gitea_hostname: gitea\ngitea_container_id: ${id}\n`), ...backupNaming(other) };
      const model = await discoverRepo(await makeRepo(files));
      const [gitea] = model.services;
      assert.equal(known(gitea.facts.containerId), id);
      assert.equal(gitea.facts.containerId?.origin, 'role-defaults');
      const refused = model.findings.filter((finding) => finding.ruleId === 'discovery/refused-by-proxmox');
      assert.deepEqual(
        refused.map((finding) => [finding.file, finding.line, finding.severity]),
        [[DEFAULTS, 2, 'error']],
      );
      assert.match(refused[0].message, new RegExp(`^Container id ${id}: `));
      assert.match(refused[0].message, PROXMOX_WORDS);
      assert.equal(model.findings.filter((finding) => finding.ruleId === 'discovery/invalid-value').length, 0);

      const mismatch = await check(files, 'backup-mismatch');
      assert.deepEqual(
        mismatch.map((finding) => finding.message),
        [`backup_docker_containers: gitea is container ${id} (${DEFAULTS}:2), not ${other}; use ${id}.`],
      );
    });
  }

  test('an id within range raises nothing; a value that is no number is still dropped with a warning', async () => {
    const fine = await discoverRepo(await makeRepo({ ...PLAYBOOK('gitea', 'gitea_api'), ...ROLE('gitea_api', 'gitea_container_id: 100\n') }));
    assert.equal(known(fine.services[0].facts.containerId), 100);
    assert.deepEqual(fine.findings, []);
    const word = await discoverRepo(await makeRepo({ ...PLAYBOOK('gitea', 'gitea_api'), ...ROLE('gitea_api', 'gitea_container_id: forty\n') }));
    assert.equal(word.services[0].facts.containerId, undefined);
    assert.deepEqual(word.findings.map((finding) => finding.ruleId), ['discovery/invalid-value']);
  });
});

describe('a container id Proxmox refuses, in a definition', () => {
  const files = {
    'services/gitea.yml': 'name: gitea\ncontainer_id: 42\n',
    ...PLAYBOOK('gitea', 'gitea_api'),
    ...ROLE('gitea_api', 'gitea_hostname: gitea\n'),
    ...backupNaming(142),
  };

  test('the schema error is the one error validation shows, and the fact is kept', async () => {
    const repo = await loadRepoForValidation(await makeRepo(files));
    assert.equal(known(repo.model.services[0].facts.containerId), 42);
    assert.equal(repo.model.services[0].facts.containerId?.origin, 'definition');
    // certify list shows discovery's own finding on the value.
    const listed = repo.model.findings.filter((finding) => finding.file === 'services/gitea.yml');
    assert.deepEqual(listed.map((finding) => [finding.ruleId, finding.line, finding.severity]), [['definition/refused-by-proxmox', 2, 'error']]);
    assert.match(listed[0].message, PROXMOX_WORDS);
    const validated = validateRepo(repo, repo.cache).findings.filter((finding) => finding.file === 'services/gitea.yml' && finding.severity === 'error');
    assert.deepEqual(validated.map((finding) => [finding.ruleId, finding.line]), [['schema', 2]]);
  });

  test('the backup config naming another id is still a mismatch', async () => {
    const mismatch = await check(files, 'backup-mismatch');
    assert.deepEqual(
      mismatch.map((finding) => finding.message),
      ['backup_docker_containers: gitea is container 42 (services/gitea.yml:2), not 142; use 42.'],
    );
  });
});

describe('a container IP outside the network the repo states', () => {
  const gitea = (defaults: string, groupVars: string): Promise<Finding[]> =>
    makeRepo({ ...PLAYBOOK('gitea', 'gitea_api'), ...ROLE('gitea_api', `gitea_container_id: 160\n${defaults}`), 'group_vars/all.yml': groupVars })
      .then(discoverRepo)
      .then((model) => {
        assert.equal(model.services[0].facts.ipAddress?.kind, 'known', 'the address stays a fact');
        return model.findings.filter((finding) => finding.ruleId === 'discovery/ip-outside-subnet');
      });

  test('outside network_prefix: one error at the address, naming both values and files', async () => {
    const findings = await gitea('gitea_ip_address: 10.0.0.60\n', 'network_prefix: "172.16.10"\n');
    assert.deepEqual(findings.map((finding) => [finding.file, finding.line, finding.severity]), [[DEFAULTS, 2, 'error']]);
    assert.equal(
      findings[0].message,
      `gitea: 10.0.0.60 (${DEFAULTS}:2) is outside 172.16.10.0/24, the network network_prefix "172.16.10" states (group_vars/all.yml:1); use an address in 172.16.10.0/24.`,
    );
    assert.deepEqual(await gitea('gitea_ip_address: 172.16.10.60\n', 'network_prefix: "172.16.10"\n'), []);
  });

  test('network_cidr wider than /24 widens the network; a narrower one does not narrow it', async () => {
    assert.deepEqual(await gitea('gitea_ip_address: 172.16.20.5\n', 'network_prefix: "172.16.10"\nnetwork_cidr: 16\n'), []);
    const wide = await gitea('gitea_ip_address: 10.0.0.5\n', 'network_prefix: "172.16.10"\nnetwork_cidr: 16\n');
    assert.match(wide[0].message, /is outside 172\.16\.0\.0\/16/);
    // 172.16.10.200 may well be in 172.16.10.128/25: Certify cannot tell, so says nothing.
    assert.deepEqual(await gitea('gitea_ip_address: 172.16.10.200\n', 'network_prefix: "172.16.10"\nnetwork_cidr: 25\n'), []);
  });

  test('a container stating its own gateway is not held to network_prefix', async () => {
    assert.deepEqual(await gitea('gitea_ip_address: 10.0.0.60\ngitea_gateway: 10.0.0.1\n', 'network_prefix: "172.16.10"\n'), []);
  });

  test('an address with its /prefix and a gateway outside it', async () => {
    const findings = await gitea('gitea_ip_address: 172.16.10.60/24\n', 'network_gateway: 172.16.20.1\n');
    assert.deepEqual(findings.map((finding) => finding.line), [2]);
    assert.equal(
      findings[0].message,
      `gitea: 172.16.10.60/24 (${DEFAULTS}:2) is in 172.16.10.0/24, but its gateway network_gateway 172.16.20.1 (group_vars/all.yml:1) is not; put both in one network.`,
    );
    // The container's own gateway wins over the site's.
    assert.deepEqual(await gitea('gitea_ip_address: 172.16.10.60/24\ngitea_gateway: 172.16.10.1\n', 'network_gateway: 172.16.20.1\n'), []);
    // Without a /prefix on the address, Certify cannot tell: nothing.
    assert.deepEqual(await gitea('gitea_ip_address: 172.16.10.60\n', 'network_gateway: 172.16.20.1\n'), []);
  });
});
