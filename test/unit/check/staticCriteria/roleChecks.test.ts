import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOf, goodRepo, show, withFiles } from './helpers';

const ROLE = 'roles/app_api';

describe('role-files', () => {
  test('met: defaults, tasks, handlers and templates, each cited', async () => {
    const result = await checkOf(goodRepo(), 'role-files');
    assert.equal(show(result), `met ${ROLE}/defaults/main.yml:1 ${ROLE}/tasks/main.yml:1 ${ROLE}/handlers/main.yml:1 ${ROLE}/templates/app.conf.j2:1`);
    assert.equal(result.summary, 'roles/app_api has defaults, tasks, handlers and templates');
  });

  test('not-met: a missing part, cited where lint offers to create it', async () => {
    const result = await checkOf(withFiles({ [`${ROLE}/handlers/main.yml`]: undefined, [`${ROLE}/templates/app.conf.j2`]: undefined }), 'role-files');
    assert.equal(show(result), `not-met ${ROLE}/tasks/main.yml:1`);
    assert.equal(result.summary, 'roles/app_api has no handlers/main.yml and templates/');
  });

  test('not-met: the playbook applies a role that is not in roles/', async () => {
    const result = await checkOf(withFiles({ 'playbooks/app-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - app_api\n    - app_extra\n' }), 'role-files');
    assert.equal(show(result), 'not-met playbooks/app-deploy.yml:4');
    assert.equal(result.summary, 'role app_extra is not in roles/');
  });

  test('not-met: a deploy playbook with tasks only, no role', async () => {
    const playbook = '- hosts: proxmox_admin\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: hi\n';
    const result = await checkOf(withFiles({ 'playbooks/app-deploy.yml': playbook }), 'role-files');
    assert.equal(show(result), 'not-met playbooks/app-deploy.yml:1');
    assert.match(result.summary, /^no role deploys app: create roles\/app_api/);
  });

  test('unknown: a collection role, whose files are outside the repo', async () => {
    const result = await checkOf(withFiles({ 'playbooks/app-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - acme.apps.app\n' }), 'role-files');
    assert.equal(show(result), 'unknown');
    assert.match(result.summary, /acme\.apps\.app is outside the repo/);
  });
});

describe('role-readme', () => {
  test('met: README.md with a usage section', async () => {
    assert.equal(show(await checkOf(goodRepo(), 'role-readme')), `met ${ROLE}/README.md:1`);
  });

  test('not-met: no README.md, cited where lint offers to write one', async () => {
    const result = await checkOf(withFiles({ [`${ROLE}/README.md`]: undefined }), 'role-readme');
    assert.equal(show(result), `not-met ${ROLE}/tasks/main.yml:1`);
    assert.equal(result.summary, 'no README.md in roles/app_api');
  });

  test('not-met: a README without any usage example', async () => {
    const result = await checkOf(withFiles({ [`${ROLE}/README.md`]: '# app_api\n\nDeploys app.\n' }), 'role-readme');
    assert.equal(show(result), `not-met ${ROLE}/README.md:1`);
    assert.equal(result.summary, 'roles/app_api/README.md has no usage example');
  });

  test('unknown: readme.md in another spelling exists but is not read', async () => {
    const result = await checkOf(withFiles({ [`${ROLE}/README.md`]: undefined, [`${ROLE}/readme.md`]: '# app\n' }), 'role-readme');
    assert.equal(show(result), `unknown ${ROLE}/readme.md:1`);
  });

  test('unknown: a collection role', async () => {
    const result = await checkOf(withFiles({ 'playbooks/app-deploy.yml': '- hosts: proxmox_admin\n  roles:\n    - acme.apps.app\n' }), 'role-readme');
    assert.equal(show(result), 'unknown');
  });
});
