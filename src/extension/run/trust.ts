// Workspace trust: in an untrusted workspace Certify reads the repo (tree, validation, plans)
// and runs nothing. Every way to start a run asks here first.

import { vscode } from '../vscodeApi';
import type { NotifyAction } from '../notify';

/** What to tell a person who asked to `what` in an untrusted workspace; undefined when trusted. */
export function untrustedRefusal(what: string): { message: string; action: NotifyAction } | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return {
    message: `Certify does not ${what} in an untrusted workspace: it would run the repo's playbooks and scripts. Trust the workspace first.`,
    action: { title: 'Manage Workspace Trust', run: () => vscode.commands.executeCommand('workbench.trust.manage') },
  };
}
