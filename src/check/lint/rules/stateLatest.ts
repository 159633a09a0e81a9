// `state: latest` upgrades whenever a new package is published: the same playbook changes the
// host on a later run and a rebuild installs versions nobody tested.

import { isScalar, type Node } from 'yaml';
import type { Finding } from '../../../core/findings';
import { findingAt, findingOnNode, findInNode, nodeSpan, replaceEdit } from '../lintedFile';
import type { FileRule, LintRuleInfo } from '../rule';
import { freeForm, freeFormOption, isModule, moduleArg, tasksOf } from '../tasks';

const info: LintRuleInfo = {
  id: 'state-latest',
  severity: 'warning',
  summary: 'Package tasks use state: present, not latest: latest changes hosts whenever a release appears (not idempotent, untested upgrades).',
  category: 'lint',
  scope: 'file',
};

const PACKAGE_MODULES = new Set([
  'apt', 'yum', 'dnf', 'dnf5', 'package', 'pip', 'apk', 'pacman', 'zypper', 'homebrew', 'pkgng', 'snap', 'npm', 'gem', 'yarn', 'pipx',
]);
const MESSAGE = 'state: latest upgrades on every run when a new release exists: use state: present (pin a version in the package name to upgrade on purpose).';

export const stateLatest: FileRule = {
  info,
  check(file) {
    const findings: Finding[] = [];
    for (const task of tasksOf(file)) {
      const call = task.module;
      if (!call || !isModule(call.name, PACKAGE_MODULES, ['community.general'])) continue;
      const state = moduleArg(call, 'state')?.value as Node | undefined;
      if (isScalar(state) && state.value === 'latest') {
        const fix = { title: 'Use state: present', edits: [replaceEdit(file, nodeSpan(file, state), 'present')] };
        findings.push(findingOnNode(file, info, state, MESSAGE, [fix]));
        continue;
      }
      // Free form: `apt: name=nginx state=latest`.
      const free = freeForm(call);
      if (free && freeFormOption(free.value as string, 'state')?.[1] === 'latest') {
        const span = findInNode(file, free, 'state=latest');
        if (!span) {
          findings.push(findingOnNode(file, info, free, MESSAGE));
          continue;
        }
        const value: [number, number] = [span[0] + 'state='.length, span[1]];
        findings.push(findingAt(file, info, value, MESSAGE, [{ title: 'Use state=present', edits: [replaceEdit(file, value, 'present')] }]));
      }
    }
    return findings;
  },
};
