// Integration tests: Certify follows the workspace's folders. A folder added shows its services;
// removed, its services, diagnostics, lenses and watcher go. A folder removed while it is still
// opening never appears. With no repo holding services left, `certify.hasServices` turns false.
// Only folders after the first are changed: changing the first restarts the extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type CertifyApi, EXAMPLE_FOLDER, EXAMPLE_SERVICES, activeExtension, exampleFolder, labelText, waitFor, within,
} from './testUtils';

const certifyDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'certify');

async function children(tree: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<{ element: unknown; label: string }[]> {
  const elements = (await tree.getChildren(parent)) ?? [];
  return Promise.all(elements.map(async (element) => ({ element, label: labelText(await tree.getTreeItem(element)) })));
}

async function childLabels(tree: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<string[]> {
  return (await children(tree, parent)).map(({ label }) => label);
}

/** Makes a folder change and waits for VS Code to report it (extensions hear of it first). */
async function changeFolders(what: string, change: () => boolean): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const subscription = vscode.workspace.onDidChangeWorkspaceFolders(() => {
      subscription.dispose();
      resolve();
    });
  });
  assert.ok(change(), `VS Code refused to ${what}`);
  await within(what, changed, 15_000);
}

const addFolder = (uri: vscode.Uri, name: string): Promise<void> =>
  changeFolders(`add ${name}`, () => vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri, name }));

async function removeFolder(uri: vscode.Uri): Promise<void> {
  const index = vscode.workspace.workspaceFolders?.findIndex((folder) => folder.uri.toString() === uri.toString()) ?? -1;
  if (index < 0) return;
  assert.ok(index > 0, 'the first folder is never removed: that would restart the extension host');
  await changeFolders(`remove ${uri.fsPath}`, () => vscode.workspace.updateWorkspaceFolders(index, 1));
}

/**
 * Holds every asynchronous file system call this process makes on a path under `root` until
 * release(), then lets it run as it was made. The test and the extension share the extension
 * host's `fs` module, so the extension's reads of that folder really wait: an open of the
 * folder is then known to be in flight, with no timing involved.
 */
function holdFileSystem(root: string): { held(): number; release(): void } {
  const promises = fs.promises as unknown as Record<string, unknown>;
  const originals = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  for (const [name, value] of Object.entries(promises)) {
    if (typeof value !== 'function') continue;
    const original = value as (...args: unknown[]) => Promise<unknown>;
    originals.set(name, original);
    promises[name] = async (...args: unknown[]): Promise<unknown> => {
      const target = args[0] instanceof URL ? args[0].pathname : String(args[0]);
      if (target === root || target.startsWith(`${root}${path.sep}`)) {
        held += 1;
        await released;
      }
      return original.apply(fs.promises, args);
    };
  }
  return {
    held: () => held,
    release: () => {
      for (const [name, original] of originals) promises[name] = original;
      release();
    },
  };
}

