// Builds RepoContexts the way the CLI does (loadRepoForValidation + validateRepo) and a small
// repo where every static check is met, which focused tests then break one piece at a time.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { StaticCheckId } from '../../../../src/core/steps';
import { evaluateStaticChecks, type StaticResult, type StaticResults } from '../../../../src/check/staticCriteria';
import { validateRepo, type RepoContext } from '../../../../src/check/validateRepo';
import { loadRepoForValidation } from '../../../../src/repo/loadRepo';
import { makeRepo } from '../../helpers/tempRepo';

export async function contextOf(root: string): Promise<RepoContext> {
  const loaded = await loadRepoForValidation(root);
  return validateRepo({ snapshot: loaded.snapshot, model: loaded.model, texts: loaded.texts, readFindings: loaded.readFindings }, loaded.cache);
}

export async function resultsOf(files: Record<string, string>, service = 'app'): Promise<StaticResults> {
  const repo = await contextOf(await makeRepo(files));
  const found = repo.model.services.find((candidate) => candidate.name === service);
  if (!found) throw new Error(`no service ${service} in the test repo (${repo.model.services.map((s) => s.name).join(', ')})`);
  return evaluateStaticChecks(found, repo);
}

/** One check's result for a repo. */
export async function checkOf(files: Record<string, string>, check: StaticCheckId, service = 'app'): Promise<StaticResult> {
  return (await resultsOf(files, service)).get(check) as StaticResult;
}

/** "met roles/x/README.md:1 …": status and evidence, compactly. */
export function show(result: StaticResult | undefined): string {
  if (!result) return 'missing';
  return [result.status, ...result.evidence.map((source) => `${source.file}:${source.line}`)].join(' ');
}

/** The 1-based line of `file` (under `root`) holding `needle` (its `occurrence`-th, from 0). */
export async function lineOf(root: string, file: string, needle: string, occurrence = 0): Promise<string> {
  const lines = (await fs.readFile(path.join(root, file), 'utf8')).split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes(needle)) continue;
    if (seen === occurrence) return `${file}:${i + 1}`;
    seen++;
  }
  throw new Error(`${needle} not in ${file}`);
}

export const TASKS = `---
- name: Create app container via Proxmox API
  community.general.proxmox:
    vmid: "{{ app_container_id }}"
    hostname: "{{ app_hostname }}"
    state: present

- name: Verify app is healthy
  ansible.builtin.uri:
    url: "http://{{ app_ip_address }}:{{ app_service_port }}/health"
    status_code: 200
`;

export const README = `# app_api

Deploys app, published at https://app.example.net.

## Usage

\`\`\`bash
ansible-playbook playbooks/app-deploy.yml
\`\`\`

## Ports

| Port | Protocol |
| --- | --- |
| 8080 | HTTP |

## Backup

RPO target < 24 h, RTO target < 30 min.
`;

/** A service "app" for which every static check is met. */
export function goodRepo(): Record<string, string> {
  return {
    'playbooks/app-deploy.yml': '---\n- name: Deploy app\n  hosts: proxmox_admin\n  roles:\n    - role: app_api\n',
    'roles/app_api/defaults/main.yml':
      '---\napp_container_id: 170\napp_hostname: app\napp_ip_address: 10.0.0.70\napp_service_port: 8080\napp_domain: app.example.net\napp_password: "{{ vault_app_password }}"\n',
    'roles/app_api/tasks/main.yml': TASKS,
    'roles/app_api/handlers/main.yml': '---\n- name: Restart app\n  ansible.builtin.debug:\n    msg: restart\n',
    'roles/app_api/templates/app.conf.j2': 'port = {{ app_service_port }}\n',
    'roles/app_api/README.md': README,
    'inventory/group_vars/all/vault.yml.example': '---\nvault_app_password: "CHANGE_ME"\n',
    'roles/backup_infrastructure/defaults/main.yml': '---\nbackup_app_enabled: true\nbackup_app_data_dir: /opt/app/data\n',
    'roles/backup_infrastructure/tasks/main.yml': '---\n- name: Back up\n  ansible.builtin.debug:\n    msg: backup\n',
    'roles/restore_infrastructure/defaults/main.yml': '---\nrestore_app_enabled: true\nrestore_app_data_dir: /opt/app/data\n',
    'roles/restore_infrastructure/tasks/main.yml': '---\n- name: Restore\n  ansible.builtin.debug:\n    msg: restore\n',
    'scripts/populate-app-testdata.sh': '#!/bin/bash\necho populate\n',
    'scripts/verify-app-testdata.sh': '#!/bin/bash\necho verify\n',
  };
}

/** goodRepo with some files replaced (undefined removes a file). */
export function withFiles(changes: Record<string, string | undefined>): Record<string, string> {
  const files = goodRepo();
  for (const [file, text] of Object.entries(changes)) {
    if (text === undefined) delete files[file];
    else files[file] = text;
  }
  return files;
}
