import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateYamlDocument } from '../../../src/check/schema';
import { definitionFromFacts } from '../../../src/report/definitionFromFacts';
import { discoverRepo } from '../../../src/repo/loadRepo';
import { EXAMPLE_REPO } from '../helpers/tempRepo';

test('a definition written from inferred facts passes the service schema for every example service', async () => {
  const model = await discoverRepo(EXAMPLE_REPO);
  for (const service of model.services) {
    const text = definitionFromFacts(service);
    const { findings } = validateYamlDocument(`services/${service.name}.yml`, text, 'service');
    assert.deepEqual(findings, [], `${service.name}:\n${text}`);
  }
});

test('known facts become fields; a template becomes a comment, never a value', async () => {
  const model = await discoverRepo(EXAMPLE_REPO);
  const vaultwarden = model.services.find((service) => service.name === 'vaultwarden');
  assert.ok(vaultwarden);
  const text = definitionFromFacts(vaultwarden);
  assert.match(text, /^container_id: 162$/m);
  assert.match(text, /^deploy_playbook: playbooks\/vaultwarden-deploy\.yml$/m);
  assert.match(text, /^# ip_address: \{\{ network_prefix \}\}\.\{\{ vaultwarden_container_id - 100 \}\} .*roles\/vaultwarden_api\/defaults\/main\.yml:\d+/m);
  assert.doesNotMatch(text, /^ip_address:/m);
});
