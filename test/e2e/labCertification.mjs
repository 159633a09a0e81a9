// UI check: a full certification against the lab, started from the Services tree. A lab of
// its own (`ui`, in the test's temp folder, on free ports) playing a fresh copy of the example
// repo, and a second code-server started with that lab's environment (`certify lab env --json`)
// and certify.target "environment" (the extension host's own environment, src/extension/run/
// runTargetEnv.ts). "Certify All Steps" on the notes row; the test answers every question as a
// person would (Confirm without a note, the container id typed back); a terminal streams the
// run, the steps turn green one by one, and all nine pass. The lab goes down in cleanup.
// Needs root and the lab's Debian packages; fails saying so without them. Run by runUiTests.mjs.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  REPO_ROOT, copyWorkspace, freePort, installExtension, log, prepareProfile, remoteUri, startCodeServer, workbenchUrl,
} from '../integration/codeServer.mjs';

const LAB_RUN = {
  name: 'ui',
  service: 'notes',
  containerId: '165',
  attestedBy: 'Certify UI test',
  terminal: 'Certify: notes — all steps',
  passed: 'notes: 9 steps passed',
  // The CLI certifies notes in about three minutes; the questions and a loaded machine add to it.
  deadlineMs: 8 * 60_000,
};
const CLI = path.join(REPO_ROOT, 'dist/cli.js');

/**
 * The checks, in order, for the UI runner's list. `ui` holds the runner's own helpers (its tag,
 * viewport, tree rows, polling, screenshots), shared rather than copied.
 */
