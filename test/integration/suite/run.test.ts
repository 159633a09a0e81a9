// Integration tests of running steps from VS Code, on a copy of the example repo: the certify
// task type lists every service's steps, Show Plan opens the dry run, a step tooltip shows its
// plan, the deploy playbook's run lenses show what can start and what is blocked, and runs that
// the gate or another holder of the lock refuse say so and change nothing. Nothing here runs an
// action: every run in this file is refused before its first one.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withServiceLock } from '../../../src/store/lock';
import { activeExtension, exampleFolder, labelText, waitFor, within, type CertifyApi } from './testUtils';

const SERVICE = 'notes';

/** How a run ended, as the extension's API reports it (src/extension/run/activeRuns.ts RunEnd). */
interface RunEnd {
  level: 'info' | 'warning' | 'error';
  message: string;
  exitCode: number;
  service: string;
  label: string;
  results: { step: string; status: string; reason?: string }[];
  text: string;
}

interface RunsApi extends CertifyApi {
  runs: { onDidEnd: vscode.Event<RunEnd>; lastEnd(service: string): RunEnd | undefined; running(): string[] };
}

type Tree = vscode.TreeDataProvider<unknown> & {
  resolveTreeItem?(item: vscode.TreeItem, element: unknown, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem>;
};

async function child(tree: Tree, parent: unknown, label: string): Promise<{ element: unknown; item: vscode.TreeItem }> {
  for (const element of (await tree.getChildren(parent)) ?? []) {
    const item = await tree.getTreeItem(element);
    if (labelText(item) === label) return { element, item };
  }
  throw new Error(`no tree item ${label}`);
}

function tooltipText(item: vscode.TreeItem): string {
  const tip = item.tooltip;
  return (tip instanceof vscode.MarkdownString ? tip.value : String(tip ?? '')).replace(/&nbsp;/g, ' ').replace(/\\/g, '');
}

async function lensesOf(file: string): Promise<vscode.CodeLens[]> {
  const uri = vscode.Uri.joinPath(exampleFolder().uri, ...file.split('/'));
  await vscode.workspace.openTextDocument(uri);
  return waitFor(`lenses on ${file}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    return lenses.some((lens) => lens.command?.command === 'certify.runStep') ? lenses : undefined;
  });
}

suite('Certify runs', () => {
  let api: RunsApi;
  let root: string;
  let recordFile: string;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = (await activeExtension(45_000)).exports as RunsApi;
    await within('api.ready', api.ready, 30_000);
    root = exampleFolder().uri.fsPath;
    recordFile = path.join(root, '.certify', SERVICE, 'record.json');
    // The copy of the example repo may carry a record from a certification run there: these tests need notes fresh.
    await fs.rm(path.join(root, '.certify', SERVICE), { recursive: true, force: true });
    await waitFor('notes to show a fresh record', async () => {
      const { item } = await child(api.servicesTree, undefined, SERVICE);
      return typeof item.description === 'string' && item.description.endsWith('· 0/9');
    });
  });

  test('the certify task type lists the nine steps and "all steps" of every service', async function () {
    this.timeout(30_000);
    const tasks = await waitFor('certify tasks', async () => {
      const found = await vscode.tasks.fetchTasks({ type: 'certify' });
      return found.length > 0 ? found : undefined;
    });
    const notes = tasks.filter((task) => (task.definition as { service?: string }).service === SERVICE);
    assert.deepEqual(
      notes.map((task) => task.name),
      [
        'notes — Step 1 (Implement)',
        'notes — Step 2 (Test)',
        'notes — Step 3 (Recreate)',
        'notes — Step 4 (Backup Plan)',
        'notes — Step 5 (Populate)',
        'notes — Step 6 (Test Backup)',
        'notes — Step 7 (Execute Backup)',
        'notes — Step 8 (Wipe)',
        'notes — Step 9 (Restore & Verify)',
        'notes — all steps',
      ],
    );
    assert.deepEqual(notes[2].definition, { type: 'certify', service: SERVICE, step: 3 });
    assert.deepEqual(notes[9].definition, { type: 'certify', service: SERVICE, step: 'all' });
    assert.equal(notes[0].source, 'Certify');
    assert.equal((notes[0].scope as vscode.WorkspaceFolder).name, exampleFolder().name);
    for (const service of ['gitea', 'monitoring', 'nextcloud', 'postgresql', 'vaultwarden']) {
      assert.equal(tasks.filter((task) => (task.definition as { service?: string }).service === service).length, 10, service);
    }
  });

  test('Show Plan opens a read-only dry run of the step with its actions and commands', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('certify.showPlan', exampleFolder().uri, SERVICE, 1);
    const editor = await waitFor('the plan document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'certify-plan' && vscode.window.activeTextEditor);
    const text = editor.document.getText();
    assert.match(text, /^Certify run plan for notes against /);
    assert.match(text, /^Step 1 \(Implement\)$/m);
    assert.match(text, /^ {2}1\. Run the deploy playbook \(timed\) \[local\]$/m);
    assert.match(text, /^ {5}\$ .*ansible-playbook .*playbooks\/notes-deploy\.yml$/m);
    assert.match(text, /The container starts with the host \(pct config: onboot\) \[proxmox\]/);
    assert.doesNotMatch(text, /Step 2 \(Test\)/, 'a step row shows its own plan only');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a step that can start shows its plan in its tooltip; a blocked one says why', async function () {
    this.timeout(60_000);
    const tree = api.servicesTree as Tree;
    const notes = await child(tree, undefined, SERVICE);
    const implement = await child(tree, notes.element, '1 Implement');
    assert.equal(implement.item.tooltip, undefined, 'the plan is worked out when the tooltip is shown');
    assert.match(String(implement.item.contextValue), /\bcanStart\b/);
    assert.ok(tree.resolveTreeItem, 'the tree resolves tooltips');
    const resolved = await tree.resolveTreeItem(implement.item, implement.element, new vscode.CancellationTokenSource().token);
    const tip = tooltipText(resolved ?? implement.item);
    assert.match(tip, /Step 1: Implement Service/);
    assert.match(tip, /Plan/);
    assert.match(tip, /1\. Run the deploy playbook \(timed\) \[local\]/);

    const wipe = await child(tree, notes.element, '8 Wipe');
    assert.doesNotMatch(String(wipe.item.contextValue), /\bcanStart\b/);
    assert.match(tooltipText(wipe.item), /Blocked: Step 8 \(Wipe\) needs a verified backup/);
  });

  test('the deploy playbook heads with Deploy, a locked Step 3 that says why, and Certify all steps', async function () {
    this.timeout(60_000);
    const lenses = await lensesOf('playbooks/notes-deploy.yml');
    const runs = lenses.filter((lens) => lens.range.start.line === 0);
    assert.deepEqual(
      runs.map((lens) => lens.command?.title),
      ['$(play) Deploy', '$(lock) Step 3 blocked: pass Step 1 (Implement) first', '$(run-all) Certify all steps'],
    );
    assert.deepEqual(runs[0].command?.arguments?.slice(1), [SERVICE, 'implement']);
    assert.equal(runs[1].command?.command, 'certify.explainBlocked');
    assert.equal(runs[2].command?.command, 'certify.certifyAll');
    const backup = await lensesOf('playbooks/backup-infrastructure.yml');
    assert.deepEqual(backup.map((lens) => lens.command?.title), ['$(archive) Run backup…']);
    assert.deepEqual(backup[0].command?.arguments?.slice(1), [undefined, 'test-backup']);
  });

  test('Step 2 on a fresh record is refused by its gate, says so, and leaves the record as it was', async function () {
    this.timeout(90_000);
    assert.equal(existsSync(recordFile), false, 'notes starts without a record');
    const end = (await vscode.commands.executeCommand('certify.runStep', exampleFolder().uri, SERVICE, 2)) as RunEnd;
    assert.equal(end.message, 'notes: Step 2 (Test) is locked: pass Step 1 (Implement) first.');
    assert.equal(end.level, 'warning');
    assert.equal(end.exitCode, 7);
    assert.deepEqual(end.results, [{ step: 'test-external', status: 'refused', reason: 'Step 2 (Test) is locked: pass Step 1 (Implement) first.' }]);
    // The terminal showed the header, the gate's refusal, the result line and the exit code.
    assert.match(end.text, /^Certify · notes · Step 2 \(Test\)$/m);
    assert.match(end.text, /■ Step 2 \(Test\): refused — Step 2 \(Test\) is locked: pass Step 1 \(Implement\) first\./);
    assert.match(end.text, /Exit code 7\.\n/);
    assert.equal(api.runs.lastEnd(SERVICE)?.message, end.message);
    assert.deepEqual(api.runs.running(), []);
    assert.equal(existsSync(recordFile), false, 'a refused step writes no record');
    const terminal = vscode.window.terminals.find((candidate) => candidate.name === 'Certify: notes — Step 2 (Test)');
    assert.ok(terminal, `no run terminal (terminals: ${vscode.window.terminals.map((t) => t.name).join(', ')})`);
    terminal.dispose();
  });

  test('the same refusal from a task ends the task with the exit code', async function () {
    this.timeout(90_000);
    const [task] = (await vscode.tasks.fetchTasks({ type: 'certify' })).filter((candidate) => candidate.name === 'notes — Step 2 (Test)');
    assert.ok(task, 'no task for notes Step 2');
    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== task.name) return;
        listener.dispose();
        resolve(event.exitCode);
      });
    });
    const runEnded = new Promise<RunEnd>((resolve) => {
      const listener = api.runs.onDidEnd((end) => {
        listener.dispose();
        resolve(end);
      });
    });
    await vscode.tasks.executeTask(task);
    const end = await within('the task run to end', runEnded, 60_000);
    assert.equal(end.message, 'notes: Step 2 (Test) is locked: pass Step 1 (Implement) first.');
    assert.equal(await within('the task process to end', ended, 30_000), 7);
    assert.equal(existsSync(recordFile), false);
  });

  test('a run while another holds the service (another window, the CLI) says who, and changes nothing', async function () {
    this.timeout(90_000);
    const lockDir = path.join(root, '.certify', SERVICE, 'run');
    const end = await withServiceLock(lockDir, { owner: 'certify run (integration test)' }, async () => {
      return (await vscode.commands.executeCommand('certify.runStep', exampleFolder().uri, SERVICE, 1)) as RunEnd;
    });
    assert.equal(end.exitCode, 5);
    assert.match(end.message, /^notes is being certified elsewhere\. Another Certify \(certify run \(integration test\), pid \d+ on .+\) is working on this service\./);
    assert.equal(existsSync(recordFile), false);
    vscode.window.terminals.find((candidate) => candidate.name === 'Certify: notes — Step 1 (Implement)')?.dispose();
  });
});
