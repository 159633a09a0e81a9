// The open repos: one RepoWatcher per workspace folder, opened and closed as folders come and
// go. The one place that answers "which repo holds this file", and the one change event that
// every view redraws on. Everything it holds goes when its folder closes, not at deactivation.

import { vscode } from './vscodeApi';
import type { Engines } from './engines/engines';
import { reportError, type Log } from './log';
import { RepoWatcher } from './repoWatcher';

/** A file located in an open repo: the repo, and the file's repo-relative path (forward slashes). */
export interface Located {
  repo: RepoWatcher;
  file: string;
}

/** What changed: a repo was opened, changed (files, records, a validation ended) or closed. */
export interface OpenReposChange {
  kind: 'opened' | 'changed' | 'closed';
  repo: RepoWatcher;
}

/** What the integration tests observe of the open repos (through the extension's API). */
export interface OpenReposProbe {
  readonly onDidChange: vscode.Event<OpenReposChange>;
  /** The folders (URI strings) whose repos are open, and those still opening. */
  folders(): { open: string[]; opening: string[] };
  /** Watchers opened and not yet disposed: as many as open repos, unless one leaked. */
  undisposed(): number;
  /** Settles once no folder is opening, closed ones included (their watchers are then disposed). */
  settled(): Promise<void>;
}

interface Open {
  repo: RepoWatcher;
  listener: vscode.Disposable;
}

interface Opening {
  abort: AbortController;
  done: Promise<void>;
}

export class OpenRepos implements vscode.Disposable, OpenReposProbe {
  private readonly changed = new vscode.EventEmitter<OpenReposChange>();
  readonly onDidChange = this.changed.event;
  private readonly repos = new Map<string, Open>();
  /** Opens in flight, by folder; closing the folder aborts its open. */
  private readonly opening = new Map<string, Opening>();
  /** Every open in flight, aborted ones too, for settled(). */
  private readonly inFlight = new Set<Promise<void>>();
  /** Watchers opened and not yet disposed (undisposed()). */
  private live = 0;
  private disposed = false;

  constructor(
    private readonly log: Log,
    private readonly engines: Engines,
  ) {}

  /**
   * Opens the folders' repos; settles when each is validated, has failed, or was closed meanwhile.
   * Each folder opens on its own: a slow one neither holds back the others nor, closed, cancels them.
   */
  async open(folders: readonly vscode.WorkspaceFolder[]): Promise<void> {
    await Promise.all(folders.map((folder) => this.openOne(folder)));
  }

  close(folders: readonly vscode.WorkspaceFolder[]): void {
    for (const folder of folders) {
      const key = folder.uri.toString();
      const opening = this.opening.get(key);
      if (opening) {
        opening.abort.abort();
        this.opening.delete(key);
        this.log.info(`${folder.name}: closed while opening; its repo will not be shown`);
      }
      const open = this.repos.get(key);
      if (!open) continue;
      this.repos.delete(key);
      open.listener.dispose();
      this.disposeRepo(open.repo);
      this.changed.fire({ kind: 'closed', repo: open.repo });
    }
  }

  /** The open repos, in workspace-folder order. */
  all(): RepoWatcher[] {
    return [...this.repos.values()].map((open) => open.repo).sort((a, b) => a.folder.index - b.folder.index);
  }

  /** The repo of exactly this workspace folder. */
  get(folder: vscode.Uri): RepoWatcher | undefined {
    return this.repos.get(folder.toString())?.repo;
  }

  /** The repo holding a file: with nested folders, the innermost one. */
  repoOf(uri: vscode.Uri): Located | undefined {
    let found: Located | undefined;
    for (const { repo } of this.repos.values()) {
      const file = repo.relativePath(uri);
      if (file !== undefined && (!found || repo.folder.uri.fsPath.length > found.repo.folder.uri.fsPath.length)) found = { repo, file };
    }
    return found;
  }

  /** Drives the welcome view (`certify.hasServices`): true while an open repo has a service. */
  hasServices(): boolean {
    return this.all().some((repo) => repo.model.services.length > 0);
  }

  folders(): { open: string[]; opening: string[] } {
    return { open: this.all().map((repo) => repo.folder.uri.toString()), opening: [...this.opening.keys()] };
  }

  undisposed(): number {
    return this.live;
  }

  async settled(): Promise<void> {
    // An open may start while others are awaited.
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private openOne(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const open = this.repos.get(key);
    if (open) return open.repo.validated;
    const pending = this.opening.get(key);
    if (pending) return pending.done;
    if (this.disposed) return Promise.resolve();
    const abort = new AbortController();
    const done = this.attemptOpen(folder, abort.signal).finally(() => this.inFlight.delete(done));
    this.opening.set(key, { abort, done });
    this.inFlight.add(done);
    return done;
  }

  /** While `signal` is not aborted, the folder's entry in `opening` is this open's own. */
  private async attemptOpen(folder: vscode.WorkspaceFolder, signal: AbortSignal): Promise<void> {
    const key = folder.uri.toString();
    let repo: RepoWatcher;
    try {
      repo = await RepoWatcher.open(folder, this.log, this.engines);
    } catch (error) {
      if (signal.aborted) return;
      this.opening.delete(key);
      reportError(this.log, `could not read ${folder.name}. Check the log, fix the file it names, then run "Certify: Refresh Services".`, error);
      return;
    }
    this.live += 1;
    if (signal.aborted) {
      // Closed (or disposed) while opening: what it read goes now, and it is never shown.
      this.disposeRepo(repo);
      return;
    }
    this.opening.delete(key);
    // Validation ends with a change event: diagnostics, lenses and static checks follow then.
    const listener = repo.onDidChange(() => this.changed.fire({ kind: 'changed', repo }));
    this.repos.set(key, { repo, listener });
    this.changed.fire({ kind: 'opened', repo });
    await repo.validated;
  }

  private disposeRepo(repo: RepoWatcher): void {
    repo.dispose();
    this.live -= 1;
  }

  dispose(): void {
    this.disposed = true;
    for (const open of this.repos.values()) {
      open.listener.dispose();
      this.disposeRepo(open.repo);
    }
    this.repos.clear();
    // Opens still in flight dispose their watchers when they resolve.
    for (const opening of this.opening.values()) opening.abort.abort();
    this.opening.clear();
    this.changed.dispose();
  }
}
