import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, at, check, PLAYBOOK, ROLE } from './helpers';

const RULE = 'definition-mismatch';

const REPO = {
  'services/gitea.yml': 'name: gitea\ncontainer_id: 160\nhostname: Gitea\nip_address: "10.1.2.60"\nservice_port: 3000\n',
  'group_vars/all.yml': 'network_prefix: "10.1.2"\n',
  ...PLAYBOOK('gitea', 'gitea_api'),
  ...ROLE('gitea_api', 'gitea_container_id: 999\ngitea_hostname: gitea\ngitea_ip_address: "{{ network_prefix }}.61"\ngitea_service_port: 3000\n'),
};

describe('definition-mismatch', () => {
  test('a definition value that differs from the role default is an error on the value, naming the role file:line', async () => {
    const findings = await check(REPO, RULE);
    assert.deepEqual(findings.map(at), ['services/gitea.yml:2:15-2:18', 'services/gitea.yml:4:13-4:24']);
    assert.ok(findings.every((finding) => finding.severity === 'error'));
    assert.equal(
      findings[0].message,
      'gitea: container_id is 160 here but 999 in roles/gitea_api/defaults/main.yml:1, which Ansible deploys with; set it to 999 here or change the role default.',
    );
    // The role's value is compared after resolving {{ network_prefix }} from group_vars.
    assert.match(findings[1].message, /ip_address is 10\.1\.2\.60 here but 10\.1\.2\.61 in roles\/gitea_api\/defaults\/main\.yml:3 \(from \{\{ network_prefix \}\}\.61\)/);
  });

  test('the fix writes the role value in the style of the old one, and removes the finding', async () => {
    const findings = await check(REPO, RULE);
    assert.deepEqual(findings.map((finding) => finding.fixes?.[0].edits[0]), [
      { kind: 'replace', file: 'services/gitea.yml', range: { start: { line: 2, column: 15 }, end: { line: 2, column: 18 } }, newText: '999' },
      { kind: 'replace', file: 'services/gitea.yml', range: { start: { line: 4, column: 13 }, end: { line: 4, column: 24 } }, newText: '"10.1.2.61"' },
    ]);
    const fixed = applyFix(REPO, findings.flatMap((finding) => finding.fixes?.[0].edits ?? []));
    assert.match(fixed['services/gitea.yml'], /container_id: 999\n.*\nip_address: "10\.1\.2\.61"\n/s);
    assert.deepEqual(await check(fixed, RULE), []);
  });

  test('group_vars win over role defaults, so the definition is compared with the group_vars value', async () => {
    const findings = await check(
      {
        'services/db.yml': 'name: db\nservice_port: 5432\n',
        'group_vars/all.yml': '# site\ndb_service_port: 6432\n',
        ...PLAYBOOK('db', 'db_api'),
        ...ROLE('db_api', 'db_container_id: 150\ndb_service_port: 5432\n'),
      },
      RULE,
    );
    assert.deepEqual(findings.map(at), ['services/db.yml:2:15-2:19']);
    assert.match(findings[0].message, /6432 in group_vars\/all\.yml:2/);
  });

  test('equal values, a case-only hostname difference, unresolved templates and facts no role states pass', async () => {
    const findings = await check(
      {
        'services/app.yml': 'name: app\ncontainer_id: 130\nhostname: APP\nip_address: 10.0.0.30\nservice_port: 8080\n',
        ...PLAYBOOK('app', 'app_api'),
        ...ROLE('app_api', 'app_container_id: 130\napp_hostname: app\napp_ip_address: "{{ lookup(\'env\', \'IP\') }}"\n'),
        'services/solo.yml': 'name: solo\ncontainer_id: 140\n',
      },
      RULE,
    );
    assert.deepEqual(findings, []);
  });

  test('an address the role writes with its /prefix (as netif wants it) is the address the definition states', async () => {
    const repo = (definitionIp: string, roleIp: string): Record<string, string> => ({
      'services/app.yml': `name: app\nip_address: ${definitionIp}\n`,
      ...PLAYBOOK('app', 'app_api'),
      ...ROLE('app_api', `app_container_id: 130\napp_ip_address: ${roleIp}\n`),
    });
    assert.deepEqual(await check(repo('10.0.0.30', '10.0.0.30/24'), RULE), []);
    assert.deepEqual(await check(repo('10.0.0.30/24', '10.0.0.30'), RULE), []);
    // Another address, or the same address in another network, is still a mismatch.
    assert.deepEqual((await check(repo('10.0.0.31', '10.0.0.30/24'), RULE)).map(at), ['services/app.yml:2:13-2:22']);
    assert.deepEqual((await check(repo('10.0.0.30/16', '10.0.0.30/24'), RULE)).map(at), ['services/app.yml:2:13-2:25']);
  });
});
