// UI tests: what a person sees. Starts an isolated code-server 4.100.3 with Certify, opens the
// workbench on a temp copy of examples/homelab in headless chromium, opens the Certify view
// and checks the services are shown. Screenshots go to test-results/screenshots/
// (sidebar.png; failure-<check>.png when a check fails). Assumes scripts/setup.sh ran.
// The checks of running steps are in their own section near the end (runStepChecks); the last
// checks (labCertification.mjs) certify notes through all nine steps against a lab of its own,
// in a second code-server started with that lab's environment: they need root and the lab's
// Debian packages, and fail saying so without them.
//
// Usage: node test/e2e/runUiTests.mjs [--vsix FILE]   (CERTIFY_KEEP_TEMP=1 keeps the temp dirs)
//   without --vsix   Certify runs from this folder (extensionDevelopmentPath): `npm run build` first
//   --vsix FILE      FILE is installed with `code-server --install-extension`, as a user installs
//                    it, and the workbench opens without a development folder (scripts/test.sh
//                    passes dist/certify.vsix, made by `npm run package`)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  REPO_ROOT, copyWorkspace, installExtension, launchChromium, log, makeTempDir, prepareProfile,
  remoteUri, runMain, saveLogs, startCodeServer, workbenchUrl,
} from '../integration/codeServer.mjs';
import { runLabCertification } from './labCertification.mjs';
import { reportPanelChecks, writeReportFixture } from './reportPanel.mjs';

const TAG = 'ui';
// The certification against the lab (runLabCertification) takes about three minutes of it, up to
// eight on a loaded machine; the other checks about two.
const HARD_DEADLINE_MS = 12 * 60_000;
const SCREENSHOTS = path.join(REPO_ROOT, 'test-results/screenshots');
const EXAMPLE_SERVICES = ['gitea', 'monitoring', 'nextcloud', 'notes', 'postgresql', 'vaultwarden'];
const VIEWPORT = { width: 1400, height: 900 };
const PLANTED = { file: 'roles/gitea_api/tasks/main.yml', rule: 'state-latest' };
const MANUAL = { criterion: 'No manual steps required', id: 'no-manual-steps' };
const SCAFFOLD = {
  name: 'wiki',
  files: ['roles/wiki_api/tasks/main.yml', 'roles/wiki_api/README.md', 'playbooks/wiki-deploy.yml', 'services/wiki.yml', 'scripts/populate-wiki-testdata.sh'],
};

