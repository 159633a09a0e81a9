// Everything that shows the open repos redraws from here, on OpenRepos' one change event: a
// repo opened, changed or closed. So closing a folder redraws exactly what opening one does.

import { vscode } from './vscodeApi';
import type { CertifyCodeLens } from './codeLens';
import type { Diagnostics } from './diagnostics';
import type { OpenRepos, OpenReposChange } from './openRepos';
import type { ServicesTree } from './servicesTree';
import type { ServiceStatusBar } from './statusBar';

export interface Views {
  tree: ServicesTree;
  diagnostics: Diagnostics;
  lenses: CertifyCodeLens;
  statusBar: ServiceStatusBar;
}

export class Redraw implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private shown: boolean | undefined;

  constructor(
    private readonly repos: OpenRepos,
    private readonly views: Views,
  ) {
    this.subscription = repos.onDidChange((change) => this.redraw(change));
  }

  /** The value last given to the `certify.hasServices` context key; undefined before the first redraw. */
  get hasServices(): boolean | undefined {
    return this.shown;
  }

  private redraw({ kind, repo }: OpenReposChange): void {
    const { tree, diagnostics, lenses, statusBar } = this.views;
    tree.refresh();
    if (kind === 'closed') diagnostics.forget(repo);
    else diagnostics.publishRepo(repo);
    lenses.refresh();
    statusBar.update();
    // Drives the welcome view: shown while no open repo has a service.
    const hasServices = this.repos.hasServices();
    if (hasServices === this.shown) return;
    this.shown = hasServices;
    void vscode.commands.executeCommand('setContext', 'certify.hasServices', hasServices);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
