// The one object every command and provider receives: the open repos, the services view, the
// log and where the extension lives. Built once in extension.ts.

import type * as vscode from 'vscode';
import type { LabStatusDocuments } from './commands/lab';
import type { Log } from './log';
import type { OpenRepos } from './openRepos';
import type { ServicesNode, ServicesTree } from './servicesTree';

export interface CertifyContext {
  /** The open repos, and which of them holds a file (`repos.repoOf`). */
  repos: OpenRepos;
  tree: ServicesTree;
  view: vscode.TreeView<ServicesNode>;
  log: Log;
  extensionUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
  /** The read-only "Lab Status" document's content. */
  labStatusDocuments: LabStatusDocuments;
}