runMain(TAG, HARD_DEADLINE_MS, async (cleanup) => {
  const started = Date.now();
  const vsix = vsixArgument(process.argv.slice(2));
  if (vsix && !fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run 'npm run package' first`);
  if (!vsix && !fs.existsSync(path.join(REPO_ROOT, 'dist/extension.js'))) {
    throw new Error("dist/extension.js is missing: run 'npm run build' first");
  }
  // A fresh folder: a failure screenshot left by an earlier run would tell of a failure this run did not have.
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const tmp = makeTempDir(cleanup, 'ui');

  const profile = prepareProfile(path.join(tmp, 'code-server'));
  if (vsix) {
    log(TAG, `installed VSIX: ${installExtension(profile, vsix).split('\n').pop()}`);
  } else {
    log(TAG, `development folder: ${REPO_ROOT} (pass --vsix FILE to test an installed VSIX)`);
  }

  const workspace = copyWorkspace(tmp);
  // A planted lint problem, so the editor has something to show: a package pinned to "latest".
  fs.appendFileSync(
    path.join(workspace, PLANTED.file),
    '\n- name: Install git\n  ansible.builtin.apt:\n    name: git\n    state: latest\n  delegate_to: gitea_container\n',
  );
  writeReportFixture(workspace);
  const server = await startCodeServer(cleanup, profile, { workspace });
  log(TAG, `code-server ready on port ${server.port} in ${(server.startMs / 1000).toFixed(1)} s`);
  // The code-server the page shows, whose logs a failure saves: the lab certification starts its own.
  const served = { profile, server };
  const browser = await launchChromium(cleanup, profile.tmpDir);
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(30_000);

  const checks = [
    ['the workbench opens the example repo', async () => {
      // Installed: the extension comes from the profile's extensions folder only.
      const payload = vsix ? undefined : [['extensionDevelopmentPath', remoteUri(server.port, REPO_ROOT)]];
      await page.goto(workbenchUrl(server.port, workspace, payload));
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.part.activitybar').waitFor({ state: 'visible' });
    }],
    ['the Certify activity-bar entry opens the Services view', async () => {
      await page.locator('.part.activitybar').getByRole('tab', { name: 'Certify' }).click();
      // With a single view the sidebar title reads "CERTIFY: SERVICES" (the pane header is hidden).
      await page.locator('.part.sidebar .composite.title', { hasText: 'Certify' }).waitFor({ state: 'visible' });
    }],
    ['the Services view shows the six example services', async () => {
      for (const name of EXAMPLE_SERVICES) await serviceItem(page, name).waitFor({ state: 'visible' });
      const shown = await page.locator('.part.sidebar [role="treeitem"] .label-name').allInnerTexts();
      const missing = EXAMPLE_SERVICES.filter((name) => !shown.includes(name));
      if (missing.length) throw new Error(`not shown: ${missing.join(', ')} (shown: ${shown.join(', ')})`);
      const file = path.join(SCREENSHOTS, 'sidebar.png');
      await page.screenshot({ path: file });
      log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);
    }],
    ['step labels and states fit the default sidebar width, unclipped', async () => {
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (!sidebar || sidebar.width < 250 || sidebar.width > 350) throw new Error(`the sidebar is not at its default width: ${sidebar?.width} px`);
      log(TAG, `sidebar width: ${sidebar.width} px`);
      await expandRow(serviceItem(page, 'gitea'));
      const steps = page.locator('.part.sidebar [role="treeitem"][aria-level="2"]');
      await steps.nth(8).waitFor({ state: 'visible' });
      const rows = await rowTexts(steps);
      const expected = STEP_LABELS.map((label, i) => `${label} | ${i === 0 ? 'not started' : 'blocked'}`);
      const shown = rows.map((row) => `${row.label} | ${row.description}`);
      if (shown.join('\n') !== expected.join('\n')) throw new Error(`step rows:\n${shown.join('\n')}\nexpected:\n${expected.join('\n')}`);
      const clipped = rows.filter((row) => row.clipped);
      if (clipped.length) throw new Error(`clipped at ${sidebar.width} px: ${clipped.map((row) => `${row.label} (${row.detail})`).join('; ')}`);
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2); // no hover over the sidebar
      await shoot(page.locator('.part.sidebar'), 'sidebar-steps.png');
      // The full title is in the tooltip.
      await page.locator('.part.sidebar [role="treeitem"]', { hasText: '8 Wipe' }).first().hover();
      const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Wipe Service (Destructive Test)' });
      await hover.first().waitFor({ state: 'visible' });
      if (!/needs a verified backup/.test((await hover.first().innerText()).replace(/\s+/g, ' '))) throw new Error('the step tooltip does not say why it is blocked');
      await shoot(page, 'step-tooltip.png');
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
    }],
    ['criteria show their kind and state by icon, explained in each tooltip', async () => {
      await expandRow(page.locator('.part.sidebar [role="treeitem"][aria-level="2"]', { hasText: '1 Implement' }).first());
      const criteria = page.locator('.part.sidebar [role="treeitem"][aria-level="3"]');
      await criteria.first().waitFor({ state: 'visible' });
      await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden' }); // the step's tooltip from before
      const icons = await criteria.evaluateAll((rows) =>
        rows.map((row) => [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((name) => name.startsWith('codicon-'))),
      );
      for (const icon of ['codicon-pass', 'codicon-beaker', 'codicon-person']) {
        if (!icons.includes(icon)) throw new Error(`no criterion with ${icon} (icons: ${icons.join(', ')})`);
      }
      await shoot(page.locator('.part.sidebar'), 'criteria.png');
      await criteria.filter({ hasText: 'Deployment playbook runs without errors' }).first().hover();
      const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Measured, measured when the step runs' });
      await hover.first().waitFor({ state: 'visible' });
      await shoot(page, 'criterion-tooltip.png');
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await collapseRow(page.locator('.part.sidebar [role="treeitem"][aria-level="2"]', { hasText: '1 Implement' }).first());
    }],
    ['the walkthrough opens and shows the icon legend', async () => {
      await runCommand(page, 'Welcome: Open Walkthrough');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Certify a service' }).first().click();
      const step = page.locator('.gettingStartedContainer .getting-started-step', { hasText: 'Read the icons' }).first();
      await step.waitFor({ state: 'visible' });
      await step.click();
      const legend = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await legend.getByText('the glyph says the kind').first().waitFor({ state: 'visible' });
      for (const kind of ['Repo check', 'Measured', 'Manual']) await legend.getByText(kind, { exact: true }).first().waitFor({ state: 'visible' });
      // The legend's icons are pictures shipped in media/walkthrough/icons: each must load.
      const pictures = legend.locator('img');
      await pictures.first().waitFor({ state: 'visible' });
      await waitUntil('the legend pictures to load', async () => (await pictures.evaluateAll((images) => images.every((image) => image.complete && image.naturalWidth > 0))));
      await shoot(page, 'walkthrough-icons.png');
      await page.keyboard.press('Control+W');
    }],
    ['a role file shows the planted problem as a squiggle and in Problems with its rule id', async () => {
      await quickOpen(page, PLANTED.file);
      // The planted task is at the end; the editor renders squiggles only for visible lines.
      await page.keyboard.press('Control+End');
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ state: 'attached' });
      await runCommand(page, 'Problems: Focus on Problems View');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: PLANTED.rule });
      await row.first().waitFor({ state: 'visible' });
      const text = await row.first().innerText();
      if (!/certify/i.test(text)) throw new Error(`the Problems row does not name Certify as its source: ${text}`);
      const file = path.join(SCREENSHOTS, 'diagnostics.png');
      await page.screenshot({ path: file });
      log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);
    }],
    ['ticking a manual criterion saves it in the record and it survives a reload', async () => {
      await openCriteria(page, 'gitea', '1 Implement');
      const box = criterionCheckbox(page, MANUAL.criterion);
      await box.waitFor({ state: 'visible' });
      if ((await box.getAttribute('aria-checked')) !== 'false') throw new Error('the criterion starts ticked');
      await box.click();
      const record = path.join(workspace, '.certify/gitea/record.json');
      await waitUntil('the record to hold the confirmation', () => {
        const text = fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : '';
        return text.includes(`"${MANUAL.id}"`) && text.includes('"by"');
      });
      const file = path.join(SCREENSHOTS, 'tree.png');
      await page.screenshot({ path: file });
      log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);

      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await showServicesAfterReload(page);
      await openCriteria(page, 'gitea', '1 Implement');
      await waitUntil('the tick to be shown after the reload', async () => (await criterionCheckbox(page, MANUAL.criterion).getAttribute('aria-checked')) === 'true');
    }],
    ['a deploy playbook shows the Certify lenses', async () => {
      await quickOpen(page, 'playbooks/vaultwarden-deploy.yml');
      const summary = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'Certify: vaultwarden · 0/9 · next: 1 Implement' });
      await summary.first().waitFor({ state: 'visible' });
      const fix = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'README.md' });
      await fix.first().waitFor({ state: 'visible' });
      await shoot(page, 'lenses.png');
      // A definition: one summary lens with the next runnable step, not one per step.
      await quickOpen(page, 'services/gitea.yml');
      const definition = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'Certify: gitea · 0/9 · next: 1 Implement' });
      await definition.first().waitFor({ state: 'visible' });
      const text = await definition.first().innerText();
      if (/\b[2-9] [A-Z]/.test(text)) throw new Error(`the definition still shows step lenses: ${text}`);
      await shoot(page, 'lenses-definition.png');
    }],
    ['New Service… scaffolds a service that validates clean', async () => {
      await runCommand(page, 'Certify: New Service');
      // Name, then the suggested container id, IP and port.
      await answer(page, 'Service name', SCAFFOLD.name);
      await answer(page, 'container id', null);
      await answer(page, 'IP address', null);
      await answer(page, 'Service port', null);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Files / volumes' }).first().click();
      // The backup/restore entries arrive as an edit to review: tick each file in the preview, then apply.
      const apply = page.locator('.part.panel').getByRole('button', { name: 'Apply' });
      await apply.waitFor({ state: 'visible' });
      const files = page.locator('.part.panel .monaco-list-row[aria-level="1"] input[type="checkbox"]');
      for (let i = 0; i < (await files.count()); i++) if (!(await files.nth(i).isChecked())) await files.nth(i).click();
      await apply.click();
      await waitUntil('the scaffolded files', () => SCAFFOLD.files.every((file) => fs.existsSync(path.join(workspace, file))));
      await waitUntil('the backup role to list the new service', () =>
        fs.readFileSync(path.join(workspace, 'roles/backup_infrastructure/defaults/main.yml'), 'utf8').includes(`backup_${SCAFFOLD.name}_enabled`),
      );
      await serviceItem(page, SCAFFOLD.name).waitFor({ state: 'visible' });
      await page.keyboard.press('Control+S');
      // A command, not the status-bar toggle: the panel may already be open (or hidden by the preview).
      await runCommand(page, 'Problems: Focus on Problems View');
      // The example's own findings are listed; none may be about the scaffolded files.
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'restore-missing' }).first().waitFor({ state: 'visible' });
      let about = [];
      try {
        await waitUntil('no findings about the scaffolded service', async () => {
          const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
          about = rows.filter((row) => row.includes(SCAFFOLD.name));
          return about.length === 0;
        });
      } catch {
        throw new Error(`findings about the scaffolded service:\n${about.join('\n')}`);
      }
      // The backup and restore entries the preview applied cover the new service: its definition's lens says so.
      const lens = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: `Certify: ${SCAFFOLD.name} · 0/9` }).first();
      await waitUntil('the lens to show the service covered by backup and restore', async () => {
        const text = await lens.innerText().catch(() => '');
        return text !== '' && !text.includes('not covered');
      });
      const file = path.join(SCREENSHOTS, 'scaffold.png');
      await page.screenshot({ path: file });
      log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);
    }],
    ['New Service… names what is left to do by hand, with a button that opens it', async () => {
      await runCommand(page, 'Notifications: Show Notifications');
      const note = page.locator('.notifications-center .notification-list-item', { hasText: `${SCAFFOLD.name} created. To finish by hand: replace the TODOs` }).first();
      await note.waitFor({ state: 'visible' });
      await shoot(page, 'scaffold-toast.png');
      await note.getByRole('button', { name: 'Find the TODOs' }).click();
      const results = page.locator('.part.sidebar').getByText(/\d+ results? in \d+ files?/);
      await results.first().waitFor({ state: 'visible' });
      log(TAG, `Find the TODOs: ${await results.first().innerText()}`);
      await shoot(page, 'scaffold-todos.png');
    }],
    ...runStepChecks(page, workspace),
    ...reportPanelChecks({ page, workspace, ui: { VIEWPORT, serviceItem, waitUntil, shoot, faded, runCommand } }),
    ...labChecks(page),
    ...runLabCertification({ page, cleanup, tmp, vsix, served, ui: { TAG, VIEWPORT, serviceItem, expandRow, waitUntil, shoot, faded } }),
  ];

  let passed = 0;
  let failed = 0;
  for (const [name, check] of checks) {
    if (failed) break; // each check builds on the one before
    try {
      await check();
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✖ ${name}\n      ${String(err instanceof Error ? err.message : err).split('\n').join('\n      ')}`);
      const shot = path.join(SCREENSHOTS, `failure-${slug(name)}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      log(TAG, `failure screenshot: ${path.relative(REPO_ROOT, shot)}`);
      const saved = saveLogs(served.profile, served.server, TAG);
      if (saved) log(TAG, `logs saved to ${path.relative(REPO_ROOT, saved)}`);
    }
  }
  const skipped = checks.length - passed - failed;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${TAG}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${seconds} s)`);
  return failed ? 1 : 0;
});

