// command/shell/raw always report "changed": without changed_when, creates or removes a second
// run can never show changed=0, and Step 3's idempotency check fails.

import type { Node } from 'yaml';
import type { Finding, Fix } from '../../../core/findings';
import { findingOnNode, nodeSpan, replaceEdit, type LintedFile } from '../lintedFile';
import type { FileRule, LintRuleInfo } from '../rule';
import { freeForm, freeFormOption, getPair, isCommandModule, moduleArg, tasksOf, type Task } from '../tasks';

const info: LintRuleInfo = {
  id: 'no-changed-when',
  severity: 'warning',
  summary: 'command, shell and raw tasks need changed_when, creates or removes, or every run reports a change (not idempotent).',
  category: 'lint',
  scope: 'file',
};

export const noChangedWhen: FileRule = {
  info,
  check(file) {
    const findings: Finding[] = [];
    for (const task of tasksOf(file)) {
      const call = task.module;
      if (!isCommandModule(call) || getPair(task.node, 'changed_when')) continue;
      const free = freeForm(call);
      const declares = (key: string): boolean => moduleArg(call, key) !== undefined || (free !== undefined && freeFormOption(free.value as string, key) !== null);
      if (declares('creates') || declares('removes')) continue;
      findings.push(
        findingOnNode(
          file,
          info,
          call.keyNode,
          `${call.name} reports "changed" on every run: add changed_when (false for a read-only command, or a condition on its result) or creates/removes, so a second run shows changed=0.`,
          insertChangedWhen(file, task),
        ),
      );
    }
    return findings;
  },
};

/** Inserts `changed_when: false` on its own line after the task's `name:` (or before its first key). */
function insertChangedWhen(file: LintedFile, task: Task): Fix[] {
  if (task.node.flow) return [];
  const first = task.node.items[0];
  const firstKey = first?.key as Node | undefined;
  if (!firstKey?.range) return [];
  const keyPos = file.positions.position(firstKey.range[0]);
  const indent = ' '.repeat(keyPos.column - 1);
  const title = 'Add changed_when: false';
  const name = getPair(task.node, 'name');
  const nameValue = name?.value as Node | undefined;
  if (name === first && nameValue?.range) {
    const valueEnd = file.positions.position(nodeSpan(file, nameValue)[1]);
    // Only when the name fits on its line: after a multi-line name the next line is no boundary.
    if (valueEnd.line === keyPos.line) {
      const lineEnd = file.positions.lineEnd(keyPos.line);
      const edit = replaceEdit(file, [lineEnd, lineEnd], `${file.newline}${indent}changed_when: false`);
      return [{ title, edits: [edit] }];
    }
  }
  const at = firstKey.range[0];
  return [{ title, edits: [replaceEdit(file, [at, at], `changed_when: false${file.newline}${indent}`)] }];
}

