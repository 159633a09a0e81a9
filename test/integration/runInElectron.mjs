// Runs the same integration suite (dist-test/integration/suite.js) in desktop VS Code 1.100.3
// through @vscode/test-electron, on the same multi-root workspace as runInCodeServer.mjs (a temp
// copy of examples/homelab; see prepareTestWorkspace). For developer laptops and
// public CI: it downloads VS Code, which the project's own machines and CI cannot (they reach
// only the npm registry and Debian's packages), so .ci/run and scripts/test.sh do not call
// it; they use runInCodeServer.mjs instead. Headless Linux needs a display (xvfb-run).
//
// Usage: npm run build && node test/integration/runInElectron.mjs
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT, prepareTestWorkspace } from './codeServer.mjs';

const VSCODE_VERSION = '1.100.3';
const suite = path.join(REPO_ROOT, 'dist-test/integration/suite.js');

if (!fs.existsSync(suite) || !fs.existsSync(path.join(REPO_ROOT, 'dist/extension.js'))) {
  console.error("electron: the build is missing: run 'npm run build' first");
  process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'certify-electron-'));
let code = 1;
try {
  const { workspaceFile: workspace } = prepareTestWorkspace(tmp);
  await runTests({
    version: VSCODE_VERSION,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: suite,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--user-data-dir', path.join(tmp, 'user-data'),
      '--extensions-dir', path.join(tmp, 'extensions'),
    ],
  });
  code = 0;
  console.log('electron: the integration suite passed');
} catch (err) {
  console.error(`electron: FAILED: ${err instanceof Error ? err.message : err}`);
  console.error('(on a machine without access to VS Code downloads, use: npm run test:integration)');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
