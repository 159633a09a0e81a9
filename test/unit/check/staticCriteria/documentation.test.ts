import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOf, goodRepo, README, show, withFiles } from './helpers';

const DEFAULTS = 'roles/app_api/defaults/main.yml';
const README_FILE = 'roles/app_api/README.md';
const GOOD_DEFAULTS = goodRepo()[DEFAULTS];

describe('vault-documented', () => {
  test('met: each variable cited where it is documented', async () => {
    const result = await checkOf(goodRepo(), 'vault-documented');
    assert.equal(show(result), 'met inventory/group_vars/all/vault.yml.example:2');
    assert.equal(result.summary, 'vault_app_password documented');
  });

  test('met: a role using no vault variable', async () => {
    const result = await checkOf(withFiles({ [DEFAULTS]: GOOD_DEFAULTS.replace(/app_password.*\n/, '') }), 'vault-documented');
    assert.equal(show(result), 'met');
    assert.equal(result.summary, 'app uses no vault_* variables');
  });

  test('not-met: an undocumented variable, cited where it is used', async () => {
    const tasks = goodRepo()['roles/app_api/tasks/main.yml'].replace('    state: present\n', '    state: present\n    api_token_secret: "{{ vault_app_token }}"\n');
    const result = await checkOf(withFiles({ 'roles/app_api/tasks/main.yml': tasks }), 'vault-documented');
    assert.equal(show(result), 'not-met roles/app_api/tasks/main.yml:7');
    assert.equal(result.evidence[0].column, 27);
    assert.match(result.summary, /^vault_app_token not documented/);
  });

  test('unknown: a role file that does not parse may use more', async () => {
    const result = await checkOf(withFiles({ 'roles/app_api/vars/main.yml': 'app_extra: [unclosed\n' }), 'vault-documented');
    assert.equal(result.status, 'unknown');
    assert.match(result.summary, /roles\/app_api\/vars\/main\.yml does not parse/);
  });
});

