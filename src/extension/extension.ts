// Entry point: creates the log first, opens every Certify repo in the workspace, registers the
// services view and commands, and returns the API the integration tests use. Wiring only.

import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';
import { Diagnostics } from './diagnostics';
import { createLog, reportError, type Log } from './log';
import { QuickFixes } from './quickFixes';
import { RepoWatcher } from './repoWatcher';
import { ServicesTree } from './servicesTree';

/** YAML as the YAML extension and the Ansible extension name it: Certify works beside both. */
const YAML_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'ansible' },
];

export interface CertifyApi {
  /** Resolves when the first discovery and validation of every workspace folder is done. */
  ready: Promise<void>;
  servicesTree: vscode.TreeDataProvider<unknown>;
}

export function activate(context: vscode.ExtensionContext): CertifyApi {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const repos: RepoWatcher[] = [];
    const tree = new ServicesTree(() => repos);
    const diagnostics = new Diagnostics(() => repos, log);
    context.subscriptions.push(
      tree,
      vscode.window.registerTreeDataProvider('certify.services', tree),
      diagnostics,
      vscode.languages.registerCodeActionsProvider(YAML_DOCUMENTS, new QuickFixes(diagnostics, () => repos), QuickFixes.metadata),
    );

    const open = async (folders: readonly vscode.WorkspaceFolder[]): Promise<void> => {
      for (const folder of folders) {
        try {
          const repo = await RepoWatcher.open(folder, log);
          repos.push(repo);
          diagnostics.publishRepo(repo);
          context.subscriptions.push(
            repo,
            repo.onDidChange(() => {
              tree.refresh();
              diagnostics.publishRepo(repo);
            }),
          );
        } catch (error) {
          reportError(log, `could not read ${folder.name}. Check the log, fix the file it names, then run "Certify: Refresh".`, error);
        }
      }
      tree.refresh();
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
      vscode.commands.registerCommand(COMMAND_IDS.refresh, () => refreshAll(repos, log)),
    );
    const ready = open(vscode.workspace.workspaceFolders ?? []);
    return { ready, servicesTree: tree };
  } catch (error) {
    reportError(log, 'activation failed. See the log for the reason.', error);
    throw error;
  }
}

async function refreshAll(repos: readonly RepoWatcher[], log: Log): Promise<void> {
  try {
    await Promise.all(repos.map((repo) => repo.rescan()));
  } catch (error) {
    reportError(log, 'refresh failed. See the log for the file it names.', error);
  }
}

export function deactivate(): void {
  // Everything registered is in context.subscriptions, which VS Code disposes.
}
