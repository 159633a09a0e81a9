// The one object every command and provider receives: the open repos, the services view, the
// log, where the extension lives, and what runs steps. Built once in extension.ts.

import type * as vscode from 'vscode';
import type { LabStatusDocuments } from './commands/lab';
import type { Log } from './log';
import type { OpenRepos } from './openRepos';
import type { ActiveRuns } from './run/activeRuns';
import type { Engines } from './engines/engines';
import type { PlanDocuments } from './run/planDocuments';
import type { RunPlans } from './run/runPlans';
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
  /** The step engine (dist/run.js), loaded when a plan or a run first needs it. */
  engines: Engines;
  /** The runs going on in this window, one per service. */
  runs: ActiveRuns;
  /** Plans for Show Plan and the step tooltips. */
  runPlans: RunPlans;
  /** Show Plan's read-only documents. */
  planDocuments: PlanDocuments;
  /** The Proxmox API token and the vault password (Set … commands), handed to runs. */
  secrets: vscode.SecretStorage;
}
