// certify_result.py inside the real ansible-playbook (Debian's ansible-core): what it writes
// for changes, handlers, loops, failures, unreachable hosts and runs that never reach the
// recap, beside the repo's own callbacks and stdout callback, and how Step 3 judges it.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { NO_RESULTS_PROBLEM } from '../../../../src/run/ansible/ansibleResult';
import { judgeIdempotence, summarisePlaybook } from '../../../../src/run/ansible/idempotence';
import { makeRepo } from '../../helpers/tempRepo';
import { plain, resultOf, runPlaybook } from './playbookRun';

const WRITE_PLAYBOOK = `
- hosts: all
  gather_facts: false
  roles: [notes_api]
`;
const WRITE_ROLE = `
- name: Template config
  ansible.builtin.copy:
    dest: "{{ playbook_dir }}/out/notes.conf"
    content: "port = 8080\\n"
- name: Seed files
  ansible.builtin.copy:
    dest: "{{ playbook_dir }}/out/{{ item }}.txt"
    content: "{{ item }}\\n"
  loop: [one, two, three]
- name: Probe that fails but is ignored
  ansible.builtin.command: /bin/false
  changed_when: false
  ignore_errors: true
`;

describe('certify_result with the real ansible-playbook', { concurrency: 2 }, () => {
  test('a first run names what changed; the second changes nothing and is idempotent', async () => {
    const repo = await makeRepo({ 'ansible.cfg': '[defaults]\nroles_path = roles\n', 'playbooks/notes-deploy.yml': WRITE_PLAYBOOK, 'roles/notes_api/tasks/main.yml': WRITE_ROLE, 'playbooks/out/.keep': '' });
    const first = await runPlaybook(repo, 'playbooks/notes-deploy.yml', { name: 'first' });
    assert.equal(first.exitCode, 0, first.stdout + first.stderr);
    const firstResult = resultOf(first);
    assert.equal(firstResult.playbook, path.join(repo, 'playbooks/notes-deploy.yml'));
    assert.deepEqual(firstResult.stats, { localhost: { ok: 3, changed: 2, failures: 0, unreachable: 0, skipped: 0, rescued: 0, ignored: 1 } });
    assert.deepEqual(firstResult.changed, [
      { host: 'localhost', task: 'Template config', role: 'notes_api', action: 'ansible.builtin.copy', path: `${path.join(repo, 'roles/notes_api/tasks/main.yml')}:2`, handler: false, items: null },
      { host: 'localhost', task: 'Seed files', role: 'notes_api', action: 'ansible.builtin.copy', path: `${path.join(repo, 'roles/notes_api/tasks/main.yml')}:6`, handler: false, items: 3 },
    ]);
    assert.deepEqual(
      firstResult.failed.map(({ task, ignored, unreachable, msg }) => ({ task, ignored, unreachable, msg })),
      [{ task: 'Probe that fails but is ignored', ignored: true, unreachable: false, msg: 'non-zero return code' }],
    );
    const firstVerdict = judgeIdempotence(first.read);
    assert.equal(firstVerdict.passed, false);
    assert.deepEqual(firstVerdict.changedTasks, ['notes_api : Template config', 'notes_api : Seed files']);
    assert.equal(firstVerdict.problem, 'changed=2: notes_api : Template config, notes_api : Seed files');

    const second = await runPlaybook(repo, 'playbooks/notes-deploy.yml', { name: 'second' });
    assert.equal(second.exitCode, 0, second.stdout + second.stderr);
    assert.deepEqual(resultOf(second).changed, []);
    assert.deepEqual(judgeIdempotence(second.read), { passed: true, changed: 0, changedTasks: [], summary: 'no changes (ok=3 on localhost)' });
    assert.deepEqual(summarisePlaybook(second.read), { ok: 3, changed: 0, failed: 0, unreachable: 0, hosts: ['localhost'] });
  });

  test('a handler that always runs is named as a changed handler', async () => {
    const repo = await makeRepo({
      'ansible.cfg': '[defaults]\nroles_path = roles\n',
      'playbooks/site.yml': `
- hosts: all
  gather_facts: false
  roles: [web]
`,
      'roles/web/tasks/main.yml': `
- name: Touch nothing, but say so
  ansible.builtin.command: /bin/true
  changed_when: true
  notify: Restart web
`,
      'roles/web/handlers/main.yml': `
- name: Restart web
  ansible.builtin.command: /bin/true
`,
    });
    const run = await runPlaybook(repo, 'playbooks/site.yml');
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.match(plain(run.stdout), /RUNNING HANDLER \[web : Restart web\]/);
    assert.deepEqual(
      resultOf(run).changed.map(({ task, role, handler, action }) => ({ task, role, handler, action })),
      [
        { task: 'Touch nothing, but say so', role: 'web', handler: false, action: 'ansible.builtin.command' },
        { task: 'Restart web', role: 'web', handler: true, action: 'ansible.builtin.command' },
      ],
    );
    const verdict = judgeIdempotence(run.read);
    assert.equal(verdict.passed, false);
    assert.equal(verdict.changed, 2);
    assert.deepEqual(verdict.changedTasks, ['web : Touch nothing, but say so', 'web : Restart web (handler)']);
    assert.equal(judgeIdempotence(run.read, { allowedChanges: 2 }).passed, true);
  });

  test('a failing task is listed with its message, and the run is not idempotent', async () => {
    const repo = await makeRepo({
      'site.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - name: Check the service answers
      ansible.builtin.shell: echo "connection refused on :8080" >&2; exit 3
    - name: Never reached
      ansible.builtin.command: /bin/true
`,
    });
    const run = await runPlaybook(repo, 'site.yml');
    assert.equal(run.exitCode, 2);
    const result = resultOf(run);
    assert.equal(result.stats.localhost?.failures, 1);
    assert.deepEqual(result.failed, [
      { host: 'localhost', task: 'Check the service answers', role: null, path: `${path.join(repo, 'site.yml')}:5`, msg: 'non-zero return code\nconnection refused on :8080', unreachable: false, ignored: false },
    ]);
    const verdict = judgeIdempotence(run.read);
    assert.equal(verdict.passed, false);
    assert.equal(verdict.problem, 'failed=1 — Check the service answers on localhost: non-zero return code');
    assert.deepEqual(summarisePlaybook(run.read), { ok: 0, changed: 0, failed: 1, unreachable: 0, hosts: ['localhost'] });
  });

  test('a no_log task that fails keeps its output out of the results file', async () => {
    const repo = await makeRepo({
      'site.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - name: Log in with the vault token
      ansible.builtin.shell: echo "token s3cr3t-t0ken rejected" >&2; exit 1
      no_log: true
`,
    });
    const run = await runPlaybook(repo, 'site.yml');
    assert.equal(run.exitCode, 2);
    const [failure] = resultOf(run).failed;
    assert.equal(failure?.task, 'Log in with the vault token');
    assert.match(failure?.msg ?? '', /no_log: true/);
    assert.ok(run.read.kind === 'ok' && !(await fs.readFile(run.read.file, 'utf8')).includes('s3cr3t'));
  });

  test('an unreachable host is listed as unreachable, and the run is not idempotent', async () => {
    const repo = await makeRepo({
      'inventory.ini': 'ghost ansible_host=127.0.0.1 ansible_port=9 ansible_connection=ssh ansible_ssh_common_args="-o ConnectTimeout=5 -o StrictHostKeyChecking=no"\n',
      'site.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Ping\n      ansible.builtin.ping:\n',
    });
    const run = await runPlaybook(repo, 'site.yml', { args: ['-i', 'inventory.ini'] });
    assert.equal(run.exitCode, 4);
    const result = resultOf(run);
    assert.equal(result.stats.ghost?.unreachable, 1);
    assert.deepEqual(result.failed.map(({ host, task, unreachable }) => ({ host, task, unreachable })), [{ host: 'ghost', task: 'Ping', unreachable: true }]);
    const verdict = judgeIdempotence(run.read, { host: 'ghost' });
    assert.equal(verdict.passed, false);
    assert.match(verdict.problem ?? '', /^unreachable=1 — ghost: .*Connection refused/);
  });

  test('a syntax error leaves no results, which never passes as idempotent', async () => {
    const repo = await makeRepo({ 'site.yml': '- hosts: all\n  tasks:\n    - name: Broken\n      ansible.builtin.copy: {dest: /tmp/x\n' });
    const run = await runPlaybook(repo, 'site.yml');
    assert.notEqual(run.exitCode, 0);
    assert.match(plain(run.stderr), /ERROR!/);
    assert.equal(run.read.kind, 'missing');
    assert.deepEqual(judgeIdempotence(run.read), { passed: false, changed: 0, changedTasks: [], summary: NO_RESULTS_PROBLEM, problem: NO_RESULTS_PROBLEM });
    assert.equal(summarisePlaybook(run.read), undefined);
  });

  test("the repo's own callbacks_enabled (profile_tasks) stays enabled beside Certify's", async () => {
    const repo = await makeRepo({
      'ansible.cfg': '[defaults]\ncallbacks_enabled = profile_tasks ; timings for the team\n',
      'site.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Say hello\n      ansible.builtin.debug: {msg: hello}\n',
    });
    const run = await runPlaybook(repo, 'site.yml');
    assert.equal(run.added.ANSIBLE_CALLBACKS_ENABLED, 'profile_tasks,certify_result');
    assert.equal(run.exitCode, 0, run.stderr);
    // profile_tasks' closing table: one row per task with its duration.
    assert.match(plain(run.stdout), /^Say hello -+ \d+\.\d+s$/m);
    assert.deepEqual(resultOf(run).stats.localhost?.ok, 1);
  });

  test("the repo's stdout_callback = yaml prints as before, and the results file is still written", async () => {
    const repo = await makeRepo({
      'ansible.cfg': '[defaults]\nstdout_callback = yaml\n',
      'site.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Say hello\n      ansible.builtin.debug: {msg: hello}\n',
    });
    const run = await runPlaybook(repo, 'site.yml');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(plain(run.stdout), /^ok: \[localhost\] =>\s*\n\s+msg: hello$/m);
    assert.deepEqual(resultOf(run).stats.localhost, { ok: 1, changed: 0, failures: 0, unreachable: 0, skipped: 0, rescued: 0, ignored: 0 });
  });

  test('it prints nothing: with the json stdout callback, stdout is exactly one JSON document', async () => {
    const repo = await makeRepo({
      'ansible.cfg': '[defaults]\nstdout_callback = json\n',
      'site.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Change something\n      ansible.builtin.command: /bin/true\n',
    });
    const run = await runPlaybook(repo, 'site.yml');
    assert.equal(run.exitCode, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as { stats: Record<string, { changed: number }> };
    assert.equal(printed.stats.localhost?.changed, 1);
    assert.deepEqual(resultOf(run).changed.map((entry) => entry.task), ['Change something']);
  });

  test('hostile task names (quotes, backslashes, unicode, template braces) round-trip exactly', async () => {
    const names = ['He said "hi" — it\'s done', 'back\\slash and\ttab', 'ünïcødé ✓ 日本語 🚀', 'braces {{ not a template }}', '<b>markup</b> & ; $(rm -rf /)'];
    const tasks = names.map((name) => `    - name: ${JSON.stringify(name).replace('{{', "{{ '{{' }}")}\n      ansible.builtin.command: /bin/true\n`).join('');
    const repo = await makeRepo({ 'site.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}` });
    const run = await runPlaybook(repo, 'site.yml');
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.deepEqual(resultOf(run).changed.map((entry) => entry.task), names);
    const verdict = judgeIdempotence(run.read);
    assert.deepEqual(verdict.changedTasks, names);
    assert.equal(verdict.summary, `changed=5: ${names.join(', ')}`);
  });
});

describe('the results file', () => {
  test('is replaced whole: no temporary file is left beside it', async () => {
    const repo = await makeRepo({ 'site.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.command: /bin/true\n' });
    const run = await runPlaybook(repo, 'site.yml');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(await fs.readdir(path.join(repo, '.certify', 'runs')), ['run.ansible.json']);
    // A task without a name is named by its action, as Ansible's TASK banner does.
    assert.deepEqual(resultOf(run).changed.map((entry) => entry.task), ['ansible.builtin.command']);
  });
});
