// The lab's commands in a real VS Code: "Lab Status" shows what `certify lab status` prints, and
// "Start Local Lab" / "Stop Local Lab" bring the default lab up and remove it again, in the
// extension host (the editor runs as root here, as CI does). A lab that was already up before
// the suite is left as it was: only its status is checked then.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './testUtils';

async function statusShown(): Promise<string> {
  await vscode.commands.executeCommand('certify.labStatus');
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'Lab Status opened no editor');
  const text = editor.document.getText();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return text;
}

suite('Certify lab commands', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await activeExtension(45_000);
  });

  test('Lab Status names the lab, its API and its node, and says whether it is up', async function () {
    this.timeout(60_000);
    const text = await statusShown();
    assert.match(text, /^lab 'certify' in \/var\/lib\/certify-lab\/certify: (up|down|NOT fully up)/);
    assert.match(text, /API {3}https:\/\/127\.0\.0\.1:\d+\/api2\/json/);
    assert.match(text, /daemons:\n {4}dns-public/);
  });

  test('Start Local Lab brings the lab up with every daemon; Stop Local Lab removes it', async function () {
    this.timeout(240_000);
    if (/: up\n/.test(await statusShown())) {
      // Someone's lab is running on this machine: never take it down from a test.
      assert.match(await statusShown(), /forwarder +running \(pid \d+\)/);
      return;
    }
    await vscode.commands.executeCommand('certify.startLab');
    const up = await statusShown();
    assert.match(up, /: up\n/, up);
    assert.equal((up.match(/running \(pid \d+\)/g) ?? []).length, 7, up);
    await vscode.commands.executeCommand('certify.stopLab');
    const down = await statusShown();
    assert.match(down, /: down\n/, down);
    assert.match(down, /containers: none/);
  });
});
