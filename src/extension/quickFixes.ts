// Quick fixes for Certify's diagnostics: each finding's fixes become code actions that apply
// precise edits, or create a missing file (never overwriting one).

import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';
import type { Diagnostics } from './diagnostics';
import { DIAGNOSTIC_SOURCE } from './findingRanges';
import { fixToWorkspaceEdit } from './fixEdits';
import type { OpenRepos } from './openRepos';

export class QuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly repos: OpenRepos,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const repo = this.repos.repoOf(document.uri)?.repo;
    if (!repo) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      for (const fix of this.diagnostics.finding(diagnostic)?.fixes ?? []) {
        const action = new vscode.CodeAction(displayText(fix.title), vscode.CodeActionKind.QuickFix);
        action.edit = fixToWorkspaceEdit(repo.folder.uri, fix);
        action.diagnostics = [diagnostic];
        action.isPreferred = (this.diagnostics.finding(diagnostic)?.fixes?.length ?? 0) === 1;
        actions.push(action);
      }
    }
    return actions;
  }
}