export function runLabCertification({ page, cleanup, tmp, vsix, served, ui }) {
  const { TAG, VIEWPORT, serviceItem, expandRow, waitUntil, shoot, faded } = ui;
  const lab = { dir: path.join(tmp, 'lab'), args: [] };
  let workspace;
  const notesRow = () => serviceItem(page, LAB_RUN.service);
  const stepRows = () => page.locator('.part.sidebar [role="treeitem"][aria-level="2"]');
  return [
    [`a lab of its own comes up ('${LAB_RUN.name}', in the test's folder, on free ports)`, async () => {
      if (process.getuid?.() !== 0) {
        throw new Error('the certification against the lab needs root (network namespaces and LXC): run the UI tests as root with the lab\'s packages (certify lab up --install)');
      }
      lab.args = ['--name', LAB_RUN.name, '--dir', lab.dir, '--ssh-port', String(await freePort()), '--api-port', String(await freePort())];
      const parent = path.join(tmp, 'lab-repo');
      fs.mkdirSync(parent);
      workspace = copyWorkspace(parent);
      // Registered before `up`: a lab that came half up is taken down too.
      cleanup.add(
        `lab down --name ${LAB_RUN.name}`,
        () => labDownResult(spawnSync(process.execPath, [CLI, 'lab', 'down', ...lab.args], { encoding: 'utf8' }), TAG),
        async () => labDownResult(await cli(['lab', 'down', ...lab.args]), TAG),
      );
      const up = await cli(['lab', 'up', ...lab.args, '--repo', workspace]);
      if (up.status === 6) throw new Error(`this machine cannot have a lab, and this check needs one: ${up.stderr.trim()}`);
      if (up.status !== 0) throw new Error(`certify lab up failed (exit ${up.status}):\n${(up.stdout + up.stderr).trim().split('\n').slice(-20).join('\n')}`);
      log(TAG, `lab '${LAB_RUN.name}' up in ${lab.dir}`);
    }],
    ['a second workbench opens the copy with the lab\'s environment and certify.target "environment"', async () => {
      const printed = await cli(['lab', 'env', '--json', ...lab.args]);
      if (printed.status !== 0) throw new Error(`certify lab env failed (exit ${printed.status}): ${printed.stderr.trim()}`);
      const env = JSON.parse(printed.stdout);
      const profile = prepareProfile(path.join(tmp, 'code-server-lab'));
      addUserSettings(profile, {
        'certify.target': 'environment',
        'certify.attestedBy': LAB_RUN.attestedBy,
        // The DOM renderer: the terminal's text is then in the page, where the test can read it.
        'terminal.integrated.gpuAcceleration': 'off',
      });
      if (vsix) installExtension(profile, vsix);
      const server = await startCodeServer(cleanup, profile, { workspace, env });
      log(TAG, `code-server with the lab's environment ready on port ${server.port}`);
      const first = served.server;
      Object.assign(served, { profile, server });
      const payload = vsix ? undefined : [['extensionDevelopmentPath', remoteUri(server.port, REPO_ROOT)]];
      await page.goto(workbenchUrl(server.port, workspace, payload));
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      // The first workbench is left: its code-server need not share the machine with the run.
      await first.stop();
      await page.locator('.part.activitybar').getByRole('tab', { name: 'Certify' }).click();
      await expandRow(notesRow());
      await stepRows().nth(8).waitFor({ state: 'visible' });
    }],
    ['Certify All Steps on the notes row opens a terminal that streams the run', async () => {
      await notesRow().hover();
      await notesRow().getByRole('button', { name: 'Certify All Steps' }).click();
      await page.locator('.part.panel', { hasText: LAB_RUN.terminal }).first().waitFor({ state: 'visible' });
      await waitUntil('the terminal to show the first action, ▶ 1.1', async () => (await terminalText(page)).includes('▶ 1.1'));
      await shoot(page, 'run-lab-streaming.png');
    }],
    ['answered as a person would, the nine steps turn green one by one and the run passes', async () => {
      const seen = await answerUntilTheRunEnds(page, stepRows(), ui);
      const shown = await terminalText(page);
      if (!shown.includes('Exit code 0.')) throw new Error(`the run did not pass; the terminal ends:\n${shown}`);
      if (seen.questions.destructive.join(',') !== '3,8') throw new Error(`the container id was asked in steps ${seen.questions.destructive.join(', ')}, not 3 and 8`);
      if (seen.questions.manual === 0) throw new Error('no manual criterion was asked');
      log(TAG, `answered ${seen.questions.manual} confirmations and ${seen.questions.destructive.length} deletions; steps passed in this order: ${seen.passedOrder.join(' ')}`);
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: LAB_RUN.passed }).first();
      await toast.waitFor({ state: 'visible' });
      await toast.getByRole('button', { name: 'Open Completion Report' }).waitFor({ state: 'visible' });
      // The tree redraws after a debounce: the last step turns green a moment after the run's last line.
      let states = [];
      try {
        await waitUntil('all nine steps to show passed', async () => {
          states = await stepStates(stepRows());
          return states.length === 9 && states.every((state) => state.passed);
        });
      } catch {
        throw new Error(`steps not shown as passed: ${states.filter((state) => !state.passed).map((state) => `${state.label} (${state.description})`).join(', ')}`);
      }
      await notesRow().locator('.label-description', { hasText: '9/9' }).waitFor({ state: 'visible' });
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await faded(page.locator('.notifications-toasts').first());
      await shoot(page, 'run-lab-passed.png');
      // The confirmations are recorded in the name certify.attestedBy gives.
      const record = JSON.parse(fs.readFileSync(path.join(workspace, '.certify/notes/record.json'), 'utf8'));
      const confirmedBy = new Set(Object.values(record.steps).flatMap((step) => Object.values(step.criteria ?? {}).map((criterion) => criterion.by)).filter(Boolean));
      if ([...confirmedBy].join() !== LAB_RUN.attestedBy) throw new Error(`the record names these people: ${[...confirmedBy].join(', ')}`);
    }],
  ];
}

/**
 * Polls the workbench until the run's terminal shows its exit code, answering each question as
 * a person would and watching the tree: a step must never show passed before the one above it.
 * Screenshots: the first confirmation, the first typed deletion, Step 3 passed.
 */