describe('ports-documented', () => {
  test('met: the Ports table of the README, then where the port is stated', async () => {
    assert.equal(show(await checkOf(goodRepo(), 'ports-documented')), `met ${README_FILE}:15 ${DEFAULTS}:5`);
  });

  test('met: a definition that lists its ports', async () => {
    const files = withFiles({ [README_FILE]: README.replace('| 8080 | HTTP |', '| TODO |'), 'services/app.yml': 'name: app\nroles: [app_api]\nports:\n  - { name: http, port: 8080 }\n' });
    assert.equal(show(await checkOf(files, 'ports-documented')), 'met services/app.yml:3');
  });

  test('met: a repo-wide page naming the service with host:port', async () => {
    const files = withFiles({
      [README_FILE]: README.replace('| 8080 | HTTP |', '| TODO |'),
      'docs/containers.md': '# Containers\n\n| 170 | app | 10.0.0.70:8080 |\n| 171 | other | 10.0.0.71:8080 |\n',
    });
    assert.equal(show(await checkOf(files, 'ports-documented')), `met docs/containers.md:3 ${DEFAULTS}:5`);
  });

  test('not-met: the port is in no document (a line about another service does not count)', async () => {
    const files = withFiles({ [README_FILE]: README.replace('| 8080 | HTTP |', '| TODO |'), 'README.md': '# Lab\n\nother listens on port 8080.\n' });
    const result = await checkOf(files, 'ports-documented');
    assert.equal(show(result), `not-met ${DEFAULTS}:5`);
    assert.equal(result.summary, `port 8080 (${DEFAULTS}:5) is in no README or docs page`);
  });

  test('unknown: the port is a template Certify cannot evaluate', async () => {
    const result = await checkOf(withFiles({ [DEFAULTS]: GOOD_DEFAULTS.replace('app_service_port: 8080', 'app_service_port: "{{ base_port + 1 }}"') }), 'ports-documented');
    assert.equal(show(result), `unknown ${DEFAULTS}:5`);
  });

  test('unknown: no port stated and no Ports section', async () => {
    const files = withFiles({
      [DEFAULTS]: GOOD_DEFAULTS.replace('app_service_port: 8080\n', ''),
      [README_FILE]: README.replace(/## Ports[\s\S]*?## Backup/, '## Backup'),
    });
    assert.equal(show(await checkOf(files, 'ports-documented')), 'unknown');
  });
});

describe('urls-documented', () => {
  test("met: the definition's external.url", async () => {
    const files = withFiles({ 'services/app.yml': 'name: app\nroles: [app_api]\nexternal:\n  url: https://app.example.net\n' });
    assert.equal(show(await checkOf(files, 'urls-documented')), 'met services/app.yml:4');
  });

  test('met: a URL from role defaults that a README mentions', async () => {
    const result = await checkOf(goodRepo(), 'urls-documented');
    assert.equal(show(result), `met ${README_FILE}:3 ${DEFAULTS}:6`);
    assert.equal(result.summary, `https://app.example.net documented in ${README_FILE}:3`);
  });

  test('not-met: the URL is in no document', async () => {
    const result = await checkOf(withFiles({ [README_FILE]: README.replace(', published at https://app.example.net', '') }), 'urls-documented');
    assert.equal(show(result), `not-met ${DEFAULTS}:6`);
  });

  test('unknown: no URL stated (maybe an internal service)', async () => {
    const result = await checkOf(withFiles({ [DEFAULTS]: GOOD_DEFAULTS.replace('app_domain: app.example.net\n', '') }), 'urls-documented');
    assert.equal(show(result), 'unknown');
    assert.match(result.summary, /^no external URL stated for app/);
  });

  test('unknown: the URL is a template', async () => {
    const result = await checkOf(withFiles({ [DEFAULTS]: GOOD_DEFAULTS.replace('app_domain: app.example.net', 'app_domain: "{{ lookup(\'env\', \'DOMAIN\') }}"') }), 'urls-documented');
    assert.equal(show(result), `unknown ${DEFAULTS}:6`);
  });
});

describe('targets-documented', () => {
  const noProse = README.replace('RPO target < 24 h, RTO target < 30 min.\n', '');

  test('met: both objectives in the README, in words with a figure', async () => {
    assert.equal(show(await checkOf(goodRepo(), 'targets-documented')), `met ${README_FILE}:19`);
  });

  test("met: the definition's targets, at their keys", async () => {
    const files = withFiles({ [README_FILE]: noProse, 'services/app.yml': 'name: app\nroles: [app_api]\ntargets:\n  rto: { target: 15m }\n  rpo: { target: 1h }\n' });
    const result = await checkOf(files, 'targets-documented');
    assert.equal(show(result), 'met services/app.yml:5 services/app.yml:4');
    assert.equal(result.summary, 'RPO services/app.yml:5, RTO services/app.yml:4');
  });

  test("met: certify.yml's targets", async () => {
    const files = withFiles({ [README_FILE]: noProse, 'certify.yml': 'targets:\n  rpo: { target: 1h }\n  rto: { target: 15m }\n' });
    assert.equal(show(await checkOf(files, 'targets-documented')), 'met certify.yml:2 certify.yml:3');
  });

  test('not-met: only the RPO is stated; a heading without a figure is no target', async () => {
    const files = withFiles({ [README_FILE]: noProse.replace('## Backup\n', '## Backup, RPO and RTO\n\nRPO: 24 hours.\n') });
    const result = await checkOf(files, 'targets-documented');
    assert.equal(result.status, 'not-met');
    assert.match(result.summary, /^no RTO target documented \(RPO roles\/app_api\/README\.md:\d+\)$/);
  });

  test('unknown: nothing found, but certify.yml does not parse', async () => {
    const files = withFiles({ [README_FILE]: noProse, 'certify.yml': 'targets: [unclosed\n' });
    const result = await checkOf(files, 'targets-documented');
    assert.equal(result.status, 'unknown');
    assert.equal(result.evidence[0].file, 'certify.yml');
  });
});
