// Runs the extension-host integration suite (dist-test/integration/suite.js) inside a real
// VS Code: an isolated code-server 4.100.3 opened in headless chromium, with the extension
// loaded from the repo root as a development extension, on a multi-root workspace holding a
// temp copy of examples/homelab (see prepareTestWorkspace); then once more with workspace trust
// on, where nobody trusted the copy, for what Certify refuses in an untrusted workspace.
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
// The suite runs twice: in a trusted workspace (everything), then in an untrusted one (what
// Certify refuses there). suite/index.ts picks the modules by CERTIFY_SUITE.
const PHASES = [
  { name: 'trusted', suite: 'trusted', trust: false },
  { name: 'untrusted', suite: 'untrusted', trust: true },
];
// Harmless workbench messages on a machine without internet (the extension gallery lookup).
const KNOWN_NOISE = [/getaddrinfo ENOTFOUND open-vsx\.org/];

runMain(TAG, HARD_DEADLINE_MS, async (cleanup) => {
  for (const file of [SUITE_JS, EXTENSION_MAIN]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run 'npm run build' first`);
  }
  const runs = [];
  for (const phase of PHASES) runs.push(await runPhase(cleanup, phase));
  const passed = runs.reduce((sum, run) => sum + (run.result?.passed ?? 0), 0);
  const failed = runs.reduce((sum, run) => sum + (run.result ? run.result.failed : 1), 0);
  const pending = runs.reduce((sum, run) => sum + (run.result?.pending ?? 0), 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0).toFixed(1);
  const version = runs.find((run) => run.result)?.result.vscodeVersion ?? 'unknown';
  for (const run of runs) if (!run.result) console.log(`[${TAG}] ${run.phase.name}: the suite reported no result (exit code ${run.code})`);
  console.log(`${TAG}: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''} (${seconds} s in VS Code ${version})`);
  return runs.every((run) => run.code === 0 && run.result && run.result.failed === 0) ? 0 : 1;
});

/**
 * One code-server session on a fresh copy of the workspace, running the suite's modules for
 * `phase.suite` (suite/index.ts reads CERTIFY_SUITE). The untrusted phase keeps workspace trust
 * on: nobody trusted the copy, so VS Code opens it in restricted mode.
 */
async function runPhase(cleanup, phase) {
  const tmp = makeTempDir(cleanup, `integration-${phase.name}`);
  const { workspaceFile: workspace } = prepareTestWorkspace(tmp);
  const profile = prepareProfile(tmp, { trust: phase.trust });

  const server = await startCodeServer(cleanup, profile, { workspace, trust: phase.trust, env: { CERTIFY_SUITE: phase.suite } });
  log(TAG, `${phase.name}: code-server ready on port ${server.port} in ${(server.startMs / 1000).toFixed(1)} s`);

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
  const seconds = (Date.now() - suiteStarted) / 1000;

  if (code !== 0) {
    const saved = saveLogs(profile, server, `${TAG}-${phase.name}`);
    if (saved) log(TAG, `logs saved to ${path.relative(REPO_ROOT, saved)}`);
  }
  // Each phase's session goes before the next starts: two extension hosts would share nothing but the machine.
  await browser.close();
  await server.stop();
  return { phase, code, result, seconds };
}
