import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintRule, marked, span, yaml } from './helpers';

const RULE = 'proxmox-via-pct';
const TASKS = 'roles/app_api/tasks/main.yml';
const lint = (text: string, file = TASKS) => lintRule(RULE, file, text);

describe('proxmox-via-pct', () => {
  test('flags pct create on the host and marks the command value', () => {
    const text = yaml(
      '- name: Create container',
      '  ansible.builtin.command: pct create 160 local:vztmpl/debian.tar.zst --hostname app',
      '  changed_when: true',
    );
    const [finding, ...rest] = lint(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(span(finding), '2:28-2:85');
    assert.equal(marked(text, finding), 'pct create 160 local:vztmpl/debian.tar.zst --hostname app');
    assert.match(finding.message, /pct create/);
    assert.match(finding.message, /community\.proxmox\.proxmox/);
  });

  test('pct exec points at delegate_to instead; every spelling and shell scripts are read', () => {
    const text = yaml(
      '- name: a',
      '  shell: |',
      '    set -e',
      '    pct exec 160 -- apt-get update',
      '  changed_when: true',
      '- name: b',
      '  ansible.builtin.command:',
      '    argv: [/usr/sbin/pct, start, "{{ app_container_id }}"]',
      '  changed_when: true',
      '- name: c',
      '  ansible.builtin.shell:',
      '    cmd: "pct stop 160 && pct destroy 160 --purge"',
      '  changed_when: true',
      '- name: d',
      '  raw: pct set 160 --memory 2048',
    );
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => f.line), [2, 8, 12, 15]);
    assert.match(findings[0].message, /pct exec .*delegate_to/);
    assert.equal(marked(text, findings[1]), '[/usr/sbin/pct, start, "{{ app_container_id }}"]');
    assert.match(findings[2].message, /pct stop/);
  });

  test('passes read-only pct commands, the API module and words that merely contain pct', () => {
    const text = yaml(
      '- name: List containers',
      '  command: pct list',
      '  changed_when: false',
      '- name: Status',
      '  command: pct status 160',
      '  changed_when: false',
      '- name: Create via API',
      '  community.proxmox.proxmox:',
      '    vmid: 160',
      '    state: present',
      '- name: Not pct',
      '  command: /opt/acpct start',
      '  changed_when: false',
      '- name: A debug message that mentions pct start is not a command',
      '  ansible.builtin.debug:',
      '    msg: run pct start 160 by hand',
    );
    assert.deepEqual(lint(text), []);
  });
});