/**
 * The local lab from the palette: Start Local Lab's toast offers Lab Status, which shows every
 * daemon running; Stop Local Lab removes it. A lab already up on this machine is someone's:
 * then only its status is shown, never taken down.
 */
function labChecks(page) {
  const status = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'lab', 'status', '--json'], { encoding: 'utf8' });
  const alreadyUp = status.status === 0 && JSON.parse(status.stdout).up === true;
  const showStatus = async (expected) => {
    const editor = page.locator('.editor-instance .view-lines').first();
    // The editor renders spaces as no-break spaces.
    const text = async () => (await editor.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    await waitUntil(`Lab Status to say ${expected}`, async () => (await text()).includes(expected));
  };
  if (alreadyUp) {
    return [['Lab Status shows the running lab (left running: it was up before the tests)', async () => {
      await runCommand(page, 'Certify: Lab Status');
      await showStatus("lab 'certify' in /var/lib/certify-lab/certify: up");
      await shoot(page, 'lab-status.png');
    }]];
  }
  return [
    ['Start Local Lab brings the lab up; its toast offers Lab Status, which shows every daemon running', async () => {
      await runCommand(page, 'Certify: Start Local Lab');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: "Local lab 'certify' is up" }).first();
      await toast.waitFor({ state: 'visible', timeout: 60_000 });
      await shoot(page, 'lab-up-toast.png');
      await toast.getByRole('button', { name: 'Lab Status' }).click();
      await showStatus('forwarder     running (pid');
      await showStatus("lab 'certify' in /var/lib/certify-lab/certify: up");
      await shoot(page, 'lab-status.png');
    }],
    ['Stop Local Lab removes the lab and says so', async () => {
      await runCommand(page, 'Certify: Stop Local Lab');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: "Local lab 'certify' is down" }).first();
      await toast.waitFor({ state: 'visible', timeout: 60_000 });
      await shoot(page, 'lab-down-toast.png');
    }],
  ];
}

