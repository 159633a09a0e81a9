// Shared harness for the tests that run in a real VS Code: an isolated code-server 4.100.3
// (VS Code 1.100.3) from the setup cache, Debian's chromium driven by playwright-core, temp
// workspaces, and cleanup that also runs on failure, timeout and Ctrl-C.
// Used by test/integration/runInCodeServer.mjs and test/e2e/runUiTests.mjs.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// Keep in step with scripts/setup.sh, which installs it into the same place.
export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE_WORKSPACE = path.join(REPO_ROOT, 'examples/homelab');

const CACHE = process.env.CERTIFY_CACHE || path.join(os.homedir(), '.cache/certify');
const CODE_SERVER_BIN = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules/.bin/code-server');

/** Prints a harness message, prefixed so it stands apart from the suite's own output. */
export function log(tag, message) {
  console.log(`[${tag}] ${message}`);
}

/** Throws with what to do when code-server has not been installed by scripts/setup.sh. */
export function codeServerBin() {
  if (!fs.existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${CODE_SERVER_BIN}: run scripts/setup.sh first`);
  }
  return CODE_SERVER_BIN;
}

/**
 * Cleanup that runs exactly once, whichever way the process ends: normal return, thrown
 * error, the hard deadline, or a signal. Steps run in reverse order of registration; the
 * synchronous ones (killing process groups, removing folders) also run from process 'exit'.
 */
export class Cleanup {
  #steps = [];
  #done = false;

  /** `sync` must not return a promise; `async` (optional) is preferred when there is time. */
  add(name, sync, asyncStep) {
    this.#steps.push({ name, sync, asyncStep });
  }

  async run() {
    if (this.#done) return;
    this.#done = true;
    for (const step of this.#steps.reverse()) {
      try {
        if (step.asyncStep) await step.asyncStep();
        else step.sync();
      } catch (err) {
        console.error(`[cleanup] ${step.name}: ${err instanceof Error ? err.message : err}`);
      }
    }
  }

  runSync() {
    if (this.#done) return;
    this.#done = true;
    for (const step of this.#steps.reverse()) {
      try {
        step.sync();
      } catch {
        // Best effort while the process is exiting; nothing left to report to.
      }
    }
  }
}

/**
 * Runs `main(cleanup)` with a hard deadline and exits with its result (a number). Cleanup
 * runs on every path; a timeout or signal exits with 124 / 130 after cleaning up.
 */
export function runMain(tag, deadlineMs, main) {
  const cleanup = new Cleanup();
  process.on('exit', () => cleanup.runSync());
  let finishing = false;
  // The first outcome wins: a late rejection after a timeout must not print or exit again.
  const finish = async (code, summary) => {
    if (finishing) return;
    finishing = true;
    if (summary) console.log(`${tag}: 0 passed, 1 failed (${summary})`);
    await cleanup.run();
    process.exit(code);
  };
  // Not unref'd: it also keeps the process from exiting 0 while a test still waits.
  setTimeout(() => {
    console.error(`[${tag}] FAILED: hard deadline of ${Math.round(deadlineMs / 1000)} s passed; stopping everything`);
    void finish(124, 'timed out');
  }, deadlineMs);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (!finishing) console.error(`[${tag}] interrupted by ${signal}; stopping everything`);
      void finish(130, 'interrupted');
    });
  }
  main(cleanup).then(
    (code) => finish(code),
    (err) => {
      if (finishing) return;
      console.error(`[${tag}] FAILED: ${err instanceof Error ? err.stack || err.message : err}`);
      void finish(1, 'the run stopped before its tests finished');
    },
  );
}

/** A fresh temp folder, removed by `cleanup` (unless CERTIFY_KEEP_TEMP=1, for debugging). */
export function makeTempDir(cleanup, prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `certify-${prefix}-`));
  cleanup.add(`remove ${dir}`, () => {
    if (process.env.CERTIFY_KEEP_TEMP === '1') {
      console.log(`[cleanup] kept ${dir} (CERTIFY_KEEP_TEMP=1)`);
      return;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/**
 * Copies the example repo into `parent`, so tests never write into the repository. Without its
 * .certify/ folder: the tests start from services never certified, whatever a certification run
 * in the example left there.
 */
export function copyWorkspace(parent, source = EXAMPLE_WORKSPACE) {
  if (!fs.existsSync(source)) throw new Error(`example workspace ${source} is missing`);
  const ws = path.join(parent, path.basename(source));
  const store = path.join(source, '.certify');
  fs.cpSync(source, ws, { recursive: true, filter: (file) => file !== store });
  return ws;
}

/**
 * The integration tests' workspace in `parent`: a `.code-workspace` file, multi-root from the
 * start, with a folder that is no Certify repo first and a copy of the example repo second.
 * Adding a folder to a single-folder window, or changing a workspace's first folder, restarts
 * the extension host mid-suite; so the tests add and remove folders only after the first.
 */
export function prepareTestWorkspace(parent) {
  const notes = path.join(parent, 'notes');
  fs.mkdirSync(notes, { recursive: true });
  fs.writeFileSync(path.join(notes, 'README.md'), '# Notes\n\nNot an infrastructure repo: Certify shows nothing for it.\n');
  const example = copyWorkspace(parent);
  const workspaceFile = path.join(parent, 'certify-tests.code-workspace');
  const folders = [notes, example].map((folder) => ({ path: path.relative(parent, folder) }));
  fs.writeFileSync(workspaceFile, JSON.stringify({ folders, settings: {} }, null, 2));
  return { workspaceFile, example };
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
};

/**
 * Prepares an isolated code-server profile in `runDir`: its own (empty) config.yaml, user
 * data and extensions folders, and user settings. Returns the arguments every code-server
 * call on this profile needs.
 */
export function prepareProfile(runDir, { trust = false } = {}) {
  const configFile = path.join(runDir, 'config.yaml');
  const userDataDir = path.join(runDir, 'data');
  const extensionsDir = path.join(runDir, 'exts');
  fs.mkdirSync(runDir, { recursive: true });
  // An empty config keeps ~/.config/code-server/config.yaml (password auth) from applying.
  fs.writeFileSync(configFile, '');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // `trust`: workspace trust on, so a workspace nobody trusted opens in restricted mode.
  const settings = trust ? { ...USER_SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : USER_SETTINGS;
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  // code-server and its extension host leave IPC sockets in TMPDIR: keep them in the run dir.
  const tmpDir = path.join(runDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  return {
    runDir,
    userDataDir,
    tmpDir,
    args: ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
  };
}

/** `code-server --install-extension` into the profile; throws with code-server's output. */
export function installExtension(profile, vsix) {
  const result = spawnSync(codeServerBin(), [...profile.args, '--install-extension', vsix], {
    env: { ...process.env, TMPDIR: profile.tmpDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout.trim();
}

async function waitForHealthy(port, child, deadline) {
  const url = `http://127.0.0.1:${port}/healthz`;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/**
 * Starts code-server on a free port in its own process group (so stopping it stops its
 * extension host and watchers too) and waits for /healthz. `env` adds to the environment;
 * the extension host inherits it, so a suite's variables must be given here. `trust`: workspace
 * trust stays on (with a profile from prepareProfile(dir, { trust: true })).
 */
export async function startCodeServer(cleanup, profile, { workspace, env = {}, startTimeoutMs = 60_000, trust = false } = {}) {
  const bin = codeServerBin();
  const logFile = path.join(profile.runDir, 'code-server.log');
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const logFd = fs.openSync(logFile, 'a');
    const started = Date.now();
    const child = spawn(
      bin,
      [
        ...profile.args,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(trust ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ],
      { detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, TMPDIR: profile.tmpDir, ...env } },
    );
    fs.closeSync(logFd);
    const stopSync = () => killGroup(child.pid, 'SIGKILL');
    const stop = async () => {
      killGroup(child.pid, 'SIGTERM');
      const gone = await waitForExit(child, 5000);
      if (!gone) killGroup(child.pid, 'SIGKILL');
      // The group may outlive its leader (extension host, file watcher); make sure.
      killGroup(child.pid, 'SIGKILL');
    };
    cleanup.add(`stop code-server (pid ${child.pid})`, stopSync, stop);
    if (await waitForHealthy(port, child, Date.now() + startTimeoutMs)) {
      return { port, pid: child.pid, logFile, startMs: Date.now() - started, stop };
    }
    await stop();
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    if (!/EADDRINUSE/.test(tail) || attempt === 3) {
      throw new Error(`code-server did not become healthy on port ${port} within ${startTimeoutMs / 1000} s; its log ends:\n${tail}`);
    }
    log('harness', `port ${port} was taken meanwhile; retrying`);
  }
  throw new Error('unreachable');
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Debian's chromium through playwright-core (never a downloaded browser); closed by cleanup.
 * `tmpDir` receives what chromium leaves in TMPDIR, so it goes with the run's temp folder.
 */
export async function launchChromium(cleanup, tmpDir) {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CERTIFY_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`chromium not found at ${executablePath}: run scripts/setup.sh (Debian package chromium)`);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, TMPDIR: tmpDir },
  });
  // playwright-core kills the browser itself if this process exits without closing it.
  cleanup.add('close chromium', () => {}, () => browser.close());
  return browser;
}

/** The workbench URL for a folder or a `.code-workspace` file, with an optional test payload. */
export function workbenchUrl(port, target, payload) {
  const params = new URLSearchParams(target.endsWith('.code-workspace') ? { workspace: target } : { folder: target });
  if (payload) params.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${params}`;
}

/** A path on the code-server machine as the workbench addresses it (authority = page host). */
export function remoteUri(port, fsPath) {
  return `vscode-remote://127.0.0.1:${port}${fsPath}`;
}

/** Copies code-server's log and VS Code's logs to test-results/ for a failed run. */
export function saveLogs(profile, server, name) {
  const target = path.join(REPO_ROOT, 'test-results', 'logs', name);
  try {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    if (server && fs.existsSync(server.logFile)) fs.copyFileSync(server.logFile, path.join(target, 'code-server.log'));
    const logs = path.join(profile.userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(target, 'vscode-logs'), { recursive: true });
    return target;
  } catch (err) {
    console.error(`[harness] could not save logs: ${err.message}`);
    return undefined;
  }
}
