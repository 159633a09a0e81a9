// A Certify fix (replace and create edits, repo-relative) as a VS Code WorkspaceEdit.

import { vscode } from './vscodeApi';
import type { Fix, FixEdit } from '../core/findings';
import { textRange } from './findingRanges';

/** `metadata` for every edit, or per edit (each under its own label in the refactor preview). */
export function fixToWorkspaceEdit<E extends FixEdit>(
  folder: vscode.Uri,
  fix: Fix | { edits: readonly E[] },
  metadata?: vscode.WorkspaceEditEntryMetadata | ((change: E) => vscode.WorkspaceEditEntryMetadata),
): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits as readonly E[]) {
    const uri = vscode.Uri.joinPath(folder, ...change.file.split('/'));
    const entry = typeof metadata === 'function' ? metadata(change) : metadata;
    if (change.kind === 'replace') edit.replace(uri, textRange(change.range), change.newText, entry);
    // ignoreIfExists: a fix never overwrites a file someone created meanwhile.
    else edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(change.content) }, entry);
  }
  return edit;
}
