// The extension's one log: a LogOutputChannel created before anything else, so even a failed
// activation leaves its reason in Output › Certify.

import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Certify', { log: true });
}

/** Logs an error and shows it to the user with what to do next. */
export function reportError(log: Log, message: string, error: unknown): void {
  log.error(message, error instanceof Error ? error : String(error));
  void vscode.window.showErrorMessage(`Certify: ${displayText(message)}`, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log.show();
  });
}
