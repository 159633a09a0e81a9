// Runs the extension-host integration suite (dist-test/integration/suite.js) inside a real
// VS Code: an isolated code-server 4.100.3 opened in headless chromium, with the extension
// loaded from the repo root as a development extension, on a multi-root workspace holding a
// temp copy of examples/homelab (see prepareTestWorkspace).
// Assumes `npm run build` and scripts/setup.sh ran. Exits with the suite's code.
//
// Usage: node test/integration/runInCodeServer.mjs   (CERTIFY_KEEP_TEMP=1 keeps the temp dirs)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import {
  REPO_ROOT, launchChromium, log, makeTempDir, prepareProfile, prepareTestWorkspace, remoteUri,
  runMain, saveLogs, startCodeServer, workbenchUrl,
} from './codeServer.mjs';

const TAG = 'integration';
const HARD_DEADLINE_MS = 5 * 60_000;
const SUITE_JS = path.join(REPO_ROOT, 'dist-test/integration/suite.js');
const EXTENSION_MAIN = path.join(REPO_ROOT, 'dist/extension.js');
// The suite prints this marker with its counts (see suite/index.ts).
const RESULT_MARKER = 'certify-suite-result ';
// Harmless workbench messages on a machine without internet (the extension gallery lookup).
const KNOWN_NOISE = [/getaddrinfo ENOTFOUND open-vsx\.org/];

runMain(TAG, HARD_DEADLINE_MS, async (cleanup) => {
  for (const file of [SUITE_JS, EXTENSION_MAIN]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run 'npm run build' first`);
  }
  const tmp = makeTempDir(cleanup, 'integration');
  const { workspaceFile: workspace } = prepareTestWorkspace(tmp);
  const profile = prepareProfile(tmp);

  const server = await startCodeServer(cleanup, profile, { workspace });
  log(TAG, `code-server ready on port ${server.port} in ${(server.startMs / 1000).toFixed(1)} s`);

  const browser = await launchChromium(cleanup, profile.tmpDir);
  const page = await browser.newPage();
  let result;
  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    if (line.startsWith(RESULT_MARKER)) result = JSON.parse(line.slice(RESULT_MARKER.length));
    else if (!KNOWN_NOISE.some((noise) => noise.test(line))) console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('crash', () => console.error(`[${TAG}] the workbench page crashed`));

  const payload = [
    ['extensionDevelopmentPath', remoteUri(server.port, REPO_ROOT)],
    ['extensionTestsPath', remoteUri(server.port, SUITE_JS)],
  ];
  const suiteStarted = Date.now();
  await page.goto(workbenchUrl(server.port, workspace, payload));
  const code = await exitCode;
  const seconds = ((Date.now() - suiteStarted) / 1000).toFixed(1);

  if (code !== 0) {
    const saved = saveLogs(profile, server, TAG);
    if (saved) log(TAG, `logs saved to ${path.relative(REPO_ROOT, saved)}`);
  }
  if (result) {
    const skipped = result.pending ? `, ${result.pending} skipped` : '';
    console.log(`${TAG}: ${result.passed} passed, ${result.failed} failed${skipped} (${seconds} s in VS Code ${result.vscodeVersion})`);
  } else {
    console.log(`${TAG}: 0 passed, 1 failed (the suite reported no result; exit code ${code}, ${seconds} s)`);
  }
  return code === 0 && result && result.failed === 0 ? 0 : 1;
});
