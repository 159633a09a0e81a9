// "Start Local Lab", "Stop Local Lab" and "Lab Status": the local lab (docs/lab.md) from the
// editor, so a user can rehearse the workflow on the example repo. The lab needs Linux and
// root: an editor that runs as root does the work here, with progress in a notification and
// every line in the log; any other editor opens a terminal running the same `certify lab`
// command under sudo, where the user sees and answers the password prompt.

import * as path from 'node:path';
import { vscode } from '../vscodeApi';
import { shellQuote } from '../../core/shellQuote';
import { COMMAND_IDS } from '../commandIds';
import type { CertifyContext } from '../context';
import { ACTIONS, notify, type NotifyAction } from '../notify';

type LabAction = 'up' | 'down';

export function startLab(ctx: CertifyContext) {
  return async (): Promise<void> => {
    const repo = repoToPlay(ctx);
    const { labLayoutAsSaved, labStatus, labUp, LabUnsupportedError, statusText } = ctx.engines.repo();
    if (!canRunHere()) return runInTerminal(ctx, ['up', ...(repo ? ['--repo', repo] : [])]);
    const layout = labLayoutAsSaved();
    try {
      const result = await withLabProgress(ctx, 'up', 'Certify: starting the local lab', (onProgress, signal) =>
        labUp(layout, { repo, onProgress, signal }),
      );
      const status = await labStatus(layout);
      ctx.log.info(statusText(status));
      notify(
        'info',
        `Local lab '${layout.name}' is up (${(result.elapsedMs / 1000).toFixed(1)} s): API ${status.endpoints.apiUrl}, node ssh ${status.endpoints.ssh.host}:${status.endpoints.ssh.port}.`,
        statusAction(),
        ACTIONS.showLog(ctx.log),
      );
    } catch (error) {
      if (error instanceof LabUnsupportedError) {
        notify('error', `Start Local Lab: ${error.message}`, terminalAction(ctx, 'Install in Terminal', ['up', '--install', ...(repo ? ['--repo', repo] : [])]), ACTIONS.showLog(ctx.log));
        return;
      }
      throw error;
    }
  };
}

export function stopLab(ctx: CertifyContext) {
  return async (): Promise<void> => {
    if (!canRunHere()) return runInTerminal(ctx, ['down']);
    const { labDown, labLayoutAsSaved } = ctx.engines.repo();
    const layout = labLayoutAsSaved();
    const result = await withLabProgress(ctx, 'down', 'Certify: stopping the local lab', (onProgress) => labDown(layout, { onProgress }));
    notify('info', `Local lab '${layout.name}' is down (${(result.elapsedMs / 1000).toFixed(1)} s): nothing of it is left.`);
  };
}

export function showLabStatus(ctx: CertifyContext) {
  return async (): Promise<void> => {
    if (process.platform !== 'linux') {
      notify('info', 'The local lab runs on Linux only (network namespaces and LXC).');
      return;
    }
    const { labLayoutAsSaved, labStatus, statusText } = ctx.engines.repo();
    const text = statusText(await labStatus(labLayoutAsSaved()));
    ctx.log.info(text);
    const document = await vscode.workspace.openTextDocument(ctx.labStatusDocuments.show(text));
    await vscode.window.showTextDocument(document, { preview: true });
  };
}

/**
 * Lab Status as a read-only document (`certify-lab:Lab Status`): an untitled document would be
 * "unsaved" and ask to be saved when closed. Each show is a new URI (a counter in the query),
 * because VS Code hands back a document it still holds with its old text.
 */
export class LabStatusDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'certify-lab';
  private readonly texts = new Map<string, string>();
  private shown = 0;

  show(text: string): vscode.Uri {
    this.shown += 1;
    const uri = vscode.Uri.from({ scheme: LabStatusDocuments.scheme, path: 'Lab Status', query: String(this.shown) });
    // Only the latest few are kept: older ones are closed tabs, reopened as the last text.
    this.texts.set(uri.query, `${text}\n`);
    for (const key of this.texts.keys()) if (this.texts.size > 5) this.texts.delete(key);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? [...this.texts.values()].pop() ?? '';
  }
}

/** The lab plays the first open repo with services; with none, Certify's own example. */
function repoToPlay(ctx: CertifyContext): string | undefined {
  return ctx.repos.all().find((repo) => repo.model.services.length > 0)?.model.root;
}

function canRunHere(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0;
}

async function withLabProgress<T>(
  ctx: CertifyContext,
  action: LabAction,
  title: string,
  work: (onProgress: (line: string) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  ctx.log.info(`lab ${action}: started`);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: action === 'up' }, async (progress, token) => {
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      return await work((line) => {
        ctx.log.info(`lab ${action}: ${line}`);
        progress.report({ message: line });
      }, abort.signal);
    } finally {
      cancelled.dispose();
    }
  });
}

/** Runs `certify lab <args>` under sudo in a terminal, for an editor that is not root. */
function runInTerminal(ctx: CertifyContext, args: readonly string[]): void {
  const cli = path.join(ctx.extensionUri.fsPath, 'dist', 'cli.js');
  const command = ['sudo', ctx.engines.repo().nodeExecutable(), cli, 'lab', ...args].map(shellQuote).join(' ');
  if (process.platform !== 'linux') {
    notify('info', 'The local lab runs on Linux only (network namespaces and LXC). Point Certify at a real Proxmox host instead (README: "The local lab").');
    return;
  }
  ctx.log.info(`lab: the editor is not root; running in a terminal: ${command}`);
  const terminal = vscode.window.createTerminal({ name: 'Certify Lab' });
  terminal.show();
  terminal.sendText(command);
}

function terminalAction(ctx: CertifyContext, title: string, args: readonly string[]): NotifyAction {
  return { title, run: () => runInTerminal(ctx, args) };
}

function statusAction(): NotifyAction {
  return { title: 'Lab Status', run: () => vscode.commands.executeCommand(COMMAND_IDS.labStatus) };
}
