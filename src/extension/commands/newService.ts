// "New Service…": asks name, container id and IP (suggesting the next free ones), port and
// backup type; writes the role, deploy playbook, definition and test-data scripts (never over
// an existing file); then proposes the backup/restore role entries as an edit to review.

import { vscode } from '../vscodeApi';
import type { BackupType, ScaffoldPlan, ScaffoldRequest } from '../../scaffold';
import type { CertifyContext } from '../context';
import { fixToWorkspaceEdit } from '../fixEdits';
import { ACTIONS, notify, type NotifyAction } from '../notify';
import type { RepoWatcher } from '../repoWatcher';

const BACKUP_TYPES: { label: string; description: string; value: BackupType }[] = [
  { label: 'PostgreSQL', description: 'pg_dump of the service database', value: 'postgresql' },
  { label: 'Redis', description: 'RDB snapshot', value: 'redis' },
  { label: 'Files / volumes', description: 'tar of data directories', value: 'files' },
  { label: 'None yet', description: 'decide in Step 4', value: 'none' },
];

export function newService(ctx: CertifyContext) {
  return async (): Promise<void> => {
    const repo = await pickRepo(ctx.repos.all());
    if (!repo) return;
    // Suggestions and the plan read the repo's texts: they are there once the first validation is.
    await repo.validated;
    const validation = repo.validation;
    if (!validation) {
      notify('error', `New Service: ${repo.folder.name} could not be read. The log says why; refresh once it is fixed.`, ACTIONS.showLog(ctx.log), ACTIONS.refresh());
      return;
    }
    const exists = (file: string): boolean => repo.fileExists(file);
    const { checkRequest, planScaffold, suggestNext, writeScaffold } = repo.engine;
    const next = suggestNext(repo.model, validation.texts);
    const ask = async (prompt: string, value: string, check: (text: string) => string | undefined): Promise<string | undefined> =>
      vscode.window.showInputBox({ title: 'Certify: New Service', prompt, value, ignoreFocusOut: true, validateInput: check });

    const name = await ask('Service name (lowercase letters, digits, dashes)', '', (text) =>
      /^[a-z0-9][a-z0-9_-]{0,62}$/.test(text) ? undefined : 'Use lowercase letters, digits, dashes and underscores, starting with a letter or digit.',
    );
    if (!name) return;
    const containerId = await ask('Proxmox container id (VMID)', String(next.containerId), (text) =>
      /^\d+$/.test(text) && Number(text) >= 100 ? undefined : 'A whole number, 100 or more.',
    );
    if (!containerId) return;
    const ipAddress = await ask('Container IP address', next.ipAddress, (text) =>
      /^\d{1,3}(\.\d{1,3}){3}$/.test(text) ? undefined : 'An IPv4 address such as 172.16.10.63.',
    );
    if (!ipAddress) return;
    const port = await ask('Service port', '8080', (text) => (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 65535 ? undefined : 'A port from 1 to 65535.'));
    if (!port) return;
    const backup = await vscode.window.showQuickPick(BACKUP_TYPES, { title: 'Certify: New Service — what data must be backed up?', ignoreFocusOut: true });
    if (!backup) return;

    const request: ScaffoldRequest = { name, containerId: Number(containerId), ipAddress, port: Number(port), backupType: backup.value };
    const problems = checkRequest(request, repo.model, exists, validation.texts);
    if (problems.length > 0) {
      notify('error', `New Service: ${name} was not created. ${problems.join(' ')}`, ACTIONS.newService());
      return;
    }
    const plan = planScaffold(request, { model: repo.model, texts: validation.texts }, exists);
    let written: string[];
    try {
      written = await writeScaffold(repo.folder.uri.fsPath, plan);
    } catch (error) {
      ctx.log.error(`scaffold of ${name} failed`, error as Error);
      notify('error', `New Service: could not create ${name} (${(error as Error).message}). Nothing existing was overwritten.`, ACTIONS.showLog(ctx.log));
      return;
    }
    ctx.log.info(`scaffolded ${name}: ${written.join(', ')}${plan.skipped.length ? `; kept existing ${plan.skipped.join(', ')}` : ''}`);
    for (const note of plan.notes) ctx.log.info(`${name}: ${note}`);
    finishByHand(ctx, name, plan);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(repo.folder.uri, 'services', `${name}.yml`), { preview: false });
    if (plan.proposedEdits.length > 0) {
      // needsConfirmation opens the refactor preview: the user reviews the backup/restore entries.
      const metadata = { needsConfirmation: true, label: `Add ${name} to the backup and restore roles` };
      await vscode.workspace.applyEdit(fixToWorkspaceEdit(repo.folder.uri, { edits: plan.proposedEdits }, metadata));
    }
  };
}

/**
 * What is left to do by hand, named in the toast with a button that opens it: the TODOs the
 * templates leave (a search over the new files), and the other notes (the log lists them all).
 */
function finishByHand(ctx: CertifyContext, name: string, plan: ScaffoldPlan): void {
  const todoFiles = plan.create.filter((planned) => planned.content.includes('TODO')).map((planned) => planned.file);
  // The scaffold's first note is the TODO one; the toast says it in its own words.
  const others = plan.notes.filter((note) => !note.startsWith('Replace the TODOs'));
  const parts: string[] = [];
  const actions: NotifyAction[] = [];
  if (todoFiles.length > 0) {
    parts.push(`replace the TODOs in its ${todoFiles.length} new files (role, definition, test-data scripts)`);
    actions.push({
      title: 'Find the TODOs',
      run: () =>
        vscode.commands.executeCommand('workbench.action.findInFiles', {
          query: 'TODO',
          filesToInclude: todoFiles.join(', '),
          triggerSearch: true,
          isRegex: false,
          matchWholeWord: true,
          isCaseSensitive: true,
        }),
    });
  }
  if (others.length === 1) parts.push(others[0].replace(/\.$/, '').replace(/^./, (first) => first.toLowerCase()));
  else if (others.length > 1) parts.push(`${others.length} more things listed in Output › Certify`);
  if (others.length > 0) actions.push({ title: others.length === 1 ? 'Show in Log' : 'Show the List', run: () => ctx.log.show() });
  if (parts.length === 0) return;
  notify('info', `${name} created. To finish by hand: ${parts.join('; and ')}.`, ...actions);
}

async function pickRepo(repos: readonly RepoWatcher[]): Promise<RepoWatcher | undefined> {
  if (repos.length === 0) {
    notify('info', 'New Service needs your infrastructure repo: open its folder first.', ACTIONS.openFolder());
    return undefined;
  }
  if (repos.length === 1) return repos[0];
  const picked = await vscode.window.showQuickPick(
    repos.map((repo) => ({ label: repo.folder.name, repo })),
    { title: 'Certify: New Service — in which repo?' },
  );
  return picked?.repo;
}