suite('Certify follows workspace folders', () => {
  let api: CertifyApi;
  const temps: string[] = [];

  /** A small repo in a temp folder (removed after the suite). */
  function tempRepo(name: string, files: Record<string, string>): vscode.Uri {
    const root = tempDir(name);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    return vscode.Uri.file(root);
  }

  /** An empty temp folder (removed after the suite). */
  function tempDir(name: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `certify-${name}-`));
    temps.push(dir);
    return dir;
  }

  /** The repos' bookkeeping holds no watcher beyond the open repos'. */
  function assertNoWatcherLeft(): void {
    assert.equal(api.repos.undisposed(), api.repos.folders().open.length, 'a closed repo\'s watcher was not disposed');
  }

  suiteSetup(async function () {
    this.timeout(60_000);
    api = (await activeExtension(45_000)).exports;
    await within('api.ready', api.ready, 30_000);
  });

  suiteTeardown(async () => {
    for (const root of temps) {
      await removeFolder(vscode.Uri.file(root));
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a folder added shows its services; removed, its services, diagnostics, lenses and watcher go', async () => {
    const root = tempRepo('ferry', { 'services/ferry.yml': 'name: ferry\ncontainer_id: 171\nhostname: ferry\n' });
    const definition = vscode.Uri.joinPath(root, 'services', 'ferry.yml');
    const lensTitles = async (): Promise<string[]> => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', definition, 100);
      return lenses.map((lens) => lens.command?.title ?? '').filter((title) => title.startsWith('Certify'));
    };

    await addFolder(root, 'ferry-repo');
    // Two repos hold services now: each is a group in the tree.
    await waitFor('the added repo as a group with its service', async () => {
      const top = await children(api.servicesTree);
      const group = top.find(({ label }) => label === 'ferry-repo');
      return top.some(({ label }) => label === EXAMPLE_FOLDER) && group && (await childLabels(api.servicesTree, group.element)).join() === 'ferry';
    });
    assert.ok(api.repos.folders().open.includes(root.toString()));
    assert.equal(api.hasServices(), true);
    await waitFor('its finding in Problems', () => certifyDiagnostics(definition).some((d) => String(d.code) === 'missing-deploy-playbook'));
    await vscode.workspace.openTextDocument(definition);
    await waitFor('its lenses', async () => (await lensTitles()).length > 0);

    await removeFolder(root);
    await waitFor('the tree to show only the example services again', async () => (await childLabels(api.servicesTree)).sort().join() === EXAMPLE_SERVICES.join());
    await waitFor('its diagnostics to be cleared', () => certifyDiagnostics(definition).length === 0);
    assert.deepEqual(await lensTitles(), [], 'a removed repo still has lenses');
    assert.ok(!api.repos.folders().open.includes(root.toString()));
    assertNoWatcherLeft();
    assert.equal(api.hasServices(), true, 'the example repo still has services');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a folder removed while it is still opening never appears, and its watcher is disposed', async () => {
        const root = tempRepo('slow', { 'services/slowpoke.yml': 'name: slowpoke\ncontainer_id: 172\nhostname: slowpoke\n' });
    // The folder's reads wait until the test lets them go: it is removed while its open is in flight.
    const reads = holdFileSystem(root.fsPath);
    const key = root.toString();
    let appeared = false;
    const watching = api.repos.onDidChange(() => {
      appeared ||= api.repos.folders().open.includes(key);
    });
    try {
      await addFolder(root, 'slow-repo');
      assert.ok(api.repos.folders().opening.includes(key), 'the folder is not listed as opening');
      await waitFor('its open to wait on a read of the folder', () => reads.held() > 0);

      await removeFolder(root);
      await waitFor('its open to be cancelled', () => !api.repos.folders().opening.includes(key));
      reads.release();
      await within('the cancelled open to end', api.repos.settled(), 30_000);

      assert.equal(appeared, false, 'the removed folder appeared when its open ended');
      assert.ok(!api.repos.folders().open.includes(key));
      assertNoWatcherLeft();
      assert.deepEqual((await childLabels(api.servicesTree)).sort(), EXAMPLE_SERVICES);
    } finally {
      watching.dispose();
      // A failure midway must not leave the extension's reads waiting.
      reads.release();
    }
  });

  test('with no repo holding services left certify.hasServices turns false; the example re-added opens again', async () => {
    const example = exampleFolder();
    assert.equal(api.hasServices(), true);

    await removeFolder(example.uri);
    await waitFor('the tree to be empty', async () => (await childLabels(api.servicesTree)).length === 0);
    await waitFor('certify.hasServices to be false', () => api.hasServices() === false);
    assertNoWatcherLeft();

    await addFolder(example.uri, EXAMPLE_FOLDER);
    await waitFor('the example services again', async () => (await childLabels(api.servicesTree)).sort().join() === EXAMPLE_SERVICES.join());
    await waitFor('certify.hasServices to be true', () => api.hasServices() === true);
    await within('the re-added repo to settle', api.repos.settled(), 30_000);
    assertNoWatcherLeft();
  });
});
