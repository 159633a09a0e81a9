// Builds consistency inputs the way front ends do (snapshot → model → check) and applies the
// quick fixes findings offer, so tests can prove a fix really removes its finding.

import type { Finding, FixEdit } from '../../../../src/core/findings';
import { checkConsistency } from '../../../../src/check/consistency';
import { buildRepoModel } from '../../../../src/repo/discovery';
import type { YamlCache } from '../../../../src/repo/parseCache';
import { readRepoSnapshot } from '../../../../src/repo/snapshot';
import { readValidationTexts } from '../../../../src/repo/validationTexts';
import { makeRepo } from '../../helpers/tempRepo';

export const ROLE = (role: string, defaults: string): Record<string, string> => ({
  [`roles/${role}/defaults/main.yml`]: defaults,
  [`roles/${role}/tasks/main.yml`]: '- name: noop\n  ansible.builtin.debug:\n    msg: ok\n',
});

export const PLAYBOOK = (service: string, role: string): Record<string, string> => ({
  [`playbooks/${service}-deploy.yml`]: `- hosts: proxmox_admin\n  roles:\n    - role: ${role}\n`,
});

/** Findings for a repo made of `files` (optionally only one rule's). */
export async function check(files: Record<string, string>, ruleId?: string): Promise<Finding[]> {
  return checkRoot(await makeRepo(files), ruleId);
}

export async function checkRoot(root: string, ruleId?: string): Promise<Finding[]> {
  const snapshot = await readRepoSnapshot(root);
  const cache: YamlCache = new Map();
  const model = buildRepoModel(snapshot, cache);
  // Validation's texts as front ends pass them: a restore role's tasks are read from them.
  const { texts } = await readValidationTexts(snapshot);
  const findings = checkConsistency({ snapshot, model, cache, texts });
  return ruleId ? findings.filter((finding) => finding.ruleId === ruleId) : findings;
}

/** Where a finding stands, compactly: "file:line:column-endLine:endColumn". */
export function at(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`;
}

/** `files` with the edits of a fix applied (replace edits of one file applied bottom-up; creates added). */
export function applyFix(files: Record<string, string>, edits: FixEdit[]): Record<string, string> {
  const result = { ...files };
  const replaces = edits.filter((edit): edit is Extract<FixEdit, { kind: 'replace' }> => edit.kind === 'replace');
  replaces.sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.column - a.range.start.column);
  for (const edit of replaces) {
    const text = result[edit.file];
    if (text === undefined) throw new Error(`fix edits ${edit.file}, which the test repo does not have`);
    const offset = (position: { line: number; column: number }): number => {
      const lines = text.split('\n');
      return lines.slice(0, position.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + position.column - 1;
    };
    result[edit.file] = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  }
  for (const edit of edits) {
    if (edit.kind !== 'create') continue;
    if (result[edit.file] !== undefined) throw new Error(`create fix would overwrite ${edit.file}`);
    result[edit.file] = edit.content;
  }
  return result;
}
