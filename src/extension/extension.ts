// Entry point: creates the log first, opens every Certify repo in the workspace, registers the
// services view, diagnostics, quick fixes, CodeLens, status bar and commands, and returns the
// API the integration tests use. Wiring only.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { CertifyCodeLens } from './codeLens';
import { registerCommands } from './commands';
import type { CertifyContext } from './context';
import { Diagnostics } from './diagnostics';
import { createLog, reportError } from './log';
import { onCheckboxChange } from './manualCriteria';
import { QuickFixes } from './quickFixes';
import { RepoWatcher } from './repoWatcher';
import { ServicesTree, type ServicesNode } from './servicesTree';
import { ServiceStatusBar } from './statusBar';

/** YAML as the YAML extension and the Ansible extension name it: Certify works beside both. */
const YAML_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'ansible' },
];

export interface CertifyApi {
  /** Resolves when the first discovery and validation of every workspace folder is done (the tree shows services earlier). */
  ready: Promise<void>;
  servicesTree: vscode.TreeDataProvider<unknown>;
}

export function activate(context: vscode.ExtensionContext): CertifyApi {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const repos: RepoWatcher[] = [];
    const tree = new ServicesTree(() => repos);
    const view = vscode.window.createTreeView<ServicesNode>('certify.services', { treeDataProvider: tree, showCollapseAll: true });
    const ctx: CertifyContext = {
      repos: () => repos,
      repoOf: (uri) => {
        for (const repo of repos) {
          const file = repo.relativePath(uri);
          if (file !== undefined) return { repo, file };
        }
        return undefined;
      },
      tree,
      view,
      log,
      extensionUri: context.extensionUri,
      globalStorageUri: context.globalStorageUri,
    };
    const diagnostics = new Diagnostics(() => repos, log);
    const lenses = new CertifyCodeLens(ctx);
    const statusBar = new ServiceStatusBar(ctx);
    const redraw = (repo: RepoWatcher): void => {
      tree.refresh();
      diagnostics.publishRepo(repo);
      lenses.refresh();
      statusBar.update();
      // Drives the welcome view: shown while no open repo has a service.
      void vscode.commands.executeCommand('setContext', 'certify.hasServices', repos.some((candidate) => candidate.model.services.length > 0));
    };
    context.subscriptions.push(
      tree,
      view,
      view.onDidChangeCheckboxState(onCheckboxChange(ctx)),
      diagnostics,
      vscode.languages.registerCodeActionsProvider(YAML_DOCUMENTS, new QuickFixes(diagnostics, () => repos), QuickFixes.metadata),
      lenses,
      vscode.languages.registerCodeLensProvider(YAML_DOCUMENTS, lenses),
      statusBar,
      ...registerCommands(ctx),
    );

    const open = async (folders: readonly vscode.WorkspaceFolder[]): Promise<void> => {
      const validated: Promise<void>[] = [];
      for (const folder of folders) {
        try {
          const repo = await RepoWatcher.open(folder, log);
          repos.push(repo);
          // Validation ends with a change event: diagnostics, lenses and static checks follow then.
          context.subscriptions.push(repo, repo.onDidChange(() => redraw(repo)));
          redraw(repo);
          validated.push(repo.validated);
        } catch (error) {
          reportError(log, `could not read ${folder.name}. Check the log, fix the file it names, then run "Certify: Refresh Services".`, error);
        }
      }
      await Promise.all(validated);
    };
    const close = (folders: readonly vscode.WorkspaceFolder[]): void => {
      for (const folder of folders) {
        const index = repos.findIndex((repo) => repo.folder.uri.toString() === folder.uri.toString());
        if (index < 0) continue;
        const [repo] = repos.splice(index, 1);
        diagnostics.forget(repo);
        repo.dispose();
      }
      tree.refresh();
    };
    context.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        close(event.removed);
        void open(event.added);
      }),
    );
    log.info(`Certify ${String(context.extension.packageJSON.version)} activating in ${path.basename(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '(no folder)')}`);
    const ready = open(vscode.workspace.workspaceFolders ?? []);
    return { ready, servicesTree: tree };
  } catch (error) {
    reportError(log, 'activation failed. See the log for the reason.', error);
    throw error;
  }
}

export function deactivate(): void {
  // Everything registered is in context.subscriptions, which VS Code disposes.
}
