// Notifications that say what they are about and offer the action that fixes it: every toast
// Certify shows goes through here, with its buttons and what each one does.

import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';
import { COMMAND_IDS } from './commandIds';
import type { Log } from './log';

export interface NotifyAction {
  title: string;
  run: () => unknown;
}

/** Shows `message` (made display-safe, prefixed "Certify: ") with buttons; runs the one chosen. */
export function notify(level: 'info' | 'warning' | 'error', message: string, ...actions: NotifyAction[]): void {
  const show =
    level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(`Certify: ${displayText(message)}`, ...actions.map((action) => action.title)).then((choice) => {
    const chosen = actions.find((action) => action.title === choice);
    if (!chosen) return;
    Promise.resolve(chosen.run()).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`Certify: "${chosen.title}" failed: ${displayText(error instanceof Error ? error.message : error)}`);
    });
  });
}

/** Buttons many notifications share. */
export const ACTIONS = {
  showLog: (log: Log): NotifyAction => ({ title: 'Show Log', run: () => log.show() }),
  refresh: (): NotifyAction => ({ title: 'Refresh Services', run: () => vscode.commands.executeCommand(COMMAND_IDS.refresh) }),
  showServices: (): NotifyAction => ({ title: 'Show Services', run: () => vscode.commands.executeCommand('workbench.view.extension.certify') }),
  newService: (): NotifyAction => ({ title: 'New Service…', run: () => vscode.commands.executeCommand(COMMAND_IDS.newService) }),
  openFolder: (): NotifyAction => ({ title: 'Open Folder…', run: () => vscode.commands.executeCommand('workbench.action.files.openFolder') }),
  openFile: (folder: vscode.Uri, file: string): NotifyAction => ({
    title: 'Open File',
    run: () => vscode.window.showTextDocument(vscode.Uri.joinPath(folder, ...file.split('/'))),
  }),
} as const;
