// Show Plan's read-only documents (`certify-plan:` URIs): a dry run of a service's steps, as
// `certify run --dry-run` prints it. Read-only, so closing one never asks to save it; each show
// is a new URI, because VS Code hands back a document it still holds with its old text.

import { vscode } from '../vscodeApi';

export class PlanDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'certify-plan';
  private readonly texts = new Map<string, string>();
  private shown = 0;

  /** A URI whose document reads `text`, titled `title` (e.g. "notes — Step 3 (Recreate) plan"). */
  show(title: string, text: string): vscode.Uri {
    this.shown += 1;
    const uri = vscode.Uri.from({ scheme: PlanDocuments.scheme, path: `${title.replace(/[/\\]/g, '-')}.txt`, query: String(this.shown) });
    this.texts.set(uri.query, text.endsWith('\n') ? text : `${text}\n`);
    // Only the latest few are kept: an older tab reopened shows the newest plan.
    for (const key of this.texts.keys()) if (this.texts.size > 10) this.texts.delete(key);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? [...this.texts.values()].pop() ?? '';
  }
}