// ---------------------------------------------------------------------------------------------
// Running steps (src/extension/run/): the run lenses, a step's plan in its tooltip and in a
// document, and a run its gate refuses, in its terminal and its toast. Nothing here runs an
// action: the only run started is refused by its gate, so a lab up on this machine is untouched.
// ---------------------------------------------------------------------------------------------

function runStepChecks(page, workspace) {
  const notesStep = (label) =>
    page.locator('.part.sidebar [role="treeitem"][aria-level="2"]', { hasText: label }).first();
  return [
    ['a deploy playbook heads with Deploy, a locked Step 3 and Certify all; the locked one explains itself', async () => {
      await quickOpen(page, 'playbooks/notes-deploy.yml');
      const lens = (text) => page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: text }).first();
      await lens('Deploy').waitFor({ state: 'visible' });
      await lens('Certify all steps').waitFor({ state: 'visible' });
      const blocked = lens('Step 3 blocked: pass Step 1 (Implement) first');
      await blocked.waitFor({ state: 'visible' });
      await shoot(page, 'run-lenses.png');
      await blocked.getByText('Step 3 blocked', { exact: false }).click();
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'notes: Step 3 (Recreate) is locked: pass Step 1 (Implement) first.' }).first();
      await toast.waitFor({ state: 'visible' });
      await faded(page.locator('.notifications-toasts .notification-toast-container').first());
      await shoot(page, 'run-lens-blocked.png');
    }],
    ['a step that can start shows its plan in its tooltip, and its menu runs or shows it', async () => {
      // The sidebar shows Search since "Find the TODOs".
      const tab = page.locator('.part.activitybar').getByRole('tab', { name: 'Certify' });
      if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      await collapseRow(serviceItem(page, 'gitea'));
      await expandRow(serviceItem(page, 'notes'));
      const implement = notesStep('1 Implement');
      await implement.waitFor({ state: 'visible' });
      await implement.hover();
      const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Run the deploy playbook (timed)' });
      await hover.first().waitFor({ state: 'visible' });
      await shoot(page, 'step-plan-tooltip.png');
      await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
      await implement.click({ button: 'right' });
      const menu = page.locator('.monaco-menu .action-item');
      for (const item of ['Run Step', 'Run From This Step', 'Show Plan (Dry Run)']) await menu.filter({ hasText: item }).first().waitFor({ state: 'visible' });
      await faded(page.locator('.context-view').filter({ has: page.locator('.monaco-menu') }).first());
      await shoot(page, 'step-menu.png');
      await menu.filter({ hasText: 'Show Plan (Dry Run)' }).first().click();
      const editor = page.locator('.editor-instance .view-lines').first();
      await waitUntil('the plan document', async () => (await editor.innerText().catch(() => '')).replace(/\u00a0/g, ' ').includes('1. Run the deploy playbook (timed) [local]'));
      await shoot(page, 'step-plan.png');
    }],
    ['Run Step from the palette picks a service and a step; the gate refuses Step 2, in the terminal and a toast', async () => {
      // The DOM renderer: the terminal's text is then in the page, where the test can read it.
      fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'terminal.integrated.gpuAcceleration': 'off' }, null, 2));
      await runCommand(page, 'Certify: Run Step');
      await answer(page, 'Run which service', 'notes');
      await answer(page, 'Run which step of notes', 'Test with External Tools');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'notes: Step 2 (Test) is locked: pass Step 1 (Implement) first.' }).first();
      await toast.waitFor({ state: 'visible', timeout: 60_000 });
      const terminal = page.locator('.part.panel .terminal-wrapper.active .xterm-rows, .part.panel .xterm-rows').first();
      const text = async () => (await terminal.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      await waitUntil('the terminal to show the refusal and the exit code', async () => {
        const shown = await text();
        return shown.includes('refused — Step 2 (Test) is locked') && shown.includes('Exit code 7.');
      });
      const tab = page.locator('.part.panel', { hasText: 'Certify: notes — Step 2 (Test)' });
      await tab.first().waitFor({ state: 'visible' });
      await faded(page.locator('.notifications-toasts').first());
      await shoot(page, 'run-refused.png');
      if (fs.existsSync(path.join(workspace, '.certify/notes/record.json'))) throw new Error('the refused run wrote a record for notes');
    }],
  ];
}