async function answerUntilTheRunEnds(page, stepRows, { shoot }) {
  const deadline = Date.now() + LAB_RUN.deadlineMs;
  const dialog = page.locator('.monaco-dialog-box').first();
  const input = page.locator('.quick-input-widget').first();
  const questions = { manual: 0, destructive: [] };
  const passedOrder = [];
  for (;;) {
    if (Date.now() > deadline) throw new Error(`the run did not end within ${LAB_RUN.deadlineMs / 60_000} min; the terminal shows:\n${await terminalText(page)}`);
    if (/Exit code \d+\./.test(await terminalText(page))) return { questions, passedOrder };
    if (await dialog.isVisible()) {
      const message = (await dialog.locator('.dialog-message-text').innerText()).trim();
      if (!message.startsWith('Confirm: ')) throw new Error(`an unexpected question: ${message}`);
      if (questions.manual === 0) await shoot(page, 'run-lab-confirm.png');
      await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
      questions.manual++;
      await page.locator('.monaco-dialog-box .dialog-message-text', { hasText: message }).waitFor({ state: 'hidden' });
      continue;
    }
    if (await input.isVisible()) {
      const title = (await input.locator('.quick-input-title').innerText()).trim();
      const deletes = title.match(/Step (\d) \(\w+\) deletes container (\d+)$/);
      if (deletes) {
        if (deletes[2] !== LAB_RUN.containerId) throw new Error(`asked to delete container ${deletes[2]}, not ${LAB_RUN.containerId}`);
        await input.locator('input.input').fill(LAB_RUN.containerId);
        if (questions.destructive.length === 0) await shoot(page, 'run-lab-delete.png');
        questions.destructive.push(deletes[1]);
      } else if (!title.startsWith('Certify: note for ')) {
        throw new Error(`an unexpected input box: ${title}`);
      }
      // A note is optional: Enter confirms without one. Pressed on the input itself, so it cannot
      // land before the box has focus (a key pressed on the page then is lost).
      await input.locator('input.input').press('Enter');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'hidden' });
      continue;
    }
    const states = await stepStates(stepRows);
    const passed = states.map((state) => state.passed);
    const gap = passed.findIndex((yes, i) => !yes && passed.slice(i + 1).some(Boolean));
    if (gap !== -1) throw new Error(`a step shows passed while ${states[gap].label} does not: ${states.map((state) => `${state.label} (${state.description})`).join(', ')}`);
    for (const state of states) {
      if (!state.passed || passedOrder.includes(state.label)) continue;
      passedOrder.push(state.label);
      if (state.label.startsWith('3 ')) await shoot(page, 'run-lab-step3.png');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Each step row's label, description and whether it is drawn passed (the pass icon). */
async function stepStates(rows) {
  return rows.evaluateAll((elements) =>
    elements.map((row) => ({
      label: row.querySelector('.label-name')?.textContent ?? '',
      description: row.querySelector('.label-description')?.textContent ?? '',
      passed: row.querySelector('.custom-view-tree-node-item-icon')?.classList.contains('codicon-pass') ?? false,
    })),
  );
}

/** The visible text of the panel's terminal (the DOM renderer), with no-break spaces as spaces. */
async function terminalText(page) {
  const rows = page.locator('.part.panel .terminal-wrapper.active .xterm-rows, .part.panel .xterm-rows').first();
  return (await rows.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
}

/** Adds `settings` to the profile's user settings (prepareProfile wrote the test defaults). */
function addUserSettings(profile, settings) {
  const file = path.join(profile.userDataDir, 'User/settings.json');
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), ...settings }, null, 2));
}

/** `certify ARGS…` from dist/, without blocking the page's polling; resolves with its exit status and output. */
function cli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Cleanup's lab down: a failure is thrown, so the cleanup report names what was left. */
function labDownResult(result, TAG) {
  if (result.status !== 0) throw new Error(`certify lab down failed (exit ${result.status}): ${String(result.stderr ?? result.error?.message ?? '').trim()}`);
  log(TAG, `lab '${LAB_RUN.name}' down`);
}
