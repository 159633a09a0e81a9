// "Open Example Repo": copies the bundled examples/homelab to the extension's storage (once,
// never over the user's changes) and opens it in a new window.

import { promises as fs } from 'node:fs';
import { vscode } from '../vscodeApi';
import type { CertifyContext } from '../context';
import { ACTIONS, notify } from '../notify';

export function openExample(ctx: CertifyContext) {
  return async (): Promise<void> => {
    const source = vscode.Uri.joinPath(ctx.extensionUri, 'examples', 'homelab');
    const target = vscode.Uri.joinPath(ctx.globalStorageUri, 'example-homelab');
    try {
      await fs.access(target.fsPath).catch(async () => {
        await fs.mkdir(ctx.globalStorageUri.fsPath, { recursive: true });
        await fs.cp(source.fsPath, target.fsPath, { recursive: true, errorOnExist: true, force: false });
      });
    } catch (error) {
      ctx.log.error('could not copy the example repo', error as Error);
      notify('error', `Open Example Repo: cannot copy it to ${target.fsPath} (${(error as Error).message}).`, ACTIONS.showLog(ctx.log));
      return;
    }
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: true });
  };
}