/** Waits until `element` and what it holds have no animation running (menus and toasts fade in), so a screenshot shows it whole. */
async function faded(element) {
  await waitUntil('the fade-in to end', async () =>
    element.evaluate((node) => node.getAnimations({ subtree: true }).every((animation) => animation.playState !== 'running')).catch(() => false),
  );
}

/** The step labels the tree shows, for the default sidebar width. */
const STEP_LABELS = ['1 Implement', '2 Test externally', '3 Delete & recreate', '4 Backup plan', '5 Populate test data', '6 Test backup', '7 Execute backup', '8 Wipe', '9 Restore & verify'];

/** Saves a screenshot of the page or of one element to test-results/screenshots/NAME. */
async function shoot(target, name) {
  const file = path.join(SCREENSHOTS, name);
  await target.screenshot({ path: file });
  log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);
}

async function expandRow(row) {
  await row.waitFor({ state: 'visible' });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await waitUntil('the row to expand', async () => (await row.getAttribute('aria-expanded')) === 'true');
}

async function collapseRow(row) {
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
}

/**
 * Each tree row's label and description as rendered, and whether either is clipped: the label
 * container hides overflow with an ellipsis, so a row is clipped when its content is wider than
 * the container, or when the description ends past the sidebar's right edge.
 */
async function rowTexts(rows) {
  return rows.evaluateAll((elements) =>
    elements.map((row) => {
      const container = row.querySelector('.monaco-icon-label-container');
      const name = row.querySelector('.label-name');
      const description = row.querySelector('.label-description');
      const right = row.closest('.part.sidebar')?.getBoundingClientRect().right ?? Infinity;
      const ends = [name, description].filter(Boolean).map((element) => element.getBoundingClientRect().right);
      const overflow = container ? container.scrollWidth - container.clientWidth : 0;
      const clipped = overflow > 0 || ends.some((end) => end > right);
      return {
        label: name?.textContent ?? '',
        description: description?.textContent ?? '',
        clipped,
        detail: `container ${container?.scrollWidth}/${container?.clientWidth} px, ends at ${ends.map(Math.round).join('/')} of ${Math.round(right)}`,
      };
    }),
  );
}

