// Applies a fix offered by a CodeLens (for example: create the missing README from a template).

import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { Fix } from '../../core/findings';
import type { CertifyContext } from '../context';
import { fixToWorkspaceEdit } from '../fixEdits';

export function applyFix(ctx: CertifyContext) {
  return async (folder: vscode.Uri, fix: Fix): Promise<void> => {
    const applied = await vscode.workspace.applyEdit(fixToWorkspaceEdit(folder, fix));
    if (!applied) {
      ctx.log.warn(`fix "${fix.title}" was not applied`);
      void vscode.window.showWarningMessage(`Certify: "${displayText(fix.title)}" could not be applied; the file may have changed. Try again.`);
      return;
    }
    const created = fix.edits.find((edit) => edit.kind === 'create');
    if (created) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, ...created.file.split('/')));
  };
}
