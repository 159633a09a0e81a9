// Integration tests: diagnostics as you type on a service definition land on the right
// ranges, carry source and rule id, and a quick fix makes its diagnostic go away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, exampleFolder, waitFor, within } from './testUtils';

const certifyDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'certify');

const codeOf = (diagnostic: vscode.Diagnostic): string => String(diagnostic.code);

async function openDefinition(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(exampleFolder().uri, 'services', 'gitea.yml'));
  return vscode.window.showTextDocument(document);
}

async function replaceLine(editor: vscode.TextEditor, line: number, text: string): Promise<void> {
  const ok = await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, text));
  assert.ok(ok, `could not edit line ${line + 1}`);
}

suite('Certify diagnostics and quick fixes', () => {
  let editor: vscode.TextEditor;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = await activeExtension(45_000);
    await within('api.ready', ext.exports.ready, 30_000);
  });

  setup(async () => {
    editor = await openDefinition();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the example definition has no Certify diagnostics', async () => {
    await waitFor('the definition to be validated clean', () => certifyDiagnostics(editor.document.uri).length === 0, 10_000);
  });

  test('a broken definition shows schema diagnostics on the exact key and value', async () => {
    // Line 5 is `container_id: 160 …`, line 6 `hostname: gitea`.
    await replaceLine(editor, 4, 'container_id: "one-sixty"');
    await replaceLine(editor, 5, 'hostnme: gitea');
    const diagnostics = await waitFor('two schema diagnostics', () => {
      const found = certifyDiagnostics(editor.document.uri).filter((d) => codeOf(d) === 'schema');
      return found.length >= 2 ? found : undefined;
    });
    const wrongType = diagnostics.find((d) => d.range.start.line === 4);
    assert.ok(wrongType, `no diagnostic on line 5: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message]))}`);
    assert.deepEqual([wrongType.range.start.character, wrongType.range.end.line, wrongType.range.end.character], [14, 4, 25]);
    assert.equal(wrongType.severity, vscode.DiagnosticSeverity.Error);
    assert.match(wrongType.message, /container_id/);

    const unknownKey = diagnostics.find((d) => d.range.start.line === 5);
    assert.ok(unknownKey, 'no diagnostic on the misspelt key');
    assert.deepEqual([unknownKey.range.start.character, unknownKey.range.end.character], [0, 7]);
    assert.match(unknownKey.message, /hostnme/);
  });

  test('a container id that contradicts the role defaults has a quick fix that clears it', async () => {
    await replaceLine(editor, 4, 'container_id: 999');
    const mismatch = await waitFor('a definition-mismatch diagnostic', () =>
      certifyDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'definition-mismatch'),
    );
    assert.deepEqual([mismatch.range.start.line, mismatch.range.start.character, mismatch.range.end.character], [4, 14, 17]);
    assert.match(mismatch.message, /160/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      mismatch.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // Actions coming back through the command API carry their edit and title (diagnostics are not round-tripped).
    const fix = actions.find((action) => action.edit && /container_id: 160/.test(action.title));
    assert.ok(fix?.edit, `no quick fix offered; actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix did not apply');
    assert.equal(editor.document.lineAt(4).text, 'container_id: 160');
    await waitFor('the mismatch to go away', () => !certifyDiagnostics(editor.document.uri).some((d) => codeOf(d) === 'definition-mismatch'));
  });
});
