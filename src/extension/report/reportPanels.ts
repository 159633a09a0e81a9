// The report panels: one per service (opening it again reveals it), each rendered again when its
// repo changes (files, the record a run writes), a run starts or ends, or its freshness changes.
// Panels come back after a window reload: VS Code keeps the panel and its title, and this
// serializer finds the repo and service again. The panel runs no script, so it cannot keep a
// state of its own for the serializer (VS Code's `state` is what a webview script saved); its
// title is the key to what the workspace's memento remembers of it: folder and service. An entry
// outlives its panel on purpose — a window that closes closes its panels too, and those are the
// ones to restore; one entry per title keeps the memento as small as the services opened.

import { vscode } from '../vscodeApi';
import type { Freshness } from '../../core/freshness';
import type { CertifyContext } from '../context';
import type { OpenReposChange } from '../openRepos';
import type { RepoWatcher } from '../repoWatcher';
import { REPORT_VIEW_TYPE, ReportPanel, reportTitle, reportWebviewOptions } from './reportPanel';
import type { ServiceFreshness } from './serviceFreshness';
import { serviceReport } from './serviceReport';

/** The workspace memento's key: panel title → the panel's folder (URI) and service. */
const REMEMBERED = 'certify.reportPanels';

interface PanelSubject {
  folder: string;
  service: string;
}

/** What the integration tests observe of the report panels (through the extension's API). */
export interface ReportsProbe {
  /** The HTML the service's panel shows; undefined when it has none open or not yet rendered. */
  html(folder: string, service: string): string | undefined;
  /** The service's freshness as the tree and the lenses show it (certified services only). */
  freshness(folder: string, service: string): Freshness | undefined;
  /** What restores a panel after a reload. */
  readonly serializer: vscode.WebviewPanelSerializer;
}

export class ReportPanels implements vscode.Disposable, ReportsProbe {
  private readonly panels = new Map<string, ReportPanel>();
  /** Opens whose report is still being made: a second click waits for the same panel. */
  private readonly opening = new Map<string, Promise<void>>();
  private readonly subscriptions: vscode.Disposable[];
  readonly serializer: vscode.WebviewPanelSerializer = { deserializeWebviewPanel: (panel) => this.revive(panel) };

  constructor(
    private readonly ctx: CertifyContext,
    private readonly freshnessOf: ServiceFreshness,
    private readonly memento: vscode.Memento,
  ) {
    this.subscriptions = [
      ctx.repos.onDidChange((change) => this.repoChanged(change)),
      // A run started or ended; the record it writes as it goes comes as a repo change.
      ctx.runs.onDidChange(() => {
        for (const panel of this.panels.values()) panel.refresh();
      }),
      freshnessOf.onDidChange((repo) => this.refreshRepo(repo)),
    ];
  }

  /** Opens the service's report, or reveals it when it is open. */
  open(repo: RepoWatcher, service: string): Promise<void> {
    const key = keyOf(repo.folder.uri, service);
    const open = this.panels.get(key);
    if (open) {
      open.panel.reveal();
      return Promise.resolve();
    }
    const pending = this.opening.get(key) ?? this.create(repo, service).finally(() => this.opening.delete(key));
    this.opening.set(key, pending);
    return pending;
  }

