// UI tests: what a person sees. Packages Certify as a VSIX, installs it into an isolated
// code-server 4.100.3, opens the workbench on a temp copy of examples/homelab in headless
// chromium, opens the Certify view and checks the services are shown. Screenshots go to
// test-results/screenshots/ (sidebar.png; failure-<check>.png when a check fails).
// Assumes `npm run build` and scripts/setup.sh ran.
//
// Usage: node test/e2e/runUiTests.mjs   (CERTIFY_KEEP_TEMP=1 keeps the temp dirs)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  REPO_ROOT, copyWorkspace, installExtension, launchChromium, log, makeTempDir, prepareProfile,
  runMain, saveLogs, startCodeServer, workbenchUrl,
} from '../integration/codeServer.mjs';

const TAG = 'ui';
const HARD_DEADLINE_MS = 5 * 60_000;
const SCREENSHOTS = path.join(REPO_ROOT, 'test-results/screenshots');
const EXAMPLE_SERVICES = ['gitea', 'monitoring', 'nextcloud', 'postgresql', 'vaultwarden'];
const VIEWPORT = { width: 1400, height: 900 };
const PLANTED = { file: 'roles/gitea_api/tasks/main.yml', rule: 'state-latest' };
const MANUAL = { criterion: 'No manual steps required', id: 'no-manual-steps' };
const SCAFFOLD = {
  name: 'wiki',
  files: ['roles/wiki_api/tasks/main.yml', 'roles/wiki_api/README.md', 'playbooks/wiki-deploy.yml', 'services/wiki.yml', 'scripts/populate-wiki-testdata.sh'],
};

runMain(TAG, HARD_DEADLINE_MS, async (cleanup) => {
  const started = Date.now();
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist/extension.js'))) {
    throw new Error("dist/extension.js is missing: run 'npm run build' first");
  }
  // A fresh folder: a failure screenshot left by an earlier run would tell of a failure this run did not have.
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const tmp = makeTempDir(cleanup, 'ui');

  const vsix = packageVsix(tmp);
  const profile = prepareProfile(path.join(tmp, 'code-server'));
  log(TAG, installExtension(profile, vsix).split('\n').pop());

  const workspace = copyWorkspace(tmp);
  // A planted lint problem, so the editor has something to show: a package pinned to "latest".
  fs.appendFileSync(
    path.join(workspace, PLANTED.file),
    '\n- name: Install git\n  ansible.builtin.apt:\n    name: git\n    state: latest\n  delegate_to: gitea_container\n',
  );
  const server = await startCodeServer(cleanup, profile, { workspace });
  log(TAG, `code-server ready on port ${server.port} in ${(server.startMs / 1000).toFixed(1)} s`);
  const browser = await launchChromium(cleanup, profile.tmpDir);
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(30_000);

  const checks = [
    ['the workbench opens the example repo', async () => {
      await page.goto(workbenchUrl(server.port, workspace));
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.part.activitybar').waitFor({ state: 'visible' });
    }],
    ['the Certify activity-bar entry opens the Services view', async () => {
      await page.locator('.part.activitybar').getByRole('tab', { name: 'Certify' }).click();
      // With a single view the sidebar title reads "CERTIFY: SERVICES" (the pane header is hidden).
      await page.locator('.part.sidebar .composite.title', { hasText: 'Certify' }).waitFor({ state: 'visible' });
    }],
    ['the Services view shows the five example services', async () => {
      for (const name of EXAMPLE_SERVICES) await serviceItem(page, name).waitFor({ state: 'visible' });
      const shown = await page.locator('.part.sidebar [role="treeitem"] .label-name').allInnerTexts();
      const missing = EXAMPLE_SERVICES.filter((name) => !shown.includes(name));
      if (missing.length) throw new Error(`not shown: ${missing.join(', ')} (shown: ${shown.join(', ')})`);
      const file = path.join(SCREENSHOTS, 'sidebar.png');
      await page.screenshot({ path: file });
      log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);
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
      await openCriteria(page, 'gitea', '1. Implement Service');
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
      await openCriteria(page, 'gitea', '1. Implement Service');
      await waitUntil('the tick to be shown after the reload', async () => (await criterionCheckbox(page, MANUAL.criterion).getAttribute('aria-checked')) === 'true');
    }],
    ['a deploy playbook shows the Certify lenses', async () => {
      await quickOpen(page, 'playbooks/vaultwarden-deploy.yml');
      const summary = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'Certify: 0/9' });
      await summary.first().waitFor({ state: 'visible' });
      const fix = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'README.md' });
      await fix.first().waitFor({ state: 'visible' });
      const file = path.join(SCREENSHOTS, 'lenses.png');
      await page.screenshot({ path: file });
      log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);
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
      const lens = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'Certify: 0/9' }).first();
      await waitUntil('the lens to show the service covered by backup and restore', async () => {
        const text = await lens.innerText().catch(() => '');
        return text !== '' && !text.includes('not covered');
      });
      const file = path.join(SCREENSHOTS, 'scaffold.png');
      await page.screenshot({ path: file });
      log(TAG, `screenshot: ${path.relative(REPO_ROOT, file)}`);
    }],
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
      const saved = saveLogs(profile, server, TAG);
      if (saved) log(TAG, `logs saved to ${path.relative(REPO_ROOT, saved)}`);
    }
  }
  const skipped = checks.length - passed - failed;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${TAG}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${seconds} s)`);
  return failed ? 1 : 0;
});

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
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
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

/** `vsce package` into `dir`; throws with vsce's output when it fails. */
function packageVsix(dir) {
  const out = path.join(dir, 'certify.vsix');
  // The repo has no public URL: keep README links relative instead of failing on them.
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out];
  if (!fs.existsSync(path.join(REPO_ROOT, 'LICENSE'))) {
    log(TAG, 'warning: no LICENSE file in the repo; packaging without one');
    args.push('--skip-license');
  }
  const vsce = path.join(REPO_ROOT, 'node_modules/.bin/vsce');
  // No stdin: vsce asks y/N questions on some warnings and must fail rather than wait.
  const result = spawnSync(vsce, args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (result.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`vsce package failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
  log(TAG, `packaged ${path.basename(out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`);
  return out;
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
