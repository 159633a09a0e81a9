// The one object every command and provider receives: the open repos, the services view, the
// log and where the extension lives. Built once in extension.ts.

import type * as vscode from 'vscode';
import type { Log } from './log';
import type { RepoWatcher } from './repoWatcher';
import type { ServicesNode, ServicesTree } from './servicesTree';

export interface CertifyContext {
  repos(): readonly RepoWatcher[];
  /** The repo a file belongs to, with the file's repo-relative path. */
  repoOf(uri: vscode.Uri): { repo: RepoWatcher; file: string } | undefined;
  tree: ServicesTree;
  view: vscode.TreeView<ServicesNode>;
  log: Log;
  extensionUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
}
