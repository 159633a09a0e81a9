// The two engines the extension loads by path, each once, after activation: dist/repo.js
// (discovery, validation, the store, the scaffold, the lab's control — built from repoEngine.ts)
// when the first repo opens or a command needs it, and dist/run.js (the step engine and its SSH
// client, from runEngine.ts) when the first plan or run needs it. Only their types are imported
// here: a static import would bundle them into dist/extension.js, whose size and load time are
// activation's (bench/activation).

import * as path from 'node:path';

export type RepoEngine = typeof import('./repoEngine');
export type RunEngine = typeof import('./runEngine');

export class Engines {
  private repoModule: RepoEngine | undefined;
  private runModule: RunEngine | undefined;

  constructor(private readonly extensionPath: string) {}

  /**
   * The repo engine, loaded on the first call. Callers run after activate() returned: a repo
   * opening awaits `repoSoon()` instead, so the load never counts towards activation.
   */
  repo(): RepoEngine {
    // A path, not a module name: esbuild leaves a require it cannot resolve to Node.
    this.repoModule ??= require(path.join(this.extensionPath, 'dist', 'repo.js')) as RepoEngine;
    return this.repoModule;
  }

  /** The repo engine, loaded once the current turn (activate()) is over. */
  async repoSoon(): Promise<RepoEngine> {
    if (!this.repoModule) await new Promise((resolve) => setImmediate(resolve));
    return this.repo();
  }

  run(): RunEngine {
    this.runModule ??= require(path.join(this.extensionPath, 'dist', 'run.js')) as RunEngine;
    return this.runModule;
  }
}
