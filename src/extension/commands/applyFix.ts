// Applies a fix offered by a CodeLens (for example: create the missing README from a template).

import { vscode } from '../vscodeApi';
import { displayText } from '../../core/displayText';
import type { Fix } from '../../core/findings';
import type { CertifyContext } from '../context';
import { fixToWorkspaceEdit } from '../fixEdits';
import { ACTIONS, notify } from '../notify';

export function applyFix(ctx: CertifyContext) {
  return async (folder: vscode.Uri, fix: Fix): Promise<void> => {
    const applied = await vscode.workspace.applyEdit(fixToWorkspaceEdit(folder, fix));
    if (!applied) {
      ctx.log.warn(`fix "${fix.title}" was not applied`);
      const file = fix.edits[0]?.file;
      notify(
        'warning',
        `"${displayText(fix.title)}" was not applied: ${file ? displayText(file) : 'the file'} changed since the lens was drawn. Use the lens again once it is redrawn.`,
        ...(file && !fix.edits.every((edit) => edit.kind === 'create') ? [ACTIONS.openFile(folder, file)] : []),
      );
      return;
    }
    const created = fix.edits.find((edit) => edit.kind === 'create');
    if (created) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, ...created.file.split('/')));
  };
}
