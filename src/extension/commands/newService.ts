// "New Service…": asks name, container id and IP (suggesting the next free ones), port and
// backup type; writes the role, deploy playbook, definition and test-data scripts (never over
// an existing file); then proposes the backup/restore role entries as an edit to review.

import * as vscode from 'vscode';
import { checkRequest, planScaffold, suggestNext, writeScaffold, type BackupType, type ScaffoldRequest } from '../../scaffold';
import type { CertifyContext } from '../context';
import { fixToWorkspaceEdit } from '../fixEdits';
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
      void vscode.window.showErrorMessage(`Certify: ${repo.folder.name} could not be read; see the Certify log, then run "Certify: Refresh Services".`);
      return;
    }
    const exists = (file: string): boolean => repo.fileExists(file);
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
      void vscode.window.showErrorMessage(`Certify: ${problems.join(' ')}`);
      return;
    }
    const plan = planScaffold(request, { model: repo.model, texts: validation.texts }, exists);
    let written: string[];
    try {
      written = await writeScaffold(repo.folder.uri.fsPath, plan);
    } catch (error) {
      ctx.log.error(`scaffold of ${name} failed`, error as Error);
      void vscode.window.showErrorMessage(`Certify: could not create ${name} (${(error as Error).message}). Nothing existing was overwritten.`);
      return;
    }
    ctx.log.info(`scaffolded ${name}: ${written.join(', ')}${plan.skipped.length ? `; kept existing ${plan.skipped.join(', ')}` : ''}`);
    for (const note of plan.notes) ctx.log.info(`${name}: ${note}`);
    if (plan.notes.length > 0) {
      const what = plan.notes.length === 1 ? 'One thing' : `${plan.notes.length} things`;
      void vscode.window.showInformationMessage(`Certify: ${name} created. ${what} to finish by hand: see Output › Certify.`, 'Show').then((choice) => {
        if (choice === 'Show') ctx.log.show();
      });
    }
    await vscode.window.showTextDocument(vscode.Uri.joinPath(repo.folder.uri, 'services', `${name}.yml`), { preview: false });
    if (plan.proposedEdits.length > 0) {
      // needsConfirmation opens the refactor preview: the user reviews the backup/restore entries.
      const metadata = { needsConfirmation: true, label: `Add ${name} to the backup and restore roles` };
      await vscode.workspace.applyEdit(fixToWorkspaceEdit(repo.folder.uri, { edits: plan.proposedEdits }, metadata));
    }
  };
}

async function pickRepo(repos: readonly RepoWatcher[]): Promise<RepoWatcher | undefined> {
  if (repos.length === 0) {
    void vscode.window.showInformationMessage('Certify: open your infrastructure repo folder first.');
    return undefined;
  }
  if (repos.length === 1) return repos[0];
  const picked = await vscode.window.showQuickPick(
    repos.map((repo) => ({ label: repo.folder.name, repo })),
    { title: 'Certify: New Service — in which repo?' },
  );
  return picked?.repo;
}
