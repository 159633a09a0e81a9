// Entry point of the integration suite that runs inside VS Code's extension host (bundled by
// esbuild into dist-test/integration/suite.js, mocha included). VS Code calls run(); the
// promise rejects when a test fails, which makes VS Code report a non-zero exit code.
import * as vscode from 'vscode';
import Mocha from 'mocha';

// Each module registers its suites with mocha's `tdd` globals when loaded. They are imported
// here, not globbed from disk, because the suite runs as one bundled file.
const trustedModules: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
  ['activation.test', () => import('./activation.test')],
  ['diagnostics.test', () => import('./diagnostics.test')],
  ['tree.test', () => import('./tree.test')],
  ['repoFiles.test', () => import('./repoFiles.test')],
  ['lab.test', () => import('./lab.test')],
  ['report.test', () => import('./report.test')],
  ['run.test', () => import('./run.test')],
  // Last: it removes the example repo's folder for a while (and adds it back).
  ['workspaceFolders.test', () => import('./workspaceFolders.test')],
];

// Run by test/integration/runInCodeServer.mjs in a second session, with workspace trust on and the
// workspace not trusted (CERTIFY_SUITE=untrusted).
const untrustedModules: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [['runUntrusted.test', () => import('./runUntrusted.test')]];

const testModules = process.env.CERTIFY_SUITE === 'untrusted' ? untrustedModules : trustedModules;

// Read by test/integration/runInCodeServer.mjs to print the tier's summary line.
const RESULT_MARKER = 'certify-suite-result';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const [name, load] of testModules) {
    // What mocha.loadFiles does per file: point the `suite`/`test` globals at this instance.
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, name, mocha);
    await load();
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_REQUIRE, {}, name, mocha);
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_POST_REQUIRE, globalThis, name, mocha);
  }

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? emptyStats()));
  });
  const result = {
    passed: stats.passes,
    failed: stats.failures,
    pending: stats.pending,
    vscodeVersion: vscode.version,
  };
  console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  if (stats.passes === 0) throw new Error('no integration test ran');
}

function emptyStats(): Mocha.Stats {
  return { suites: 0, tests: 0, passes: 0, pending: 0, failures: 0 };
}
