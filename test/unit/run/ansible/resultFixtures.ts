// Result documents as certify_result.py writes them, for tests that need one without running
// Ansible: a quiet run on pve01 unless the test says otherwise.

import type { AnsibleResultRead } from '../../../../src/run/ansible/ansibleResult';
import type { AnsibleResult, ChangedTask, FailedTask, HostStats } from '../../../../src/run/ansible/resultDocument';

export function hostStats(counts: Partial<HostStats> = {}): HostStats {
  return { ok: 12, changed: 0, failures: 0, unreachable: 0, skipped: 1, rescued: 0, ignored: 0, ...counts };
}

export function changedTask(task: string, fields: Partial<ChangedTask> = {}): ChangedTask {
  return { host: 'pve01', task, role: 'notes_api', action: 'ansible.builtin.template', path: '/repo/roles/notes_api/tasks/main.yml:3', handler: false, items: null, ...fields };
}

export function failedTask(task: string, fields: Partial<FailedTask> = {}): FailedTask {
  return { host: 'pve01', task, role: 'notes_api', path: null, msg: 'non-zero return code', unreachable: false, ignored: false, ...fields };
}

/** A document; `overrides` may also hold wrong values, for the damaged-file tests. */
export function resultDocument(overrides: Record<string, unknown> = {}): AnsibleResult {
  return {
    version: 1,
    playbook: '/repo/playbooks/notes-deploy.yml',
    started: '2026-12-04T23:50:01.123Z',
    finished: '2026-12-04T23:51:13.456Z',
    stats: { pve01: hostStats() },
    changed: [],
    failed: [],
    ...overrides,
  } as AnsibleResult;
}

export function readOk(overrides: Partial<AnsibleResult> = {}): AnsibleResultRead {
  return { kind: 'ok', file: '/repo/.certify/notes/runs/run.ansible.json', result: resultDocument(overrides) };
}
