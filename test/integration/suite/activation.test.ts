// Integration tests: Certify activates on the example repo, exposes its API, and lists the
// repo's services in the Services view; its manifest's commands follow the house rules.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  type CertifyApi, EXAMPLE_SERVICES, EXTENSION_ID, activeExtension, descriptionText, labelText, topLevelItems, within,
} from './testUtils';

interface ContributedCommand {
  command: string;
  title?: string;
  category?: string;
}

suite('Certify activation', () => {
  let api: CertifyApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = await activeExtension(45_000);
    api = ext.exports;
  });

  test('the extension is installed and activates on the example repo', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    assert.equal(ext.isActive, true);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'no workspace folder is open');
  });

  test('the API is returned and becomes ready', async () => {
    assert.ok(api, 'activate() returned no API');
    assert.equal(typeof api.ready?.then, 'function', 'api.ready is not a promise');
    await within('api.ready', api.ready, 30_000);
  });

  test('the Services view lists exactly the example services', async () => {
    await within('api.ready', api.ready, 30_000);
    const items = await topLevelItems(api.servicesTree);
    const names = items.map(labelText).sort();
    assert.deepEqual(names, EXAMPLE_SERVICES);

    const gitea = items.find((item) => labelText(item) === 'gitea');
    assert.ok(gitea, 'gitea is not listed');
    assert.match(descriptionText(gitea), /\b160\b/, 'the gitea item does not show its container id 160');
  });

  test('activation is timed inside the extension host (bench/activation.bench.mjs reads the line)', () => {
    const { activation } = api as CertifyApi & { activation: { activateMs: number; loadAndActivateMs?: number } };
    assert.ok(Number.isFinite(activation.activateMs) && activation.activateMs >= 0, JSON.stringify(activation));
    assert.ok(activation.loadAndActivateMs !== undefined && activation.loadAndActivateMs >= activation.activateMs, 'the bundle\'s first line set the load start');
    console.log(`certify-activation ${JSON.stringify(activation)}`);
  });

  test('every contributed command has the Certify category', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const commands: ContributedCommand[] = ext?.packageJSON?.contributes?.commands ?? [];
    const wrong = commands.filter((c) => c.category !== 'Certify').map((c) => c.command);
    assert.deepEqual(wrong, [], `commands without category "Certify": ${wrong.join(', ')}`);
  });

  test('every contributed command is registered once the extension is active', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const commands: ContributedCommand[] = ext?.packageJSON?.contributes?.commands ?? [];
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed in package.json but not registered: ${missing.join(', ')}`);
  });
});
