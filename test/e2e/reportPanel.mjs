// UI checks of the report panel, in the workbench the UI runner opened on its copy of the
// example repo: nextcloud certified (reportFixture.ts, written before the workbench opens) opens
// its report from the Services tree's context menu; the webview shows the verdict, the steps,
// the metrics and the trend chart; a transcript link opens the transcript; the panel comes back
// after a reload; screenshots in a dark, a light and a high-contrast theme; an edit of the role
// turns the certification stale in the tree and in the open panel. Run by runUiTests.mjs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../integration/codeServer.mjs';

const SERVICE = 'nextcloud';
const TITLE = `Certification report: ${SERVICE}`;
const ROLE_DEFAULTS = `roles/${SERVICE}_api/defaults/main.yml`;
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern', highContrast: 'Default High Contrast' };

/** A certified nextcloud with its history in `workspace`: called before the workbench opens. */
export function writeReportFixture(workspace) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/e2e/reportFixture.ts'), workspace, SERVICE], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the report fixture could not be written (exit ${result.status}):\n${result.stdout}${result.stderr}`);
}

/** The checks, in order, for the UI runner's list; `ui` holds the runner's helpers. */
export function reportPanelChecks({ page, workspace, ui }) {
  const { serviceItem, waitUntil, shoot, faded, runCommand, VIEWPORT } = ui;
  const settingsFile = path.join(workspace, '.vscode/settings.json');
  const setTheme = (theme) => {
    const settings = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
    if (theme === undefined) delete settings['workbench.colorTheme'];
    else settings['workbench.colorTheme'] = theme;
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  };
  /** The report's page inside the webview (found by its title: the workbench nests it in two frames). */
  const report = () => reportFrame(page, waitUntil);
  const showsTheme = async (kind) =>
    waitUntil(`the report to take the ${kind} theme`, async () => (await (await report()).evaluate(() => document.body.className).catch(() => '')).includes(kind));
  /** No hover on a link, a row or the status bar in a screenshot. */
  const aside = () => page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
  /** Scrolls the report so `section` heads the webview. */
  const scrollTo = async (section) => (await report()).locator(section).evaluate((element) => element.scrollIntoView({ block: 'start' }));

  return [
    [`Open Report on a certified service's context menu shows its steps, metrics and trend chart`, async () => {
      setTheme(THEMES.dark);
      // The report alone in the screenshots: no terminal or toast left by the checks before.
      await runCommand(page, 'Notifications: Clear All Notifications');
      if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
      const tab = page.locator('.part.activitybar').getByRole('tab', { name: 'Certify' });
      if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      const notes = serviceItem(page, 'notes');
      if ((await notes.getAttribute('aria-expanded')) === 'true') await notes.locator('.monaco-tl-twistie').click();
      const row = serviceItem(page, SERVICE);
      await row.waitFor({ state: 'visible' });
      await waitUntil('nextcloud to show as certified', async () => /· 9\/9$/.test((await row.locator('.label-description').innerText().catch(() => '')).trim()));
      await row.click({ button: 'right' });
      const item = page.locator('.monaco-menu .action-item', { hasText: 'Open Report' }).first();
      await item.waitFor({ state: 'visible' });
      // A click while the menu still fades in is lost.
      await faded(page.locator('.context-view').filter({ has: page.locator('.monaco-menu') }).first());
      await item.click();
      const frame = await report();
      await frame.getByRole('heading', { name: TITLE }).waitFor({ state: 'visible' });
      await frame.getByText('PRODUCTION READY ✓').first().waitFor({ state: 'visible' });
      await frame.getByRole('heading', { name: 'Recovery metrics' }).waitFor({ state: 'visible' });
      await frame.locator('svg.trend-chart polyline').first().waitFor({ state: 'attached' });
      await frame.getByRole('heading', { name: 'Past certifications (4)' }).waitFor({ state: 'attached' });
      const steps = await frame.locator('details.step > summary').allInnerTexts();
      if (steps.length !== 9 || !steps.every((text) => /— passed$/.test(text.trim()))) throw new Error(`the steps shown: ${steps.join(' | ')}`);
      await showsTheme('vscode-dark');
      // Export Report… sits in the panel's title bar.
      await page.locator('.editor-actions .action-label[aria-label^="Export Report"]').first().waitFor({ state: 'visible' });
      await aside();
      await shoot(page, 'report-dark.png');
      await scrollTo('#history');
      await shoot(page, 'report-dark-trends.png');
    }],
    ['a transcript link in the report opens the transcript beside it, in the transcript language', async () => {
      const frame = await report();
      // A passed step is folded: its evidence shows once it is opened.
      const step1 = frame.locator('details#step-1 > summary');
      await step1.scrollIntoViewIfNeeded();
      await step1.click();
      const link = frame.locator('details#step-1 a', { hasText: '-step1.log' }).first();
      await link.scrollIntoViewIfNeeded();
      await link.click();
      await page.locator('.tabs-container .tab', { hasText: '-step1.log' }).first().waitFor({ state: 'visible' });
      const mode = page.locator('[id="status.editor.mode"]');
      await waitUntil('the transcript language', async () => (await mode.innerText().catch(() => '')).includes('Certify Transcript'));
      await shoot(page, 'report-transcript.png');
      // Closed again (it has the focus), so the report has the width for the screenshots that follow.
      await page.keyboard.press('Control+W');
      await page.locator('.tabs-container .tab', { hasText: '-step1.log' }).first().waitFor({ state: 'hidden' });
    }],
    ['the report panel comes back after a window reload', async () => {
      // Reloaded as a person does, with the command: the workbench saves its editors before it goes
      // (a page reload may leave before the browser has stored them).
      const reloaded = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 60_000 });
      await runCommand(page, 'Developer: Reload Window');
      await reloaded;
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      const tab = page.locator('.tabs-container .tab', { hasText: `Report: ${SERVICE}` }).first();
      await tab.waitFor({ state: 'visible' });
      await tab.click();
      const frame = await report();
      await frame.getByRole('heading', { name: TITLE }).waitFor({ state: 'visible' });
      await frame.locator('svg.trend-chart').first().waitFor({ state: 'attached' });
    }],
    ['the report follows a light and a high-contrast theme', async () => {
      setTheme(THEMES.light);
      await showsTheme('vscode-light');
      await aside();
      await shoot(page, 'report-light.png');
      await scrollTo('#history');
      await shoot(page, 'report-light-trends.png');
      setTheme(THEMES.highContrast);
      await showsTheme('vscode-high-contrast');
      await shoot(page, 'report-high-contrast.png');
    }],
    ['an edit of the role turns the certification stale in the tree and in the open report; undone, fresh again', async () => {
      setTheme(THEMES.light);
      await showsTheme('vscode-light');
      const file = path.join(workspace, ROLE_DEFAULTS);
      const original = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, `${original}\n# changed after the certification\n`);
      const description = serviceItem(page, SERVICE).locator('.label-description');
      await waitUntil('the tree to say stale', async () => (await description.innerText().catch(() => '')).trim().endsWith('· 9/9 · stale'));
      await waitUntil('the report to say stale', async () => {
        const text = await (await report()).locator('#freshness').innerText().catch(() => '');
        return text.includes(`Stale: ${ROLE_DEFAULTS} changed since 2026-11-02`);
      });
      await scrollTo('#freshness');
      await aside();
      await shoot(page, 'report-stale.png');
      fs.writeFileSync(file, original);
      await waitUntil('the tree to drop the mark', async () => (await description.innerText().catch(() => '')).trim().endsWith('· 9/9'));
      await waitUntil('the report to say fresh', async () => (await (await report()).locator('#freshness').innerText().catch(() => '')).includes('Fresh: certified'));
      setTheme(undefined);
    }],
  ];
}

/** The frame holding the report's page; waits for it (it is replaced on every render). */
async function reportFrame(page, waitUntil) {
  let found;
  await waitUntil('the report page in its webview', async () => {
    for (const frame of page.frames()) {
      if ((await frame.title().catch(() => '')) === TITLE) {
        found = frame;
        return true;
      }
    }
    return false;
  });
  return found;
}
