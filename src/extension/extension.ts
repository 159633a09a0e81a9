// Entry point: creates the log first, opens every Certify repo in the workspace, registers the
// services view, diagnostics, quick fixes, CodeLens, status bar, the run tasks, the report panels
// and commands, and returns the API the integration tests use. Wiring only.

import * as path from 'node:path';
import { vscode } from './vscodeApi';
import { CertifyCodeLens } from './codeLens';
import { Engines } from './engines/engines';
import { registerCommands } from './commands';
import { LabStatusDocuments } from './commands/lab';
import type { CertifyContext } from './context';
import { Diagnostics } from './diagnostics';
import { createLog, reportError } from './log';
import { onCheckboxChange } from './manualCriteria';
import { OpenRepos, type OpenReposProbe } from './openRepos';
import { QuickFixes } from './quickFixes';
import { Redraw } from './redraw';
import { ServicesTree, type ServicesNode } from './servicesTree';
import { ServiceStatusBar } from './statusBar';
import { ActiveRuns, type RunsProbe } from './run/activeRuns';
import { PlanDocuments } from './run/planDocuments';
import { RunPlans } from './run/runPlans';
import { CertifyTasks } from './run/runTasks';
import { TASK_TYPE } from './run/taskDefinition';
import { REPORT_VIEW_TYPE } from './report/reportPanel';
import { ReportPanels, type ReportsProbe } from './report/reportPanels';
import { ServiceFreshness } from './report/serviceFreshness';

/** YAML as the YAML extension and the Ansible extension name it: Certify works beside both. */
const YAML_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'ansible' },
];

export interface CertifyApi {
  /** Resolves when the first discovery and validation of every workspace folder is done (the tree shows services earlier). */
  ready: Promise<void>;
  servicesTree: vscode.TreeDataProvider<unknown>;
  /** The open repos' folders, the opens in flight and whether a closed repo's watcher was disposed. */
  repos: OpenReposProbe;
  /** The value last given to the `certify.hasServices` context key, which tests cannot read. */
  hasServices(): boolean | undefined;
  /** Runs in this window: how each ended, as its terminal and notification said. */
  runs: RunsProbe;
  /** The report panels: what each shows, the freshness the tree shows, the serializer. */
  reports: ReportsProbe;
  /** What activation cost in this extension host: read by the activation benchmark. */
  activation: ActivationTiming;
}

export interface ActivationTiming {
  /** From the first line of dist/extension.js (esbuild's banner) to the end of activate(). */
  loadAndActivateMs?: number;
  /** Evaluating dist/extension.js: from its first line to its last (esbuild's footer). */
  loadMs?: number;
  /** activate() alone. */
  activateMs: number;
}

/** Set by the bundle's first and last lines (esbuild.mjs), around the evaluation of its modules. */
declare const globalThis: { __certifyLoadStart?: number; __certifyLoadEnd?: number };

export function activate(context: vscode.ExtensionContext): CertifyApi {
  const activateStart = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const engines = new Engines(context.extensionUri.fsPath);
    const repos = new OpenRepos(log, engines);
    const runs = new ActiveRuns();
    const runPlans = new RunPlans(engines, repos);
    const freshness = new ServiceFreshness(repos, runs, log);
    const tree = new ServicesTree(repos, { runs, plans: runPlans }, freshness);
    const view = vscode.window.createTreeView<ServicesNode>('certify.services', { treeDataProvider: tree, showCollapseAll: true });
    const labStatusDocuments = new LabStatusDocuments();
    const planDocuments = new PlanDocuments();
    const ctx: CertifyContext = {
      repos,
      tree,
      view,
      log,
      extensionUri: context.extensionUri,
      globalStorageUri: context.globalStorageUri,
      labStatusDocuments,
      engines,
      runs,
      runPlans,
      planDocuments,
      secrets: context.secrets,
    };
    const diagnostics = new Diagnostics(repos, log);
    const lenses = new CertifyCodeLens(ctx, freshness);
    const reports = new ReportPanels(ctx, freshness, context.workspaceState);
    const statusBar = new ServiceStatusBar(ctx);
    const redraw = new Redraw(repos, { tree, diagnostics, lenses, statusBar });
    context.subscriptions.push(
      redraw,
      tree,
      view,
      view.onDidChangeCheckboxState(onCheckboxChange(ctx)),
      diagnostics,
      vscode.languages.registerCodeActionsProvider(YAML_DOCUMENTS, new QuickFixes(diagnostics, repos), QuickFixes.metadata),
      lenses,
      vscode.languages.registerCodeLensProvider(YAML_DOCUMENTS, lenses),
      statusBar,
      ...registerCommands(ctx, reports),
      freshness,
      freshness.onDidChange(() => {
        tree.refresh();
        lenses.refresh();
      }),
      reports,
      vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reports.serializer),
      vscode.workspace.registerTextDocumentContentProvider(LabStatusDocuments.scheme, labStatusDocuments),
      vscode.workspace.registerTextDocumentContentProvider(PlanDocuments.scheme, planDocuments),
      vscode.tasks.registerTaskProvider(TASK_TYPE, new CertifyTasks(ctx)),
      runs.onDidChange(() => {
        tree.refresh();
        lenses.refresh();
      }),
      // Trust granted: the run lenses appear.
      vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.refresh()),
      runPlans,
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        repos.close(event.removed);
        void repos.open(event.added);
      }),
      // A run going on when the window closes is cancelled: its step resumes next time.
      runs,
      repos,
    );
    log.info(`Certify ${String(context.extension.packageJSON.version)} activating in ${path.basename(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '(no folder)')}`);
    const ready = repos.open(vscode.workspace.workspaceFolders ?? []);
    const activated = performance.now();
    const { __certifyLoadStart: loadStart, __certifyLoadEnd: loadEnd } = globalThis;
    const activation: ActivationTiming = {
      activateMs: activated - activateStart,
      ...(loadStart === undefined ? {} : { loadAndActivateMs: activated - loadStart }),
      ...(loadStart === undefined || loadEnd === undefined ? {} : { loadMs: loadEnd - loadStart }),
    };
    return { ready, servicesTree: tree, repos, hasServices: () => redraw.hasServices, runs, reports, activation };
  } catch (error) {
    reportError(log, 'activation failed. See the log for the reason.', error);
    throw error;
  }
}

export function deactivate(): void {
  // Everything registered is in context.subscriptions, which VS Code disposes.
}
