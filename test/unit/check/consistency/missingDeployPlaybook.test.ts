import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, at, check, ROLE } from './helpers';

const RULE = 'missing-deploy-playbook';

describe('missing-deploy-playbook', () => {
  test('a definition with no playbooks/<name>-deploy.yml is a warning on its name, with a create fix applying its roles', async () => {
    const files = { 'services/wiki.yml': '# Wiki\nname: wiki\nroles: [wiki_api]\n', ...ROLE('wiki_api', 'wiki_container_id: 180\n') };
    const [finding, ...rest] = await check(files, RULE);
    assert.deepEqual(rest, []);
    assert.equal(at(finding), 'services/wiki.yml:2:7-2:11');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.message, 'wiki has no deploy playbook; create playbooks/wiki-deploy.yml applying its roles (Step 1).');
    const edit = finding.fixes?.[0].edits[0];
    assert.equal(edit?.kind === 'create' && edit.file, 'playbooks/wiki-deploy.yml');
    assert.match(edit?.kind === 'create' ? edit.content : '', /- name: Deploy wiki\n  hosts: proxmox_admin\n  gather_facts: false\n  roles:\n    - role: wiki_api\n$/);
    const fixed = applyFix(files, finding.fixes?.[0].edits ?? []);
    assert.deepEqual(await check(fixed), []);
  });

  test('a deploy_playbook naming a missing file is reported on that value', async () => {
    const findings = await check({ 'services/wiki.yml': 'name: wiki\ndeploy_playbook: playbooks/wiki-deploy.yaml\n', ...ROLE('wiki_api', '') }, RULE);
    assert.deepEqual(findings.map(at), ['services/wiki.yml:2:18-2:44']);
    assert.equal(findings[0].message, 'deploy_playbook playbooks/wiki-deploy.yaml does not exist; create it (Step 1) or fix the path.');
    // No roles in the definition, but the conventional <name>_api role exists: the playbook applies it.
    const edit = findings[0].fixes?.[0].edits[0];
    assert.equal(edit?.kind === 'create' && edit.file, 'playbooks/wiki-deploy.yaml');
    assert.match(edit?.kind === 'create' ? edit.content : '', /- role: wiki_api\n$/);
  });

  test('a deploy_playbook outside the naming convention says how to name it, without a fix', async () => {
    const findings = await check({ 'services/wiki.yml': 'name: wiki\ndeploy_playbook: playbooks/site.yml\n' }, RULE);
    assert.equal(findings[0].message, 'deploy_playbook playbooks/site.yml is not a playbooks/<name>-deploy.yml file, so Certify cannot use it; name it playbooks/wiki-deploy.yml.');
    assert.equal(findings[0].fixes, undefined);
  });

  test('a definition without roles or a name is reported at the top, with no fix to guess', async () => {
    const findings = await check({ 'services/bare.yml': 'container_id: 190\n' }, RULE);
    assert.deepEqual(findings.map(at), ['services/bare.yml:1:1-1:1']);
    assert.equal(findings[0].fixes, undefined);
  });

  test('a service with its playbook passes, by convention or through deploy_playbook; playbook-only services are not asked for one', async () => {
    const findings = await check(
      {
        'services/a.yml': 'name: a\n',
        'playbooks/a-deploy.yml': '- hosts: all\n  roles: []\n',
        'services/b.yml': 'name: b\ndeploy_playbook: playbooks/bee-deploy.yml\n',
        'playbooks/bee-deploy.yml': '- hosts: all\n  roles: []\n',
      },
      RULE,
    );
    assert.deepEqual(findings, []);
  });
});
