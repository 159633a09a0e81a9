// Containers are created, started and stopped through the Proxmox API (Step 1), not by running
// `pct` on the host: the API module is idempotent, works with tokens and needs no root shell.

import type { Finding } from '../../../core/findings';
import { findingOnNode } from '../lintedFile';
import type { FileRule, LintRuleInfo } from '../rule';
import { commandTexts, isCommandModule, tasksOf } from '../tasks';

const info: LintRuleInfo = {
  id: 'proxmox-via-pct',
  severity: 'warning',
  summary: 'Containers are managed through the Proxmox API module (community.proxmox.proxmox), not by running pct on the host.',
  category: 'lint',
  scope: 'file',
};

/** pct sub-commands that change a container; read-only ones (list, status, config) are fine. */
const CHANGING = [
  'create', 'start', 'stop', 'shutdown', 'reboot', 'destroy', 'set', 'exec', 'enter', 'push', 'pull',
  'restore', 'resize', 'clone', 'migrate', 'remote-migrate', 'snapshot', 'rollback', 'delsnapshot',
  'mount', 'unmount', 'template', 'move-volume', 'move_volume', 'suspend', 'resume', 'unlock', 'fstrim',
];
const PCT = new RegExp(`(?:^|[\\s;&|(\`$'"])(?:/usr/sbin/)?pct\\s+(${CHANGING.join('|')})(?=$|[\\s;&|)'"])`, 'm');
const INSIDE = new Set(['exec', 'enter', 'push', 'pull']);

export const proxmoxViaPct: FileRule = {
  info,
  check(file) {
    const findings: Finding[] = [];
    for (const task of tasksOf(file)) {
      if (!isCommandModule(task.module)) continue;
      for (const command of commandTexts(task.module)) {
        const verb = PCT.exec(command.text)?.[1];
        if (!verb) continue;
        const what = INSIDE.has(verb)
          ? 'configure the container over SSH with delegate_to: <service>_container instead'
          : 'use community.proxmox.proxmox (or community.general.proxmox) with state: present/started/stopped/absent instead';
        findings.push(findingOnNode(file, info, command.node, `pct ${verb} manages the container outside the Proxmox API: ${what}.`));
        break;
      }
    }
    return findings;
  },
};
