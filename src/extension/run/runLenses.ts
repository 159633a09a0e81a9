// The run lenses: on a deploy playbook "Deploy" (Step 1), "Recreate, time & check idempotency" (Step 3)
// and "Certify all steps"; on the backup playbook "Run backup…" (Step 6) and on the restore
// playbook "Restore from…" (Step 9), each asking which service. A step that cannot start shows
// its lock and why, and a click explains; a service running here offers to cancel. In an
// untrusted workspace there are none: nothing would run.

import { vscode } from '../vscodeApi';
import { canStart } from '../../core/gates';
import { displayText } from '../../core/displayText';
import { createEmptyRecord } from '../../core/record';
import type { Service } from '../../core/service';
import { stepById, type StepId } from '../../core/steps';
import { BACKUP_PLAYBOOKS, RESTORE_PLAYBOOKS } from '../../repo/layout';
import { COMMAND_IDS } from '../commandIds';
import type { CertifyContext } from '../context';
import type { RepoWatcher } from '../repoWatcher';

const isBackupPlaybook = (file: string): boolean => (BACKUP_PLAYBOOKS as readonly string[]).includes(file);
const isRestorePlaybook = (file: string): boolean => (RESTORE_PLAYBOOKS as readonly string[]).includes(file);

const REASON_MAX = 40;

export function runLenses(ctx: CertifyContext, repo: RepoWatcher, file: string, service: Service | undefined, range: vscode.Range): vscode.CodeLens[] {
  if (!vscode.workspace.isTrusted) return [];
  const folder = repo.folder.uri;
  if (isBackupPlaybook(file)) {
    return [lens(range, '$(archive) Run backup…', 'Step 6 (Test Backup) of a service you pick: runs this playbook for it alone and checks what it wrote.', COMMAND_IDS.runStep, [folder, undefined, 'test-backup'])];
  }
  if (isRestorePlaybook(file)) {
    return [lens(range, '$(history) Restore from…', "Step 9 (Restore & Verify) of a service you pick: restores it from its Step 7 backup and checks its data.", COMMAND_IDS.runStep, [folder, undefined, 'restore-verify'])];
  }
  if (!service || service.deployPlaybook !== file) return [];
  const active = ctx.runs.get(folder, service.name);
  if (active) {
    return [lens(range, `$(debug-stop) Cancel ${active.label}`, `${service.name} is running here (${active.label}). Click to cancel: the running action stops and the step can be resumed.`, COMMAND_IDS.cancelRun, [folder, service.name])];
  }
  const record = repo.recordOf(service.name) ?? createEmptyRecord(service.name, new Date());
  const step = (id: StepId, title: string, tooltip: string): vscode.CodeLens => {
    const blocked = canStart(record, id);
    if (blocked) {
      return lens(range, `$(lock) Step ${stepById(id).number} blocked: ${shorten(displayText(blocked))}`, `${displayText(blocked)} Click for more.`, COMMAND_IDS.explainBlocked, [folder, service.name, id]);
    }
    return lens(range, title, tooltip, COMMAND_IDS.runStep, [folder, service.name, id]);
  };
  const all = canStart(record, 'implement');
  return [
    step('implement', '$(play) Deploy', `Step 1 (Implement): runs this playbook against the Proxmox host, timed, then checks the container and its health URL.`),
    step('recreate', '$(debug-restart) Recreate, time & check idempotency', 'Step 3 (Recreate): deletes the container (you type its id to confirm), deploys again from nothing, timed, then a second time: nothing may change.'),
    all
      ? lens(range, `$(lock) Certify all: ${shorten(displayText(all))}`, `${displayText(all)} Click for more.`, COMMAND_IDS.explainBlocked, [folder, service.name, 'implement'])
      : lens(range, '$(run-all) Certify all steps', `All nine steps of ${service.name} from Step 1, stopping at the first that does not pass.`, COMMAND_IDS.certifyAll, [folder, service.name]),
  ];
}

function lens(range: vscode.Range, title: string, tooltip: string, command: string, args: unknown[]): vscode.CodeLens {
  return new vscode.CodeLens(range, { title, tooltip, command, arguments: args });
}

/** The gate's reason, short: "Step 3 (Recreate) is locked: pass Step 2 (Test) first." → "pass Step 2 (Test) first". */
function shorten(reason: string): string {
  const short = reason.replace(/^Step \d \([^)]*\) (is locked|needs)[:]? ?/, (_, verb: string) => (verb === 'needs' ? 'needs ' : '')).replace(/\.$/, '');
  return short.length <= REASON_MAX ? short : `${short.slice(0, REASON_MAX - 1)}…`;
}
