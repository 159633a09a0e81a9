// Integration tests: the Services tree for the example repo (services → steps → criteria, with
// static results from the repo), and the CodeLens titles on deploy playbooks and definitions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, descriptionText, exampleFolder, labelText, waitFor, within, type CertifyApi } from './testUtils';

type Tree = vscode.TreeDataProvider<unknown>;

async function children(tree: Tree, parent?: unknown): Promise<{ element: unknown; item: vscode.TreeItem }[]> {
  const elements = (await tree.getChildren(parent)) ?? [];
  return Promise.all(elements.map(async (element) => ({ element, item: await tree.getTreeItem(element) })));
}

async function childNamed(tree: Tree, parent: unknown, label: string | RegExp): Promise<{ element: unknown; item: vscode.TreeItem }> {
  const found = (await children(tree, parent)).find(({ item }) => (typeof label === 'string' ? labelText(item) === label : label.test(labelText(item))));
  assert.ok(found, `no child ${String(label)}`);
  return found;
}

const RUN_LENS_COMMANDS = ['certify.runStep', 'certify.certifyAll', 'certify.explainBlocked', 'certify.cancelRun'];

const iconId = (item: vscode.TreeItem): string => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '');

/** A tooltip's text: appendText escapes for Markdown (spaces become &nbsp;, brackets get backslashes). */
const tipText = (item: vscode.TreeItem): string =>
  (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip)).replace(/&nbsp;/g, ' ').replace(/\\/g, '');

suite('Certify tree and CodeLens', () => {
  let api: CertifyApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    api = (await activeExtension(45_000)).exports;
    await within('api.ready', api.ready, 30_000);
  });

  test('each service has the nine steps; step 1 is open and later steps are locked', async () => {
    const gitea = await childNamed(api.servicesTree, undefined, 'gitea');
    assert.equal(gitea.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.match(descriptionText(gitea.item), /^CT 160 · 0\/9$/);
    const steps = await children(api.servicesTree, gitea.element);
    // Short labels with the state beside them, for the default sidebar width; the full title in the tooltip.
    assert.deepEqual(
      steps.map(({ item }) => `${labelText(item)} | ${descriptionText(item)}`),
      [
        '1 Implement | not started',
        '2 Test externally | blocked',
        '3 Delete & recreate | blocked',
        '4 Backup plan | blocked',
        '5 Populate test data | blocked',
        '6 Test backup | blocked',
        '7 Execute backup | blocked',
        '8 Wipe | blocked',
        '9 Restore & verify | blocked',
      ],
    );
    assert.equal(iconId(steps[0].item), 'circle-outline');
    assert.equal(iconId(steps[1].item), 'lock');
    const text = tipText(steps[7].item);
    assert.match(text, /Step 8: Wipe Service \(Destructive Test\)/);
    assert.match(text, /Blocked: Step 8 \(Wipe\) needs a verified backup/);
  });

  test('static criteria show what the repo proves, with evidence to open', async () => {
    const vaultwarden = await childNamed(api.servicesTree, undefined, 'vaultwarden');
    const implement = await childNamed(api.servicesTree, vaultwarden.element, '1 Implement');
    const readme = await childNamed(api.servicesTree, implement.element, 'Role README.md with usage examples');
    assert.equal(iconId(readme.item), 'error', 'vaultwarden has no role README');
    assert.match(tipText(readme.item), /Repo check, checked from the repo files, at once: the repo lacks it\./);

    const gitea = await childNamed(api.servicesTree, undefined, 'gitea');
    const giteaImplement = await childNamed(api.servicesTree, gitea.element, '1 Implement');
    const proxmox = await childNamed(api.servicesTree, giteaImplement.element, 'Container created via Proxmox API');
    assert.equal(iconId(proxmox.item), 'pass');
    assert.equal(proxmox.item.command?.command, 'certify.openEvidence');
    const [, file, line] = proxmox.item.command?.arguments ?? [];
    assert.equal(file, 'roles/gitea_api/tasks/main.yml');
    assert.ok(Number(line) > 1);

    const manual = await childNamed(api.servicesTree, giteaImplement.element, 'No manual steps required');
    assert.equal(manual.item.checkboxState, vscode.TreeItemCheckboxState.Unchecked);
    assert.equal(iconId(manual.item), 'person');
    assert.match(tipText(manual.item), /Manual, confirmed by a person, who ticks it: not confirmed yet\./);

    const automatic = await childNamed(api.servicesTree, giteaImplement.element, 'Deployment playbook runs without errors');
    assert.equal(iconId(automatic.item), 'beaker');
    assert.match(tipText(automatic.item), /Measured, measured when the step runs: not measured yet\./);

    const backupPlan = await childNamed(api.servicesTree, vaultwarden.element, '4 Backup plan');
    const restore = await childNamed(api.servicesTree, backupPlan.element, 'Restore integrated into restore_infrastructure role');
    assert.equal(iconId(restore.item), 'error', 'vaultwarden is not covered by the restore role');
  });

  test('lenses on a deploy playbook and on a definition carry the service state', async () => {
    const folder = exampleFolder();
    const lensTitles = async (file: string): Promise<string[]> => {
      const uri = vscode.Uri.joinPath(folder.uri, ...file.split('/'));
      await vscode.workspace.openTextDocument(uri);
      return waitFor(`lenses on ${file}`, async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
        // The lenses that run steps head the file on a line of their own; run.test.ts checks them.
        const titles = lenses
          .filter((lens) => !RUN_LENS_COMMANDS.includes(lens.command?.command ?? ''))
          .map((lens) => lens.command?.title ?? '')
          .filter((title) => title !== '');
        return titles.length > 0 ? titles : undefined;
      });
    };
    // Short lenses: the summary with the next runnable step, what the repo lacks, the fixes.
    const playbook = await lensTitles('playbooks/vaultwarden-deploy.yml');
    assert.equal(playbook[0], 'Certify: vaultwarden · 0/9 · next: 1 Implement');
    assert.match(playbook[1], /^Repo lacks: restore not covered and \d+ more$/);
    assert.match(playbook[2] ?? '', /^Fix: Create roles\/vaultwarden_api\/README\.md/i, `no README fix lens: ${playbook.join(' | ')}`);
    assert.equal(playbook.length, 3, `one fix lens at a time: ${playbook.join(' | ')}`);
    assert.ok(playbook.join(' | ').length <= 140, `the playbook's lenses run long: ${playbook.join(' | ')}`);

    const definition = await lensTitles('services/gitea.yml');
    assert.equal(definition[0], 'Certify: gitea · 0/9 · next: 1 Implement');
    assert.ok(definition.length <= 3, `a definition shows a summary, not a lens per step: ${definition.join(' | ')}`);
    assert.ok(!definition.some((title) => /^\d /.test(title)), `step lenses: ${definition.join(' | ')}`);
    assert.ok(definition.every((title) => title.length <= 60), `a lens runs long: ${definition.join(' | ')}`);
  });
});
