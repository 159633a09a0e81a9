// A Certify fix (replace and create edits, repo-relative) as a VS Code WorkspaceEdit.

import { vscode } from './vscodeApi';
import type { Fix, FixEdit } from '../core/findings';
import { textRange } from './findingRanges';

export function fixToWorkspaceEdit(folder: vscode.Uri, fix: Fix | { edits: FixEdit[] }, metadata?: vscode.WorkspaceEditEntryMetadata): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) {
    const uri = vscode.Uri.joinPath(folder, ...change.file.split('/'));
    if (change.kind === 'replace') edit.replace(uri, textRange(change.range), change.newText, metadata);
    // ignoreIfExists: a fix never overwrites a file someone created meanwhile.
    else edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(change.content) }, metadata);
  }
  return edit;
}
