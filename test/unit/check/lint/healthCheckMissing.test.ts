import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintFile } from '../../../../src/check/lint';
import { applyFix, contextOf, onlyFix, span, yaml } from './helpers';

const RULE = 'health-check-missing';
const MAIN = 'roles/app_api/tasks/main.yml';
const DEFAULTS = yaml('app_ip_address: 172.16.10.80', 'app_service_port: 8080');
const NO_CHECK = yaml('---', '- name: Install app', '  ansible.builtin.apt:', '    name: app', '    state: present');

function lint(file: string, text: string, repo: Record<string, string> = {}) {
  return lintFile(file, text, contextOf({ ...repo, [file]: text })).filter((f) => f.ruleId === RULE);
}

const withTask = (...lines: string[]) => NO_CHECK + yaml(...lines);

describe('health-check-missing', () => {
  test('flags a *_api role without a health check on line 1 of tasks/main.yml', () => {
    const [finding, ...rest] = lint(MAIN, NO_CHECK);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(span(finding), '1:1-1:4');
    assert.match(finding.message, /Role app_api deploys a service but never checks that it answers/);
    assert.match(finding.message, /ansible\.builtin\.uri task with status_code/);
  });

  test('a role applied by playbooks/*-deploy.yml is a deploy role too; other roles are not checked', () => {
    const playbook = yaml('- hosts: proxmox_admin', '  roles:', '    - prometheus_stack');
    assert.equal(lint('roles/prometheus_stack/tasks/main.yml', NO_CHECK, { 'playbooks/monitoring-deploy.yml': playbook }).length, 1);
    assert.deepEqual(lint('roles/common/tasks/main.yml', NO_CHECK), []);
    assert.deepEqual(lint('roles/app_api/tasks/other.yml', NO_CHECK), [], 'only tasks/main.yml carries the finding');
  });

  test('quick fix appends a uri check built from the role defaults; the result lints clean', () => {
    const repo = { 'roles/app_api/defaults/main.yml': DEFAULTS };
    const fix = onlyFix(lint(MAIN, NO_CHECK, repo)[0]);
    assert.equal(fix.title, 'Add an HTTP health check task');
    const fixed = applyFix(NO_CHECK, fix, MAIN);
    assert.ok(fixed.startsWith(NO_CHECK));
    assert.match(fixed, /url: "http:\/\/\{\{ app_ip_address \}\}:\{\{ app_service_port \}\}\/"\n    method: GET\n    status_code: 200/);
    assert.deepEqual(lint(MAIN, fixed, repo), []);
    assert.deepEqual(lintFile(MAIN, fixed, contextOf({ ...repo, [MAIN]: fixed })), [], 'the added task breaks no other rule');
    assert.equal(lint(MAIN, NO_CHECK)[0].fixes, undefined, 'no address/port defaults: no fix');
  });

  test('passes uri with status_code (single, list, in args:) and probes for services without HTTP', () => {
    const passing = [
      withTask('- ansible.builtin.uri:', '    url: http://x/health', '    status_code: 200'),
      withTask('- uri:', '    url: http://x/', '    status_code: [200, 401]'),
      withTask('- ansible.legacy.uri:', '    url: http://x/', '  args:', '    status_code: 204'),
      withTask('- name: Verify PostgreSQL accepts connections', '  ansible.builtin.command:', '    argv: [pg_isready, --host=x]', '  changed_when: false'),
      withTask('- name: Check', '  ansible.builtin.shell: redis-cli -h x ping | grep PONG', '  changed_when: false'),
      withTask('- name: Wait until the broker is ready', '  ansible.builtin.wait_for:', '    port: 5672'),
      withTask('- community.postgresql.postgresql_ping:', '    db: app'),
      withTask('- name: outer', '  block:', '    - name: Verify app is healthy', '      ansible.builtin.command: /opt/app/bin/check', '      changed_when: false'),
    ];
    for (const text of passing) assert.deepEqual(lint(MAIN, text), [], text);
  });

  test('a health check in another tasks file of the role counts', () => {
    const health = yaml('- ansible.builtin.uri:', '    url: http://x/', '    status_code: 200');
    assert.deepEqual(lint(MAIN, NO_CHECK, { 'roles/app_api/tasks/health.yml': health }), []);
    assert.equal(lint(MAIN, NO_CHECK, { 'roles/app_api/tasks/health.yml': NO_CHECK }).length, 1);
  });

  test('uri without status_code, waiting for SSH or an unnamed command are no health checks', () => {
    const failing = [
      withTask('- ansible.builtin.uri:', '    url: http://x/'),
      withTask('- name: Wait for SSH', '  ansible.builtin.wait_for:', '    port: 22'),
      withTask('- name: Run migrations', '  ansible.builtin.command: /opt/app/migrate', '  changed_when: true'),
    ];
    for (const text of failing) assert.equal(lint(MAIN, text).length, 1, text);
  });
});
