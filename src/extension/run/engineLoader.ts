// Loads the step engine (dist/run.js, built from runEngine.ts) by path, once, when a plan or a
// run first needs it. Only its types are imported here: a static import would bundle the engine
// and its SSH client into dist/extension.js.

import * as path from 'node:path';

export type RunEngine = typeof import('./runEngine');

export class EngineLoader {
  private engine: RunEngine | undefined;

  constructor(private readonly extensionPath: string) {}

  load(): RunEngine {
    // A path, not a module name: esbuild leaves a require it cannot resolve to Node.
    this.engine ??= require(path.join(this.extensionPath, 'dist', 'run.js')) as RunEngine;
    return this.engine;
  }
}
