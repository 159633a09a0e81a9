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

const iconId = (item: vscode.TreeItem): string => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '');

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
    assert.deepEqual(
      steps.map(({ item }) => labelText(item)),
      [
        '1. Implement Service (Initial Deployment)',
        '2. Test with External Tools',
        '3. Delete and Recreate (Automation Validation)',
        '4. Implement Data Backup Plan',
        '5. Populate Service with Test Data',
        '6. Test Backup Script',
        '7. Execute Backup (Create Baseline)',
        '8. Wipe Service (Destructive Test)',
        '9. Restore Service and Verify',
      ],
    );
    assert.equal(iconId(steps[0].item), 'circle-outline');
    assert.equal(iconId(steps[1].item), 'lock');
    const tip = steps[7].item.tooltip;
    // appendText escapes for Markdown: spaces become &nbsp; and brackets get backslashes.
    const text = (tip instanceof vscode.MarkdownString ? tip.value : String(tip)).replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    assert.match(text, /Blocked: Step 8 \(Wipe\) needs a verified backup/);
  });

  test('static criteria show what the repo proves, with evidence to open', async () => {
    const vaultwarden = await childNamed(api.servicesTree, undefined, 'vaultwarden');
    const implement = await childNamed(api.servicesTree, vaultwarden.element, /^1\./);
    const readme = await childNamed(api.servicesTree, implement.element, 'Role README.md with usage examples');
    assert.equal(iconId(readme.item), 'error', 'vaultwarden has no role README');

    const gitea = await childNamed(api.servicesTree, undefined, 'gitea');
    const giteaImplement = await childNamed(api.servicesTree, gitea.element, /^1\./);
    const proxmox = await childNamed(api.servicesTree, giteaImplement.element, 'Container created via Proxmox API');
    assert.equal(iconId(proxmox.item), 'pass');
    assert.equal(proxmox.item.command?.command, 'certify.openEvidence');
    const [, file, line] = proxmox.item.command?.arguments ?? [];
    assert.equal(file, 'roles/gitea_api/tasks/main.yml');
    assert.ok(Number(line) > 1);

    const manual = await childNamed(api.servicesTree, giteaImplement.element, 'No manual steps required');
    assert.equal(manual.item.checkboxState, vscode.TreeItemCheckboxState.Unchecked);

    const backupPlan = await childNamed(api.servicesTree, vaultwarden.element, /^4\./);
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
        const titles = lenses.map((lens) => lens.command?.title ?? '').filter((title) => title !== '');
        return titles.length > 0 ? titles : undefined;
      });
    };
    const playbook = await lensTitles('playbooks/vaultwarden-deploy.yml');
    assert.match(playbook[0], /^Certify: 0\/9 · /);
    assert.ok(playbook.some((title) => /Create roles\/vaultwarden_api\/README\.md/i.test(title)), `no README fix lens: ${playbook.join(' | ')}`);

    const definition = await lensTitles('services/gitea.yml');
    assert.match(definition[0], /^Certify: 0\/9/);
    assert.deepEqual(definition.slice(1, 10), [
      '1 Implement: not started',
      '2 Test: blocked',
      '3 Recreate: blocked',
      '4 Backup Plan: blocked',
      '5 Populate: blocked',
      '6 Test Backup: blocked',
      '7 Execute Backup: blocked',
      '8 Wipe: blocked',
      '9 Restore & Verify: blocked',
    ]);
  });
});
