import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOf, goodRepo, show, TASKS, withFiles } from './helpers';

const TASKS_FILE = 'roles/app_api/tasks/main.yml';
const PLAYBOOK = 'playbooks/app-deploy.yml';

describe('deploy-playbook', () => {
  test('met: the playbook parses and applies a role in roles/, cited at the role', async () => {
    const result = await checkOf(goodRepo(), 'deploy-playbook');
    assert.equal(show(result), `met ${PLAYBOOK}:5`);
    assert.equal(result.summary, 'playbooks/app-deploy.yml applies app_api');
  });

  test('not-met: the definition names a playbook that does not exist', async () => {
    const files = withFiles({ [PLAYBOOK]: undefined, 'services/app.yml': 'name: app\nroles: [app_api]\ndeploy_playbook: playbooks/app-deploy.yml\n' });
    const result = await checkOf(files, 'deploy-playbook');
    assert.equal(show(result), 'not-met services/app.yml:3');
    assert.equal(result.summary, 'playbooks/app-deploy.yml does not exist (named in services/app.yml:3)');
  });

  test('not-met: a defined service with no playbook at all', async () => {
    const result = await checkOf(withFiles({ [PLAYBOOK]: undefined, 'services/app.yml': 'name: app\nroles: [app_api]\n' }), 'deploy-playbook');
    assert.equal(show(result), 'not-met services/app.yml:1');
    assert.equal(result.summary, 'no playbooks/app-deploy.yml');
  });

  test('not-met: the playbook is not valid YAML, cited at the error', async () => {
    const result = await checkOf(withFiles({ [PLAYBOOK]: '- hosts: proxmox_admin\n  roles:\n    - [app_api\n' }), 'deploy-playbook');
    assert.equal(result.status, 'not-met');
    assert.equal(result.evidence[0].file, PLAYBOOK);
    assert.equal(result.summary, 'playbooks/app-deploy.yml is not valid YAML');
  });

  test('not-met: it applies a role missing from roles/', async () => {
    const result = await checkOf(withFiles({ [PLAYBOOK]: '- hosts: proxmox_admin\n  roles:\n    - app_apii\n' }), 'deploy-playbook');
    assert.equal(show(result), `not-met ${PLAYBOOK}:3`);
    assert.equal(result.summary, 'playbooks/app-deploy.yml applies app_apii, not in roles/');
  });

  test('unknown: a role named by a template', async () => {
    const result = await checkOf(withFiles({ [PLAYBOOK]: '- hosts: proxmox_admin\n  roles:\n    - "{{ app_role }}"\n' }), 'deploy-playbook');
    assert.equal(show(result), `unknown ${PLAYBOOK}:1`);
  });
});

describe('proxmox-api-module', () => {
  test('met: the task creating the container, at its module key', async () => {
    const result = await checkOf(goodRepo(), 'proxmox-api-module');
    assert.equal(show(result), `met ${TASKS_FILE}:3`);
  });

  test('met: community.proxmox.proxmox in a role pulled in by include_role, state left at its default', async () => {
    const files = withFiles({
      [TASKS_FILE]: '- name: Container\n  ansible.builtin.include_role:\n    name: lxc_base\n',
      'roles/lxc_base/tasks/main.yml': '- name: Create the container\n  community.proxmox.proxmox:\n    vmid: 170\n',
    });
    assert.equal(show(await checkOf(files, 'proxmox-api-module')), 'met roles/lxc_base/tasks/main.yml:2');
  });

  test('met: a role listed in meta/main.yml dependencies creates the container', async () => {
    const files = withFiles({
      // The role keeps only its health check; the container comes from its dependency.
      [TASKS_FILE]: `---\n- name: Verify${TASKS.split('- name: Verify')[1]}`,
      'roles/app_api/meta/main.yml': 'dependencies:\n  - role: lxc_base\n',
      'roles/lxc_base/tasks/main.yml': '- name: Create the container\n  community.general.proxmox:\n    vmid: 170\n    state: present\n',
    });
    assert.equal(show(await checkOf(files, 'proxmox-api-module')), 'met roles/lxc_base/tasks/main.yml:2');
  });

  test('not-met: the container is made with pct create, cited at the command', async () => {
    const files = withFiles({ [TASKS_FILE]: '- name: Create\n  ansible.builtin.shell: pct create 170 local:vztmpl/debian.tar.zst\n' });
    const result = await checkOf(files, 'proxmox-api-module');
    assert.equal(show(result), `not-met ${TASKS_FILE}:2 ${TASKS_FILE}:1`);
    assert.match(result.summary, /^container managed with pct/);
  });

  test('not-met: the API only starts the container', async () => {
    const files = withFiles({ [TASKS_FILE]: '- name: Start\n  community.general.proxmox:\n    vmid: 170\n    state: started\n' });
    const result = await checkOf(files, 'proxmox-api-module');
    assert.equal(show(result), `not-met ${TASKS_FILE}:2 ${TASKS_FILE}:1`);
    assert.match(result.summary, /only starts or stops the container/);
  });

  test('unknown: the state is a template', async () => {
    const files = withFiles({ [TASKS_FILE]: '- name: Container\n  community.general.proxmox:\n    vmid: 170\n    state: "{{ app_state }}"\n' });
    assert.equal(show(await checkOf(files, 'proxmox-api-module')), `unknown ${TASKS_FILE}:2`);
  });

  test('unknown: nothing found, but tasks are included by a template', async () => {
    const files = withFiles({ [TASKS_FILE]: '- name: Per platform\n  ansible.builtin.include_tasks: "{{ platform }}.yml"\n' });
    const result = await checkOf(files, 'proxmox-api-module');
    assert.equal(show(result), 'unknown');
    assert.match(result.summary, /includes tasks by a template/);
  });
});

describe('health-check', () => {
  test('met: the uri task with status_code', async () => {
    const result = await checkOf(goodRepo(), 'health-check');
    assert.equal(show(result), `met ${TASKS_FILE}:9`);
    assert.equal(result.summary, `uri health check at ${TASKS_FILE}:9`);
  });

  test('met: a redis-cli ping probe in a tasks file included by name', async () => {
    const files = withFiles({
      [TASKS_FILE]: `${TASKS.split('\n- name: Verify')[0]}\n- name: Checks\n  ansible.builtin.include_tasks: verify.yml\n`,
      'roles/app_api/tasks/verify.yml': '- name: Probe\n  ansible.builtin.command: redis-cli -h 10.0.0.70 ping\n  changed_when: false\n',
    });
    assert.equal(show(await checkOf(files, 'health-check')), 'met roles/app_api/tasks/verify.yml:2');
  });

  test('not-met: no health check, cited at tasks/main.yml where lint offers one', async () => {
    const files = withFiles({ [TASKS_FILE]: TASKS.split('\n- name: Verify')[0] });
    const result = await checkOf(files, 'health-check');
    assert.equal(show(result), `not-met ${TASKS_FILE}:1`);
  });

  test('not-met: a uri task without status_code is not a health check', async () => {
    const files = withFiles({ [TASKS_FILE]: TASKS.replace('    status_code: 200\n', '') });
    assert.equal((await checkOf(files, 'health-check')).status, 'not-met');
  });

  test('unknown: nothing found, but the role includes another by a template', async () => {
    const files = withFiles({ [TASKS_FILE]: '- name: More\n  ansible.builtin.include_role:\n    name: "{{ extra_role }}"\n' });
    assert.equal(show(await checkOf(files, 'health-check')), 'unknown');
  });
});