  private async create(repo: RepoWatcher, service: string): Promise<void> {
    // Made before the panel, so a report that cannot be made opens no empty panel.
    const made = await serviceReport(repo, service);
    if (made.kind === 'unavailable') throw new ReportUnavailableError(made.message, made.file);
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, reportTitle(service, repo), vscode.ViewColumn.Active, reportWebviewOptions(this.ctx.extensionUri));
    await this.adopt(panel, repo.folder.uri, service).render(made);
  }

  /** The panel in front, for Export Report… from its title bar. */
  active(): { folder: vscode.Uri; service: string } | undefined {
    const panel = [...this.panels.values()].find((candidate) => candidate.panel.active);
    return panel && { folder: panel.folder, service: panel.service };
  }

  html(folder: string, service: string): string | undefined {
    return this.panels.get(keyOf(vscode.Uri.parse(folder), service))?.html;
  }

  freshness(folder: string, service: string): Freshness | undefined {
    const repo = this.ctx.repos.get(vscode.Uri.parse(folder));
    return repo && this.freshnessOf.get(repo, service);
  }

  /** A panel VS Code kept over a reload: shown again once its repo is open, closed when it is gone. */
  private async revive(panel: vscode.WebviewPanel): Promise<void> {
    const subject = this.remembered()[panel.title];
    if (!subject) {
      this.ctx.log.warn(`report panel "${panel.title}" not restored: Certify does not remember which service it showed`);
      panel.dispose();
      return;
    }
    const folder = vscode.Uri.parse(subject.folder);
    const repo = await this.repoWhenOpen(folder);
    if (!repo) {
      this.ctx.log.warn(`report panel of ${subject.service} not restored: ${folder.fsPath} is not an open repo any more`);
      panel.dispose();
      return;
    }
    const key = keyOf(folder, subject.service);
    const open = this.panels.get(key);
    if (open) {
      panel.dispose();
      open.panel.reveal();
      return;
    }
    const made = await serviceReport(repo, subject.service);
    if (made.kind === 'unavailable') {
      this.ctx.log.warn(`report panel of ${subject.service} not restored: ${made.message}`);
      panel.dispose();
      return;
    }
    await this.adopt(panel, folder, subject.service).render(made);
  }

  private adopt(panel: vscode.WebviewPanel, folder: vscode.Uri, service: string): ReportPanel {
    const key = keyOf(folder, service);
    const report = new ReportPanel(panel, folder, service, {
      log: this.ctx.log,
      extensionUri: this.ctx.extensionUri,
      repo: (uri) => this.ctx.repos.get(uri),
      retitled: (title) => void this.remember(title, { folder: folder.toString(), service }),
    });
    this.panels.set(key, report);
    void this.remember(panel.title, { folder: folder.toString(), service });
    panel.onDidDispose(() => {
      if (this.panels.get(key) === report) this.panels.delete(key);
      report.dispose();
    });
    return report;
  }

  private repoChanged({ kind, repo }: OpenReposChange): void {
    // A closed folder's panels keep what they show; they render again if it opens again.
    if (kind !== 'closed') this.refreshRepo(repo);
  }

  private refreshRepo(repo: RepoWatcher): void {
    const folder = repo.folder.uri.toString();
    for (const panel of this.panels.values()) if (panel.folder.toString() === folder) panel.refresh();
  }

  /** The repo of `folder`: now, once its open ends, or undefined when no open of it is under way. */
  private repoWhenOpen(folder: vscode.Uri): Promise<RepoWatcher | undefined> {
    const open = this.ctx.repos.get(folder);
    if (open) return Promise.resolve(open);
    return new Promise((resolve) => {
      const listener = this.ctx.repos.onDidChange(({ kind, repo }) => {
        if (kind !== 'opened' || repo.folder.uri.toString() !== folder.toString()) return;
        listener.dispose();
        resolve(repo);
      });
      void this.ctx.repos.settled().then(() => {
        listener.dispose();
        resolve(this.ctx.repos.get(folder));
      });
    });
  }

  private remembered(): Record<string, PanelSubject | undefined> {
    const saved = this.memento.get<unknown>(REMEMBERED);
    if (typeof saved !== 'object' || saved === null) return {};
    return Object.fromEntries(Object.entries(saved).filter((entry): entry is [string, PanelSubject] => isSubject(entry[1])));
  }

  private async remember(title: string, subject: PanelSubject): Promise<void> {
    const saved = this.remembered();
    if (saved[title]?.folder === subject.folder && saved[title]?.service === subject.service) return;
    await this.memento.update(REMEMBERED, { ...saved, [title]: subject });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}

/** The report cannot be made (a damaged record, a service gone): the message says what to do. */
export class ReportUnavailableError extends Error {
  constructor(
    message: string,
    /** The repo file to fix, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}

function isSubject(value: unknown): value is PanelSubject {
  return typeof value === 'object' && value !== null && typeof (value as PanelSubject).folder === 'string' && typeof (value as PanelSubject).service === 'string';
}

function keyOf(folder: vscode.Uri, service: string): string {
  return `${folder.toString()}#${service}`;
}