/** Opens a repo file through Quick Open and waits for its editor. */
async function quickOpen(page, file) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(file);
  // Wait for the filtered row: before filtering, the list shows recently opened files.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/** Expands a service and one of its steps in the Services tree. */
/**
 * After a reload the workbench restores the Services view, sooner or later; a click on the
 * activity-bar entry of a view that is already open closes it. So: wait for the restore, and
 * click only when the view did not come back.
 */
async function showServicesAfterReload(page) {
  const tab = page.locator('.part.activitybar').getByRole('tab', { name: 'Certify' });
  await tab.waitFor({ state: 'visible' });
  const title = page.locator('.part.sidebar .composite.title', { hasText: 'Certify' });
  try {
    await title.waitFor({ state: 'visible', timeout: 5_000 });
    return;
  } catch {
    // Not restored: open it.
  }
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await title.waitFor({ state: 'visible' });
}

async function openCriteria(page, service, stepPrefix) {
  await serviceItem(page, service).waitFor({ state: 'visible' });
  const row = serviceItem(page, service);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  const step = page.locator('.part.sidebar [role="treeitem"]', { hasText: stepPrefix }).first();
  await step.waitFor({ state: 'visible' });
  if ((await step.getAttribute('aria-expanded')) !== 'true') await step.click();
}

