// One report panel: a service's completion report in a webview, as the report room's HTML
// renderer writes it, under the renderer's strict Content-Security-Policy (default-src 'none',
// its style sheet allowed by a fresh nonce on every render, fonts and images only from the
// webview's own source). The webview runs no script: refs are command links to the one command
// it may run (reportLinks.ts). It may load nothing but the extension's media folder.
// It renders again when asked (its service's repo, runs or freshness changed), debounced and
// only while visible; a report that did not change, its time aside, is not rendered again.

import { randomBytes } from 'node:crypto';
import { vscode } from '../vscodeApi';
import { displayText } from '../../core/displayText';
import { COMMAND_IDS } from '../commandIds';
import type { Log } from '../log';
import type { RepoWatcher } from '../repoWatcher';
import { refLink } from './reportLinks';
import { serviceReport, type ServiceReport } from './serviceReport';

export const REPORT_VIEW_TYPE = 'certify.report';

/** A run writes the record after each action: a burst of those is one render. */
const DEBOUNCE_MS = 250;

export function reportWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: false,
    enableCommandUris: [COMMAND_IDS.openReportRef],
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    enableFindWidget: true,
  };
}

export interface ReportPanelHost {
  log: Log;
  extensionUri: vscode.Uri;
  /** The open repo of `folder`, when it is open. */
  repo(folder: vscode.Uri): RepoWatcher | undefined;
  /** The panel's title changed (it names the folder when the workspace has several). */
  retitled(title: string): void;
}

export class ReportPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A refresh asked for while hidden: rendered when the panel shows again. */
  private refreshOwed = false;
  private rendering: Promise<void> | undefined;
  private again = false;
  /** The last report rendered, without its time: the same report is not rendered twice. */
  private shownKey: string | undefined;
  private lastHtml: string | undefined;
  private warned: string | undefined;
  /** History files already named in the log as left out. */
  private readonly skippedLogged = new Set<string>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly folder: vscode.Uri,
    readonly service: string,
    private readonly host: ReportPanelHost,
  ) {
    panel.webview.options = reportWebviewOptions(host.extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(host.extensionUri, 'media', 'report-light.svg'),
      dark: vscode.Uri.joinPath(host.extensionUri, 'media', 'report-dark.svg'),
    };
    this.disposables.push(
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.refreshOwed) this.refresh();
      }),
    );
  }

  /** The HTML shown now; undefined before the first render. */
  get html(): string | undefined {
    return this.lastHtml;
  }

  /** Renders again soon (when next visible, if hidden). */
  refresh(): void {
    if (!this.panel.visible) {
      this.refreshOwed = true;
      return;
    }
    this.refreshOwed = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), DEBOUNCE_MS);
  }

  /** Renders now; `made` is a report its caller has just made. Settles when the panel shows it. */
  async render(made?: ServiceReport): Promise<void> {
    if (this.rendering) {
      this.again = true;
      return this.rendering;
    }
    this.rendering = this.renderOnce(made).finally(() => {
      this.rendering = undefined;
      if (this.again) {
        this.again = false;
        void this.render();
      }
    });
    return this.rendering;
  }

  private async renderOnce(made: ServiceReport | undefined): Promise<void> {
    const repo = this.host.repo(this.folder);
    if (!repo) return; // Its folder closed: the panel keeps what it showed.
    this.retitle(repo);
    let result: ServiceReport;
    try {
      result = made ?? (await serviceReport(repo, this.service));
    } catch (error) {
      this.warnOnce(`the report of ${this.service} could not be made: ${(error as Error).message}`);
      return;
    }
    if (result.kind === 'unavailable') {
      // The panel keeps the last report it showed; the log says why it is not updated.
      this.warnOnce(result.message);
      return;
    }
    this.warned = undefined;
    for (const skipped of result.skipped) {
      if (this.skippedLogged.has(skipped)) continue;
      this.skippedLogged.add(skipped);
      this.host.log.warn(`${this.service}: a past certification was left out of the report: ${displayText(skipped)}`);
    }
    const key = JSON.stringify({ ...result.report, dates: { ...result.report.dates, generated: '' } });
    if (key === this.shownKey) return;
    let html: string;
    try {
      html = repo.engine.renderHtml(result.report, {
        nonce: randomBytes(18).toString('base64'),
        linkHref: refLink(this.folder, this.service),
      });
    } catch (error) {
      this.warnOnce(`the report of ${this.service} could not be rendered: ${(error as Error).message}`);
      return;
    }
    this.panel.webview.html = html;
    this.lastHtml = html;
    this.shownKey = key;
  }

  private retitle(repo: RepoWatcher): void {
    const title = reportTitle(this.service, repo);
    if (this.panel.title === title) return;
    this.panel.title = title;
    this.host.retitled(title);
  }

  private warnOnce(message: string): void {
    if (this.warned === message) return;
    this.warned = message;
    this.host.log.warn(`report panel: ${displayText(message)}`);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }
}

/** "Report: notes"; with several workspace folders, "Report: notes (homelab)". */
export function reportTitle(service: string, repo: RepoWatcher): string {
  const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return `Report: ${displayText(service)}${several ? ` (${displayText(repo.folder.name)})` : ''}`;
}
