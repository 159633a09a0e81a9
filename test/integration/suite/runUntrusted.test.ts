// Integration tests in an untrusted workspace (the suite's second session, with workspace trust
// on and nobody trusting the copy of the example repo): Certify reads the repo — the tree and
// the plans still show — but runs nothing: the run commands refuse and say why, the lenses have
// no run actions, and no record or terminal appears. (Tasks are VS Code's to refuse: fetching
// them in an untrusted workspace asks for trust first, a dialog a test cannot answer.)
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, EXAMPLE_SERVICES, exampleFolder, labelText, topLevelItems, waitFor, within } from './testUtils';

const SERVICE = 'notes';
const REFUSAL = /^Certify does not (run steps|run notes) in an untrusted workspace: it would run the repo's playbooks and scripts\. Trust the workspace first\.$/;

suite('Certify in an untrusted workspace', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    const api = (await activeExtension(45_000)).exports;
    await within('api.ready', api.ready, 30_000);
  });

  test('the workspace is not trusted, and the Services view still lists the services', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const api = (await activeExtension()).exports;
    const names = (await topLevelItems(api.servicesTree)).map(labelText).sort();
    assert.deepEqual(names, EXAMPLE_SERVICES);
  });

  test('Run Step, Run From and Certify All refuse, say why, and start nothing', async function () {
    this.timeout(60_000);
    const folder = exampleFolder().uri;
    for (const [command, step] of [['certify.runStep', 1], ['certify.runFrom', 1], ['certify.certifyAll', undefined]] as const) {
      const answer = (await vscode.commands.executeCommand(command, folder, SERVICE, step)) as { refused?: string } | undefined;
      assert.match(answer?.refused ?? '', REFUSAL, command);
    }
    assert.deepEqual(vscode.window.terminals.filter((terminal) => terminal.name.startsWith('Certify:')).map((terminal) => terminal.name), []);
    assert.equal(existsSync(path.join(folder.fsPath, '.certify', SERVICE, 'record.json')), false);
  });

  test('the deploy playbook shows the service summary but no run lens', async function () {
    this.timeout(30_000);
    const uri = vscode.Uri.joinPath(exampleFolder().uri, 'playbooks', 'notes-deploy.yml');
    await vscode.workspace.openTextDocument(uri);
    const titles = await waitFor('lenses on the notes playbook', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      const found = lenses.map((lens) => lens.command?.title ?? '');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(titles[0], 'Certify: notes · 0/9 · next: 1 Implement');
    assert.ok(!titles.some((title) => /Deploy|Certify all|blocked/.test(title)), titles.join(' | '));
  });

  test('Show Plan still works: it reads the repo and runs nothing', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('certify.showPlan', exampleFolder().uri, SERVICE, 3);
    const editor = await waitFor('the plan document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'certify-plan' && vscode.window.activeTextEditor);
    assert.match(editor.document.getText(), /^Step 3 \(Recreate\)$/m);
  });
});