function criterionCheckbox(page, label) {
  return page.locator('.part.sidebar [role="treeitem"]', { hasText: label }).first().locator('[role="checkbox"]');
}

/** Runs a command from the palette by its title. */
async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input.input');
  // An editor a check has just opened can take the focus as the palette opens, which closes it
  // again (seen after the report's transcript link): then it is opened once more.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.fill(`>${title}`, { timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** Answers the open input box whose prompt mentions `prompt`: types `text`, or accepts the suggestion when null. */
async function answer(page, prompt, text) {
  await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ state: 'visible' });
  const input = page.locator('.quick-input-widget input.input');
  if (text !== null) await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Polls a condition until it holds or 30 s pass. */
async function waitUntil(what, probe) {
  const deadline = Date.now() + 30_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A service's row in the Services tree, found by its exact label. */
function serviceItem(page, name) {
  return page
    .locator('.part.sidebar [role="treeitem"]')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

/** The VSIX that `--vsix FILE` names (absolute), or undefined; throws on anything else. */
function vsixArgument(args) {
  if (args.length === 0) return undefined;
  if (args.length === 2 && args[0] === '--vsix') return path.resolve(args[1]);
  throw new Error(`unknown arguments: ${args.join(' ')} (usage: node test/e2e/runUiTests.mjs [--vsix FILE])`);
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
